package dev.poolform.runtime.engine;

import static dev.poolform.testing.fixtures.Pools.config;
import static dev.poolform.testing.fixtures.Pools.pool;
import static org.assertj.core.api.Assertions.assertThat;

import dev.poolform.ir.IntOrPercent;
import dev.poolform.ir.IrRollout;
import dev.poolform.runtime.ApplyResult;
import dev.poolform.runtime.event.ApplyEvent;
import dev.poolform.runtime.spec.PoolSpecs;
import dev.poolform.runtime.testing.Harness;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code engine = "cloud"}: start the cloud's rollout, poll it, cancel it on timeout. */
class CloudEngineTest {
  @TempDir Path dir;

  static IrRollout cloud(Duration timeout) {
    return new IrRollout(
        IntOrPercent.count(1),
        IntOrPercent.count(0),
        Duration.ZERO,
        Duration.ZERO,
        IrRollout.DeleteOrder.OLDEST,
        timeout,
        false,
        IrRollout.Engine.CLOUD);
  }

  @Test
  void cloudRunsTheRolloutAndApplyWaitsForIt() throws Exception {
    Harness h = new Harness(dir);
    h.cloud.cloudRolloutTime = Duration.ofMinutes(3);
    h.applyOk(config(pool("web").capacity(0, 5, 2).rollout(cloud(Duration.ofMinutes(30))).build()));
    var next =
        config(
            pool("web")
                .capacity(0, 5, 2)
                .rollout(cloud(Duration.ofMinutes(30)))
                .image("img-2")
                .build());
    ApplyResult r = h.applyOk(next);
    assertThat(r.pools().get(0).detail()).contains("cloud rollout").contains("finished");
    assertThat(h.cloud.calls("cloudRolloutStart")).isEqualTo(1);
    assertThat(h.cloud.calls("terminate")).isZero(); // the cloud did the work, not Poolform
    String hash = PoolSpecs.machineHash(next.pools().get(0));
    assertThat(h.cloud.group("web").machines)
        .allSatisfy(m -> assertThat(m.specHash).isEqualTo(hash));
    assertThat(h.events)
        .anySatisfy(e -> assertThat(e).isInstanceOf(ApplyEvent.RolloutProgress.class));
    assertThat(h.state().resource("pool.web").orElseThrow().rollout()).isEmpty();
    assertThat(h.plan(next).hasChanges()).isFalse();
  }

  @Test
  void cloudRolloutPastTheTimeoutIsCancelled() throws Exception {
    Harness h = new Harness(dir);
    h.cloud.cloudRolloutTime = Duration.ofHours(2);
    h.applyOk(config(pool("web").rollout(cloud(Duration.ofMinutes(10))).build()));
    ApplyResult r =
        h.apply(config(pool("web").rollout(cloud(Duration.ofMinutes(10))).image("img-2").build()));
    assertThat(r.ok()).isFalse();
    assertThat(r.pools().get(0).problem().orElseThrow().attribute()).contains("rollout.timeout");
    assertThat(r.pools().get(0).detail()).contains("was cancelled");
    assertThat(h.cloud.cloudRolloutCancelled).contains("web");
  }

  @Test
  void cloudWithoutItsOwnRolloutFallsBackToPoolformsEngine() throws Exception {
    Harness h = new Harness(dir);
    h.applyOk(config(pool("web").rollout(cloud(Duration.ofMinutes(30))).build()));
    h.applyOk(config(pool("web").rollout(cloud(Duration.ofMinutes(30))).image("img-2").build()));
    assertThat(h.cloud.calls("terminate")).isPositive();
    assertThat(h.events)
        .anySatisfy(
            e ->
                assertThat(e)
                    .isInstanceOfSatisfying(
                        ApplyEvent.Message.class,
                        m -> assertThat(m.text()).contains("Poolform's rolling engine is used")));
  }
}
