package dev.poolform.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.poolform.cli.CliRun;
import dev.poolform.testing.moto.MotoServer;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.autoscaling.model.AutoScalingGroup;
import software.amazon.awssdk.services.ec2.model.InstanceStateName;

/**
 * {@code engine = "cloud"} through the CLI against moto and its instance refresh extension.
 *
 * <p>With {@code auto_rollback}, a refresh whose new instances fail their EC2 status checks (an
 * image moto is told is impaired, as a broken kernel would be) is rolled back by AWS; the group
 * ends on the launch template version it had, the apply fails saying so, state still holds the old
 * spec, and the next plan shows the rollout again. A good image then rolls out and the group moves
 * to the new version. A second change while a refresh runs (the apply that started it killed) ends,
 * at the next apply, with every machine on the last spec.
 */
class AwsCloudRolloutIT {
  static final String REGION = "eu-west-1";
  static final String GOOD = "ami-0aaaaaaaaaaaaaaaa";
  static final String BAD = "ami-0ddddddddddddddd1";
  static final String FIXED = "ami-0bbbbbbbbbbbbbbbb";
  static final String LABELS = "  labels = { team = \"web\" }\n";
  @TempDir Path dir;
  Workspace ws;
  MotoClients clients;

  @BeforeEach
  void setUp() {
    MotoServer moto = MotoServer.shared();
    moto.reset();
    moto.settings(java.util.Map.of("impaired_images", List.of(BAD)));
    clients = MotoClients.open(moto, REGION);
    ws = new Workspace(dir);
    ws.env.put("AWS_REGION", REGION);
    ws.env.put("AWS_ENDPOINT_URL", moto.endpoint().toString());
    ws.env.put("POOLFORM_POLL_INTERVAL", "50ms");
  }

  @AfterEach
  void tearDown() {
    clients.close();
  }

  static String config(String image) {
    return config(image, "");
  }

  static String config(String image, String labels) {
    return "cloud aws prod {\n  region = \""
        + REGION
        + "\"\n}\n"
        + "pool \"web-rb\" on prod {\n"
        + "  capacity { min = 0  max = 4  desired = 2 }\n"
        + "  machine  { size = \"t3.micro\"  image = \""
        + image
        + "\"  zones = [\""
        + REGION
        + "a\"] }\n"
        + "  rollout  { max_surge = 1  max_unavailable = 0  min_ready = 0s  engine = \"cloud\"  auto_rollback = true }\n"
        + labels
        + "}\n";
  }

  /**
   * Pool {@code web-2c} of two machines in one zone, rolled out by instance refresh, whose machines
   * may be any of {@code types}; {@code minReady} is the refresh's warm-up.
   */
  static String typedConfig(String image, String minReady, String... types) {
    return "cloud aws prod {\n  region = \""
        + REGION
        + "\"\n}\n"
        + "pool \"web-2c\" on prod {\n"
        + "  capacity { min = 0  max = 4  desired = 2 }\n"
        + "  machine  { size = \""
        + types[0]
        + "\"  instance_types = [\""
        + String.join("\", \"", types)
        + "\"]  image = \""
        + image
        + "\"  zones = [\""
        + REGION
        + "a\"] }\n"
        + "  rollout  { max_surge = 1  max_unavailable = 0  min_ready = "
        + minReady
        + "  engine = \"cloud\" }\n"
        + "}\n";
  }

