package dev.poolform.provider.aws.session;

import dev.poolform.provider.aws.connect.AwsClients;
import dev.poolform.runtime.provider.ProviderException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.services.ec2.model.DescribeImagesRequest;
import software.amazon.awssdk.services.ec2.model.Filter;

/**
 * The root device name of each image ({@code RootDeviceName} of DescribeImages): where a pool's
 * {@code disk} settings must go. Amazon Linux boots from {@code /dev/xvda}, but Ubuntu, Debian,
 * RHEL and Windows images from {@code /dev/sda1}; a mapping for any other name adds an empty volume
 * and leaves the root as the image made it (docs/providers/aws.md#real-cloud-notes). An image never
 * changes its root device, so each is read once per session, many per call, by an {@code image-id}
 * filter (which, unlike {@code ImageIds}, does not fail the call for an image that is gone).
 */
final class RootDevices {
  /** Filter values per DescribeImages call. */
  static final int BATCH = 200;

  private final AwsClients aws;
  private final Map<String, String> byImage = new ConcurrentHashMap<>();

  RootDevices(AwsClients aws) {
    this.aws = aws;
  }

  /** The root device of {@code image}, or empty when EC2 does not know the image. */
  Optional<String> of(String image) throws ProviderException {
    return Optional.ofNullable(of(List.of(image)).get(image));
  }

  /** The root devices of those of {@code images} EC2 knows, reading only those not known yet. */
  Map<String, String> of(Collection<String> images) throws ProviderException {
    List<String> unknown = images.stream().distinct().filter(i -> !byImage.containsKey(i)).toList();
    for (int i = 0; i < unknown.size(); i += BATCH) {
      List<String> batch = new ArrayList<>(unknown.subList(i, Math.min(unknown.size(), i + BATCH)));
      String token = null;
      do {
        String t = token;
        var r =
            Calls.read(
                "reading the root devices of images " + batch,
                () ->
                    aws.ec2Read()
                        .describeImages(
                            DescribeImagesRequest.builder()
                                .filters(Filter.builder().name("image-id").values(batch).build())
                                .nextToken(t)
                                .build()));
        r.images()
            .forEach(
                im -> {
                  if (im.rootDeviceName() != null) byImage.put(im.imageId(), im.rootDeviceName());
                });
        token = r.nextToken();
      } while (token != null && !token.isEmpty());
    }
    Map<String, String> out = new HashMap<>();
    for (String im : images) {
      String root = byImage.get(im);
      if (root != null) out.put(im, root);
    }
    return out;
  }
}
