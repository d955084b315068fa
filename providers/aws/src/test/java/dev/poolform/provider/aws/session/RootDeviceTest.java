package dev.poolform.provider.aws.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.poolform.ir.IrPool;
import dev.poolform.provider.aws.harness.AwsPools;
import dev.poolform.provider.aws.harness.Sessions;
import dev.poolform.runtime.provider.CapacityRequest;
import dev.poolform.runtime.provider.GroupRef;
import dev.poolform.runtime.provider.ObservedMachine;
import dev.poolform.runtime.provider.ProviderException;
import dev.poolform.stdlib.value.BytesValue;
import dev.poolform.stdlib.value.IntValue;
import dev.poolform.stdlib.value.MapValue;
import dev.poolform.stdlib.value.StringValue;
import dev.poolform.stdlib.value.Value;
import dev.poolform.testing.moto.MotoExtension;
import dev.poolform.testing.moto.MotoServer;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.services.ec2.model.DescribeVolumesRequest;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Volume;

/**
 * Issue 11 rule 8: a pool's {@code disk} settings change the root volume of its machines, wherever
 * the image has it. moto (with the extension, item 7) puts an instance's root volume at its AMI's
 * {@code RootDeviceName}, and a mapping for any other device adds a volume, as AWS does. Before the
 * fix the settings always went to {@code /dev/xvda}: on an image booting from {@code /dev/sda1} the
 * machine got an extra empty volume and its root stayed as the image made it.
 */
@ExtendWith(MotoExtension.class)
class RootDeviceTest {
  /** moto's built-in Windows Server image: root device {@code /dev/sda1}, like Ubuntu or RHEL. */
  static final String SDA1_IMAGE = "ami-03cf127a";

  /** moto's built-in Amazon Linux image: root device {@code /dev/xvda}. */
  static final String XVDA_IMAGE = "ami-760aaa0f";

  static final long GIB = 1L << 30;

  final String lineage = UUID.randomUUID().toString();
  AwsSession session;

  @BeforeEach
  void open(MotoServer moto) throws ProviderException {
    session = Sessions.open(moto.endpoint(), lineage, null);
  }

  @AfterEach
  void close() {
    session.close();
  }

  static MapValue disk(Map<String, Value> settings) {
    return AwsPools.with(AwsPools.machine(SDA1_IMAGE, "t3.micro"), "disk", MapValue.of(settings));
  }

  @ParameterizedTest
  @CsvSource({SDA1_IMAGE + ",/dev/sda1", XVDA_IMAGE + ",/dev/xvda"})
  void diskSettingsChangeTheRootVolumeWhereverTheImageHasIt(String image, String root)
      throws Exception {
    MapValue machine =
        AwsPools.with(
            AwsPools.machine(image, "t3.micro"),
            "disk",
            MapValue.of(Map.of("size", new BytesValue(20 * GIB), "type", new StringValue("gp3"))));
    IrPool p = AwsPools.pool("root-" + root.substring(5), machine, 1);
    GroupRef ref = session.create(AwsPools.spec(p, lineage), CapacityRequest.of(0, 2, 1), "t");

    List<ObservedMachine> ms = session.machines(ref);
    assertThat(ms).hasSize(1);
    List<Volume> volumes = volumesOf(ms.get(0).id());
    assertThat(volumes).as("no extra volume beside the root").hasSize(1);
    Volume v = volumes.get(0);
    assertThat(v.attachments().get(0).device()).isEqualTo(root);
    assertThat(v.size()).isEqualTo(20);
    assertThat(v.volumeTypeAsString()).isEqualTo("gp3");

    // Read back at the root device: in sync with what was asked.
    MapValue read = session.read(List.of(ref)).get(ref.address()).machine();
    assertThat(read.map("disk").orElseThrow().bytes("size")).hasValue(20 * GIB);
  }

  @Test
  void provisionedIopsGoWithTheVolume() throws Exception {
    MapValue machine =
        disk(
            Map.of(
                "size", new BytesValue(20 * GIB),
                "type", new StringValue("io2"),
                "iops", new IntValue(3000)));
    IrPool p = AwsPools.pool("iops", machine, 1);
    GroupRef ref = session.create(AwsPools.spec(p, lineage), CapacityRequest.of(0, 2, 1), "t");
    // Without Iops the emulator refuses the launch, as EC2 does for io1 and io2.
    List<ObservedMachine> ms = session.machines(ref);
    assertThat(ms).hasSize(1);
    MapValue read = session.read(List.of(ref)).get(ref.address()).machine();
    assertThat(read.map("disk").orElseThrow().integer("iops")).hasValue(3000L);
  }

  private List<Volume> volumesOf(String instanceId) {
    return session
        .clients()
        .ec2Read()
        .describeVolumes(
            DescribeVolumesRequest.builder()
                .filters(Filter.builder().name("attachment.instance-id").values(instanceId).build())
                .build())
        .volumes();
  }
}
