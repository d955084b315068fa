package dev.poolform.provider.aws.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.poolform.provider.aws.harness.AwsPools;
import dev.poolform.provider.aws.harness.Sessions;
import dev.poolform.provider.aws.session.AwsSession;
import dev.poolform.runtime.provider.CapacityRequest;
import dev.poolform.runtime.provider.GroupRef;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.localstack.LocalStackContainer;

/**
 * The session's lifecycle against LocalStack (Auto Scaling and EC2). Opt-in with {@code
 * -Plocalstack} on a machine with Docker (the default build leaves it out; the moto tests carry the
 * suite); without Docker it is still reported skipped rather than failed.
 */
@Testcontainers(disabledWithoutDocker = true)
class LocalStackSessionIT {
  @Container
  static final LocalStackContainer LOCALSTACK =
      new LocalStackContainer("localstack/localstack:4.4").withServices("ec2", "autoscaling");

  @Test
  void createReadScaleDelete() throws Exception {
    try (AwsSession s = Sessions.open(LOCALSTACK.getEndpoint(), "ls", null)) {
      GroupRef ref =
          s.create(
              AwsPools.spec(
                  AwsPools.pool("ls-web", AwsPools.machine(AwsPools.IMAGE_A, "t3.micro"), 1), "ls"),
              CapacityRequest.of(0, 3, 1),
              "t");
      assertThat(s.read(List.of(ref))).containsKey("pool.ls-web");
      s.setCapacity(ref, CapacityRequest.of(0, 3, 2));
      assertThat(s.read(List.of(ref)).get("pool.ls-web").desired()).isEqualTo(2);
      s.updateModel(
          ref,
          AwsPools.spec(
              AwsPools.pool("ls-web", AwsPools.machine(AwsPools.IMAGE_B, "t3.micro"), 1), "ls"));
      assertThat(s.read(List.of(ref)).get("pool.ls-web").machine().string("image"))
          .contains(AwsPools.IMAGE_B);
      s.delete(ref);
      assertThat(s.read(List.of(ref))).isEmpty();
    }
  }
}