  /**
   * The second change while a refresh runs, through the {@code pool} command: an apply's refresh to
   * image B is held by its warm-up and the apply is killed (its refresh keeps running on AWS); the
   * spec then changes again, to image C and other instance types. The next apply must not wait on
   * the refresh to B, and AWS refuses the new mixed instances policy while that refresh runs: the
   * apply cancels it, updates the group, and rolls every machine onto C.
   */
  @Test
  void aSecondChangeWhileARefreshRunsEndsOnTheLastSpec() throws Exception {
    ws.env.put("AWS_ACCESS_KEY_ID", MotoClients.KEY);
    ws.env.put("AWS_SECRET_ACCESS_KEY", MotoClients.KEY);
    ws.write("main.pool", typedConfig(GOOD, "0s", "t3.micro", "t3.small"));
    ws.expect(0, "apply", "--auto-approve", "main.pool");

    ws.write("main.pool", typedConfig(FIXED, "10m", "t3.micro", "t3.small"));
    ChildApply child = ChildApply.start(ws);
    try {
      long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(120);
      while (!runningImages().contains(FIXED) || !refreshRunning("web-2c")) {
        if (System.nanoTime() > deadline || !child.process().isAlive()) {
          throw new AssertionError("the refresh to B never got going:\n" + child.output());
        }
        Thread.sleep(100);
      }
    } finally {
      child.process().destroyForcibly();
      child.process().waitFor(30, java.util.concurrent.TimeUnit.SECONDS);
    }
    ChildApply.forceUnlockIfLocked(ws);
    assertThat(refreshRunning("web-2c")).as("the killed apply's refresh runs on").isTrue();

    String last = "ami-0cccccccccccccccc";
    ws.write("main.pool", typedConfig(last, "0s", "t3.small", "t3.medium"));
    CliRun second = ws.expect(0, "apply", "--auto-approve", "main.pool");
    assertThat(second.out() + second.err()).contains("started cloud rollout");
    assertThat(runningImages()).hasSize(2).containsOnly(last);
    var mixed =
        clients
            .asg()
            .describeAutoScalingGroups(b -> b.autoScalingGroupNames("web-2c"))
            .autoScalingGroups()
            .get(0)
            .mixedInstancesPolicy();
    assertThat(mixed.launchTemplate().launchTemplateSpecification().version())
        .as("the group ends on the last version")
        .isEqualTo("3");
    assertThat(mixed.launchTemplate().overrides())
        .extracting(o -> o.instanceType())
        .containsExactly("t3.small", "t3.medium");
    assertThat(
            clients
                .asg()
                .describeInstanceRefreshes(b -> b.autoScalingGroupName("web-2c"))
                .instanceRefreshes())
        .extracting(r -> r.statusAsString())
        .containsExactlyInAnyOrder("Cancelled", "Successful");
    ws.expect(0, "plan", "--detailed-exitcode", "main.pool");
  }

  private boolean refreshRunning(String group) {
    return clients
        .asg()
        .describeInstanceRefreshes(b -> b.autoScalingGroupName(group))
        .instanceRefreshes()
        .stream()
        .anyMatch(r -> r.statusAsString().equals("InProgress"));
  }

  private AutoScalingGroup group() {
    return clients
        .asg()
        .describeAutoScalingGroups(b -> b.autoScalingGroupNames("web-rb"))
        .autoScalingGroups()
        .get(0);
  }

  private List<String> runningImages() {
    return clients.ec2().describeInstances().reservations().stream()
        .flatMap(r -> r.instances().stream())
        .filter(i -> i.state().name() == InstanceStateName.RUNNING)
        .map(i -> i.imageId())
        .toList();
  }

  @Test
  void aRolledBackRefreshLeavesThePreviousVersionAndTheRolloutPending() throws Exception {
    ws.write("main.pool", config(GOOD));
    ws.expect(0, "apply", "--auto-approve");
    String appliedHash =
        ws.state().path("resources").path("pool.web-rb").path("spec_hash").asText();
    assertThat(group().launchTemplate().version()).isEqualTo("1");

    // Labels change in the same apply: their template version carries the new image too, so it
    // must not be pinned before the refresh either.
    ws.write("main.pool", config(BAD, LABELS));
    CliRun failed = ws.expect(1, "apply", "--auto-approve");
    assertThat(failed.out() + failed.err())
        .contains("ended rolled back")
        .contains("failed their health checks");
    assertThat(group().launchTemplate().version())
        .as("AWS restored the version the group had")
        .isEqualTo("1");
    assertThat(runningImages()).hasSize(2).containsOnly(GOOD);
    assertThat(ws.state().path("resources").path("pool.web-rb").path("spec_hash").asText())
        .as("state does not claim the new spec")
        .isEqualTo(appliedHash);
    CliRun plan = ws.expect(2, "plan", "--detailed-exitcode");
    assertThat(plan.out()).contains("pool.web-rb").contains(BAD);

    ws.write("main.pool", config(FIXED, LABELS));
    ws.expect(0, "apply", "--auto-approve");
    assertThat(group().launchTemplate().version())
        .as("the refresh set its desired configuration")
        .isEqualTo("3");
    assertThat(group().tags()).anyMatch(t -> t.key().equals("team") && t.value().equals("web"));
    assertThat(runningImages()).hasSize(2).containsOnly(FIXED);
    ws.expect(0, "plan", "--detailed-exitcode");
  }
}
