package dev.poolform.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.poolform.cli.CliRun;
import dev.poolform.testing.moto.MotoServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.autoscaling.AutoScalingClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.InstanceStateName;

/**
 * {@code examples/aws/web-asg.pool} through the CLI against moto (the AWS provider's harness):
 * apply, an empty plan, an image change rolled out to every instance, destroy leaving nothing. moto
 * invents subnet ids, so the example's subnets are replaced by real ones, and {@code min_ready} is
 * 0s.
 */
class AwsCliEndToEndIT {
  static final String REGION = "eu-west-1";
  @TempDir Path dir;
  MotoServer moto;
  MotoClients clients;
  AutoScalingClient asg;
  Ec2Client ec2;
  Map<String, String> env;

  @BeforeEach
  void setUp() throws Exception {
    moto = MotoServer.shared();
    moto.reset();
    clients = MotoClients.open(moto, REGION);
    asg = clients.asg();
    ec2 = clients.ec2();
    // Its own home: the example's user data makes the first plan create a state key there.
    env =
        Map.of(
            "AWS_REGION",
            REGION,
            "AWS_ENDPOINT_URL",
            moto.endpoint().toString(),
            "HOME",
            dir.resolve(".home").toString());
    Files.writeString(dir.resolve("web-asg.pool"), clients.webAsgExample(REGION));
  }

  @AfterEach
  void tearDown() {
    clients.close();
  }

  private CliRun pool(int expected, String... args) {
    CliRun r = CliRun.run(dir, env, "", args);
    assertThat(r.status())
        .as("pool %s\n%s\n%s", String.join(" ", args), r.out(), r.err())
        .isEqualTo(expected);
    assertThat(r.hasStackTrace()).isFalse();
    return r;
  }

  private Set<String> runningImages() {
    return ec2.describeInstances().reservations().stream()
        .flatMap(r -> r.instances().stream())
        .filter(i -> i.state().name() == InstanceStateName.RUNNING)
        .map(i -> i.imageId())
        .collect(Collectors.toSet());
  }

  @Test
  void applyRollOutAndDestroyThroughTheCli() throws Exception {
    pool(2, "plan", "--detailed-exitcode");
    pool(0, "apply", "--auto-approve");
    assertThat(asg.describeAutoScalingGroups().autoScalingGroups())
        .singleElement()
        .satisfies(g -> assertThat(g.instances()).hasSize(4));
    pool(0, "plan", "--detailed-exitcode");

    Path f = dir.resolve("web-asg.pool");
    Files.writeString(
        f, Files.readString(f).replace("ami-0abcdef1234567890", "ami-0fedcba9876543210"));
    pool(2, "plan", "--detailed-exitcode");
    pool(0, "apply", "--auto-approve");
    assertThat(runningImages()).isEqualTo(Set.of("ami-0fedcba9876543210"));
    pool(0, "plan", "--detailed-exitcode");

    pool(0, "destroy", "--auto-approve");
    assertThat(asg.describeAutoScalingGroups().autoScalingGroups()).isEmpty();
    assertThat(ec2.describeLaunchTemplates().launchTemplates()).isEmpty();
    assertThat(runningImages()).isEmpty();
  }

  /**
   * A second configuration (another folder, its own state) declaring the same pool: its plan
   * refuses the create its apply would refuse, at the pool, instead of showing "will be created";
   * nothing of the first configuration's group changes.
   */
  @Test
  void aGroupNameAnotherConfigurationHoldsIsRefusedByThePlan() throws Exception {
    pool(0, "apply", "--auto-approve");
    String owner = lineageTag();
    Path other = Files.createDirectories(dir.resolve("other"));
    Files.copy(dir.resolve("web-asg.pool"), other.resolve("web-asg.pool"));

    CliRun plan = CliRun.run(other, env, "", "plan", "--detailed-exitcode");
    assertThat(plan.status()).as(plan.err()).isEqualTo(1);
    assertThat(plan.hasStackTrace()).isFalse();
    assertThat(plan.out()).doesNotContain("will be created");
    assertThat(plan.err())
        .contains("error[E0602]: pool.web-prod: An Auto Scaling group named `web-prod` already")
        .contains("belongs to `pool.web-prod` of another configuration")
        .contains("`pool state rm pool.web-prod`), then `pool import pool.web-prod web-prod`")
        .contains("web-asg.pool:13:");
    CliRun apply = CliRun.run(other, env, "", "apply", "--auto-approve");
    assertThat(apply.status()).as(apply.err()).isEqualTo(1);
    assertThat(apply.err()).contains("An Auto Scaling group named `web-prod` already exists");
    assertThat(other.resolve("web-asg.state.json")).doesNotExist();
    assertThat(lineageTag()).isEqualTo(owner);
    assertThat(asg.describeAutoScalingGroups().autoScalingGroups())
        .singleElement()
        .satisfies(g -> assertThat(g.instances()).hasSize(4));
  }

  private String lineageTag() {
    return asg.describeAutoScalingGroups().autoScalingGroups().get(0).tags().stream()
        .filter(t -> t.key().equals("poolform:lineage"))
        .findFirst()
        .orElseThrow()
        .value();
  }
}
