package dev.poolform.provider.aws.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.poolform.runtime.plan.Action;
import dev.poolform.runtime.plan.Plan;
import dev.poolform.testing.moto.MotoExtension;
import dev.poolform.testing.moto.MotoServer;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The AWS examples applied against moto through the runtime facade: apply, an empty plan after, an
 * image change rolled out (every instance replaced, never below desired - max_unavailable), a
 * capacity change scaled, an outside change to desired shown as drift (and not under {@code desired
 * = external}), destroy leaving nothing. moto invents subnet ids, so the examples' subnets are
 * replaced by real ones; {@code min_ready} is set to 0s to keep the test short.
 */
@ExtendWith(MotoExtension.class)
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class ExamplesEndToEndIT {
  static final String REGION = "eu-west-1";
  static final String NEW_IMAGE = "ami-0fedcba9876543210";

  @TempDir Path tmp;
  MotoServer moto;
  MotoWorld world;

  @BeforeEach
  void setUp(MotoServer moto) {
    this.moto = moto;
    this.world = MotoWorld.of(moto, REGION);
    System.setProperty("aws.accessKeyId", "testing");
    System.setProperty("aws.secretAccessKey", "testing");
  }

  @AfterEach
  void tearDown() {
    world.close();
    System.clearProperty("aws.accessKeyId");
    System.clearProperty("aws.secretAccessKey");
  }

  private String withSubnets(String text) {
    List<String> s = world.subnets(REGION + "a", REGION + "b", REGION + "c");
    return text.replace("\"subnet-0a1b2c3d\"", "\"" + s.get(0) + "\"")
        .replace("\"subnet-0e1f2a3b\"", "\"" + s.get(1) + "\"")
        .replace("\"subnet-0c4d5e6f\"", "\"" + s.get(2) + "\"")
        .replaceAll("min_ready\\s*=\\s*\\d+m", "min_ready = 0s");
  }

  /** Samples the group's in-service count while {@code body} runs; returns the lowest seen. */
  private int lowestInServiceDuring(String group, ThrowingRunnable body) throws Exception {
    AtomicBoolean done = new AtomicBoolean();
    AtomicInteger lowest = new AtomicInteger(Integer.MAX_VALUE);
    Thread sampler =
        new Thread(
            () -> {
              while (!done.get()) {
                try {
                  lowest.accumulateAndGet(world.inService(group), Math::min);
                  Thread.sleep(20);
                } catch (Exception e) {
                  return;
                }
              }
            });
    sampler.start();
    try {
      body.run();
    } finally {
      done.set(true);
      sampler.join();
    }
    lowest.accumulateAndGet(world.inService(group), Math::min);
    return lowest.get();
  }

  interface ThrowingRunnable {
    void run() throws Exception;
  }

  @Test
  void webTierOnTheDefaultEngine() throws Exception {
    ExampleWorkspace w =
        new ExampleWorkspace(
            tmp,
            ExampleWorkspace.example("aws/web-asg.pool"),
            moto.endpoint(),
            REGION,
            this::withSubnets);
    w.apply();
    assertThat(world.group("web-prod").desiredCapacity()).isEqualTo(4);
    assertThat(world.running("web-prod")).hasSize(4);
    Plan again = w.plan();
    assertThat(again.hasChanges()).as("changes: %s", again.changes()).isFalse();
    assertThat(again.drift()).isEmpty();

    // New image: a rollout that replaces every machine, never below desired - max_unavailable (4 -
    // 0).
    w.edit(t -> t.replace("ami-0abcdef1234567890", NEW_IMAGE));
    assertThat(w.plan().change("pool.web-prod").orElseThrow().action()).isEqualTo(Action.ROLLOUT);
    var before = world.running("web-prod").keySet();
    int lowest = lowestInServiceDuring("web-prod", w::apply);
    assertThat(lowest).isGreaterThanOrEqualTo(4);
    assertThat(world.running("web-prod"))
        .hasSize(4)
        .doesNotContainKeys(before.toArray(String[]::new));
    assertThat(world.images("web-prod")).containsExactly(NEW_IMAGE);
    assertThat(w.plan().hasChanges()).isFalse();

    // Capacity: a scale.
    w.edit(t -> t.replace("desired = 4", "desired = 6"));
    assertThat(w.plan().change("pool.web-prod").orElseThrow().action()).isEqualTo(Action.SCALE);
    w.apply();
    assertThat(world.running("web-prod")).hasSize(6);

    // Someone else moves desired: drift, and apply puts it back.
    world.asg.setDesiredCapacity(b -> b.autoScalingGroupName("web-prod").desiredCapacity(5));
    Plan drifted = w.plan();
    assertThat(drifted.drift()).isNotEmpty();
    assertThat(drifted.change("pool.web-prod").orElseThrow().isChange()).isTrue();
    w.apply();
    assertThat(world.group("web-prod").desiredCapacity()).isEqualTo(6);

    w.destroy();
    assertThat(world.groups()).isEmpty();
    assertThat(world.templates()).isEmpty();
    assertThat(world.allRunning()).isZero();
  }

  @Test
  void spotBatchOnTheCloudEngine() throws Exception {
    // moto rounds the on-demand share down per term (2 + 10% of 8 gives 9 machines, not 10), so
    // the share is set to one moto computes exactly.
    ExampleWorkspace w =
        new ExampleWorkspace(
            tmp,
            ExampleWorkspace.example("aws/spot-batch.pool"),
            moto.endpoint(),
            REGION,
            t -> withSubnets(t).replace("on_demand_percent = 10%", "on_demand_percent = 50%"));
    w.apply();
    assertThat(world.group("batch-workers").desiredCapacity()).isEqualTo(10);
    assertThat(world.running("batch-workers")).hasSize(10);
    assertThat(w.plan().hasChanges()).isFalse();

    // New image through an instance refresh: MinHealthyPercentage 80 (max_unavailable = 20%).
    w.edit(t -> t.replace("ami-0123456789abcdef0", NEW_IMAGE));
    assertThat(w.plan().change("pool.batch-workers").orElseThrow().action())
        .isEqualTo(Action.ROLLOUT);
    int lowest = lowestInServiceDuring("batch-workers", w::apply);
    assertThat(lowest).isGreaterThanOrEqualTo(8);
    assertThat(world.images("batch-workers")).containsExactly(NEW_IMAGE);
    assertThat(world.running("batch-workers")).hasSize(10);
    assertThat(w.plan().hasChanges()).isFalse();

    w.destroy();
    assertThat(world.groups()).isEmpty();
    assertThat(world.templates()).isEmpty();
  }

  @Test
  void externalDesiredIsNotDrift() throws Exception {
    ExampleWorkspace w =
        new ExampleWorkspace(
            tmp,
            ExampleWorkspace.example("autoscaler.pool"),
            moto.endpoint(),
            REGION,
            this::withSubnets);
    w.apply();
    assertThat(world.group("k8s-workers").desiredCapacity()).isEqualTo(3);
    // The autoscaler scales out: no drift, no change.
    world.asg.setDesiredCapacity(b -> b.autoScalingGroupName("k8s-workers").desiredCapacity(7));
    Plan p = w.plan();
    assertThat(p.hasChanges()).as("changes: %s", p.changes()).isFalse();
    assertThat(p.drift()).isEmpty();
    // Bounds are still Poolform's.
    w.edit(t -> t.replace("min = 3", "min = 4"));
    w.apply();
    assertThat(world.group("k8s-workers").minSize()).isEqualTo(4);
    assertThat(world.group("k8s-workers").desiredCapacity()).isEqualTo(7);
    w.destroy();
    assertThat(world.groups()).isEmpty();
    assertThat(world.templates()).isEmpty();
  }

  /**
   * {@code desired = external} with {@code engine = "cloud"}: the compiler's W0502 says a count is
   * converted against {@code min}, and the instance refresh is started with exactly that
   * percentage, not one of whatever size the autoscaler has set meanwhile.
   */
  @Test
  void externalDesiredCloudRolloutConvertsCountsAgainstMin() throws Exception {
    ExampleWorkspace w =
        new ExampleWorkspace(
            tmp,
            ExampleWorkspace.example("autoscaler.pool"),
            moto.endpoint(),
            REGION,
            t ->
                withSubnets(t)
                    .replaceFirst(
                        "rollout \\{[^}]*}",
                        "rollout { max_surge = 1  max_unavailable = 0  engine = \"cloud\" }"));
    var warnings = w.compileDiagnostics();
    assertThat(warnings)
        .as("the warning the user reads")
        .anyMatch(m -> m.contains("converted against `min` (3): 34%"));
    w.apply();
    world.asg.setDesiredCapacity(b -> b.autoScalingGroupName("k8s-workers").desiredCapacity(5));
    w.edit(t -> t.replace("ami-0abcdef1234567890", NEW_IMAGE));
    w.apply();
    var refresh =
        world
            .asg
            .describeInstanceRefreshes(b -> b.autoScalingGroupName("k8s-workers"))
            .instanceRefreshes()
            .get(0);
    assertThat(refresh.preferences().maxHealthyPercentage())
        .as("1 of min 3 machines, rounded up, as W0502 said")
        .isEqualTo(134);
    assertThat(refresh.preferences().minHealthyPercentage()).isEqualTo(100);
    assertThat(world.images("k8s-workers")).containsExactly(NEW_IMAGE);
    w.destroy();
  }
}
