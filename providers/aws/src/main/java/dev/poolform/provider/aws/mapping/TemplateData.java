package dev.poolform.provider.aws.mapping;

import dev.poolform.stdlib.value.MapValue;
import dev.poolform.stdlib.value.SecretValue;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.ec2.model.LaunchTemplateBlockDeviceMappingRequest;
import software.amazon.awssdk.services.ec2.model.LaunchTemplateEbsBlockDeviceRequest;
import software.amazon.awssdk.services.ec2.model.LaunchTemplateTagSpecificationRequest;
import software.amazon.awssdk.services.ec2.model.RequestLaunchTemplateData;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.Tag;

/**
 * The launch template data of a pool's machine block (docs/providers/aws.md#mapping). User data
 * goes to AWS base64-encoded and is never logged: the SDK redacts it, and Poolform prints only its
 * digest.
 */
public final class TemplateData {
  private TemplateData() {}

  /**
   * The root device of Amazon Linux images: assumed only when EC2 does not know the image (its
   * launches then fail anyway). Otherwise disk settings go to the image's own {@code
   * RootDeviceName}.
   */
  public static final String DEFAULT_ROOT_DEVICE = "/dev/xvda";

  static final long GIB = 1L << 30;

  /**
   * Builds the data; {@code machineTags} go onto instances and volumes, the {@code disk} settings
   * onto {@code rootDevice} (the image's {@code RootDeviceName}).
   */
  public static RequestLaunchTemplateData of(
      MapValue machine, Map<String, String> machineTags, String rootDevice) {
    var b = RequestLaunchTemplateData.builder();
    machine.string("image").ifPresent(b::imageId);
    machine.string("size").ifPresent(b::instanceType);
    machine
        .string("user_data")
        .ifPresent(
            u ->
                b.userData(Base64.getEncoder().encodeToString(u.getBytes(StandardCharsets.UTF_8))));
    machine
        .map("disk")
        .ifPresent(
            d -> {
              var ebs = LaunchTemplateEbsBlockDeviceRequest.builder().deleteOnTermination(true);
              d.bytes("size").ifPresent(s -> ebs.volumeSize((int) ((s + GIB - 1) / GIB)));
              d.string("type").ifPresent(ebs::volumeType);
              d.integer("iops").ifPresent(i -> ebs.iops(Math.toIntExact(i)));
              b.blockDeviceMappings(
                  LaunchTemplateBlockDeviceMappingRequest.builder()
                      .deviceName(rootDevice)
                      .ebs(ebs.build())
                      .build());
            });
    List<Tag> tags = new ArrayList<>();
    machineTags.forEach((k, v) -> tags.add(Tag.builder().key(k).value(v).build()));
    b.tagSpecifications(
        LaunchTemplateTagSpecificationRequest.builder()
            .resourceType(ResourceType.INSTANCE)
            .tags(tags)
            .build(),
        LaunchTemplateTagSpecificationRequest.builder()
            .resourceType(ResourceType.VOLUME)
            .tags(tags)
            .build());
    return b.build();
  }

  /**
   * A digest of everything in the data, kept in the version description so that an interrupted
   * update can tell whether the version it wanted already exists. User data enters only through its
   * digest.
   */
  public static String fingerprint(
      MapValue machine, Map<String, String> machineTags, String rootDevice) {
    StringBuilder sb = new StringBuilder();
    // Only with a disk does the root device enter the data (versions without one keep their print).
    if (machine.map("disk").isPresent()) sb.append("root=").append(rootDevice).append(';');
    machine.entries().forEach((k, v) -> sb.append(k).append('=').append(canonical(v)).append(';'));
    machineTags.entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .forEach(
            e -> sb.append("tag:").append(e.getKey()).append('=').append(e.getValue()).append(';'));
    return "poolform " + SecretValue.sha256Hex(sb.toString()).substring(0, 32);
  }

  private static String canonical(dev.poolform.stdlib.value.Value v) {
    if (v instanceof SecretValue s) return s.shown();
    if (v instanceof MapValue m) {
      StringBuilder sb = new StringBuilder("{");
      m.entries().forEach((k, x) -> sb.append(k).append('=').append(canonical(x)).append(','));
      return sb.append('}').toString();
    }
    return v.toString();
  }
}
