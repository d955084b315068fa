package dev.poolform.runtime.engine;

import static dev.poolform.testing.fixtures.Pools.config;
import static dev.poolform.testing.fixtures.Pools.pool;
import static org.assertj.core.api.Assertions.assertThat;

import dev.poolform.ir.IrConfig;
import dev.poolform.runtime.ApplyResult;
import dev.poolform.runtime.state.RolloutProgress;
import dev.poolform.runtime.testing.Harness;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cloud's own rebalancing is suspended while Poolform's engine replaces machines, and resumed
 * however the rollout ends: done, failed, or killed and finished by a later apply.
 */
class RebalancingHoldTest {
  @TempDir Path dir;
  Harness h;
  final IrConfig v1 = config(pool("web").capacity(0, 6, 3).build());
  final IrConfig v2 = config(pool("web").capacity(0, 6, 3).image("img-2").build());

  @BeforeEach
  void setUp() throws Exception {
    h = new Harness(dir);
    h.cloud.rebalances = true;
    h.applyOk(v1);
  }

  private Optional<RolloutProgress> progress() throws Exception {
    return h.state().resource("pool.web").orElseThrow().rollout();
  }

  @Test
  void suspendedWhileMachinesAreReplacedAndResumedAfter() throws Exception {
    // The observer sees every call; only terminations matter (the model update comes first).
    List<Boolean> suspendedAtTermination = new ArrayList<>();
    int[] terminations = {0};
    h.cloud.observer =
        g -> {
          int t = h.cloud.calls("terminate");
          if (t > terminations[0]) {
            terminations[0] = t;
            suspendedAtTermination.add(h.cloud.rebalancingSuspended.contains(g.name));
          }
        };
    h.applyOk(v2);
    assertThat(h.cloud.calls("terminate")).isPositive();
    assertThat(suspendedAtTermination).isNotEmpty().doesNotContain(false);
    assertThat(h.cloud.rebalancingSuspended).isEmpty();
    assertThat(h.cloud.calls("suspendRebalancing")).isEqualTo(1);
    assertThat(h.cloud.calls("resumeRebalancing")).isEqualTo(1);
    assertThat(progress()).isEmpty();
  }

  @Test
  void aFailedRolloutResumesItToo() throws Exception {
    h.cloud.bootTime = Duration.ofHours(2); // new machines never get ready within the timeout
    ApplyResult r = h.apply(v2);
    assertThat(r.ok()).isFalse();
    assertThat(h.cloud.rebalancingSuspended).isEmpty();
    // The rollout is still owed, with nothing left suspended.
    assertThat(progress()).hasValueSatisfying(p -> assertThat(p.rebalancingSuspended()).isFalse());
  }

  @Test
  void aKillAfterSuspendingLeavesItForTheApplyThatFinishesTheRollout() throws Exception {
    h.cloud.crashAfterNextSuspend = true;
    try {
      h.apply(v2);
    } catch (Throwable expected) {
      // the simulated kill, however the engine surfaces it
    }
    assertThat(h.cloud.rebalancingSuspended).containsExactly("web");
    assertThat(progress()).hasValueSatisfying(p -> assertThat(p.rebalancingSuspended()).isTrue());

    // Even going back to the old image, the recorded rollout is finished and rebalancing resumed.
    h.applyOk(v1);
    assertThat(h.cloud.rebalancingSuspended).isEmpty();
    assertThat(progress()).isEmpty();
    assertThat(h.plan(v1).hasChanges()).isFalse();
  }

  @Test
  void aSuspensionSomeoneElseMadeIsLeftAlone() throws Exception {
    h.cloud.rebalancingSuspended.add("web");
    h.applyOk(v2);
    assertThat(h.cloud.rebalancingSuspended).containsExactly("web");
    assertThat(h.cloud.calls("resumeRebalancing")).isZero();
  }

  @Test
  void aCloudThatDoesNotRebalanceIsNotAskedToResume() throws Exception {
    h.cloud.rebalances = false;
    h.applyOk(v2);
    assertThat(h.cloud.calls("suspendRebalancing")).isEqualTo(1);
    assertThat(h.cloud.calls("resumeRebalancing")).isZero();
    assertThat(h.cloud.calls("terminate")).isPositive();
  }
}
