package dev.poolform.runtime.engine;

import static dev.poolform.testing.fixtures.Pools.config;
import static dev.poolform.testing.fixtures.Pools.pool;
import static org.assertj.core.api.Assertions.assertThat;

import dev.poolform.ir.IntOrPercent;
import dev.poolform.ir.IrCloud;
import dev.poolform.ir.IrConfig;
import dev.poolform.runtime.ApplyResult;
import dev.poolform.runtime.Workspace;
import dev.poolform.runtime.event.ApplyEvent;
import dev.poolform.runtime.local.LocalCloud;
import dev.poolform.runtime.local.LocalCloudProvider;
import dev.poolform.runtime.local.LocalGroup;
import dev.poolform.runtime.plan.Action;
import dev.poolform.runtime.spec.PoolSpecs;
import dev.poolform.runtime.testing.FakeTime;
import dev.poolform.runtime.testing.LocalWorkspaces;
import dev.poolform.stdlib.value.DurationValue;
import dev.poolform.stdlib.value.MapValue;
import dev.poolform.stdlib.value.StringValue;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The key rollout behaviours against the real built-in {@code local} provider (files on disk). */
class LocalCloudRolloutTest {
  @TempDir Path dir;
  final FakeTime time = new FakeTime();
  final IrCloud local =
      new IrCloud(
          "local",
          "dev",
          MapValue.of(
              Map.of("boot_time", new DurationValue(10_000), "region", new StringValue("dev"))));
  final List<ApplyEvent> events = new CopyOnWriteArrayList<>();
  final ApplyOptions options = ApplyOptions.defaults().withPollInterval(Duration.ofSeconds(1));

  Workspace workspace(dev.poolform.runtime.engine.Sleeper sleeper) {
    return LocalWorkspaces.open(dir, time, sleeper);
  }

  IrConfig web(long desired, String image, IntOrPercent surge, IntOrPercent unavailable) {
    return config(
        pool("web")
            .cloud(local)
            .capacity(0, desired, desired)
            .image(image)
            .rollout(surge, unavailable)
            .build());
  }

  LocalGroup group() throws Exception {
    return new LocalCloud(dir, "dev", time, Optional.empty()).group("web").orElseThrow();
  }

  @Test
  void rolloutKeepsItsBoundsAndEndsOnTheNewSpec() throws Exception {
    Workspace ws = workspace(time);
    for (long[] c : new long[][] {{4, 1, 0}, {5, 2, 1}, {3, 0, 1}}) {
      long desired = c[0];
      IntOrPercent surge = IntOrPercent.count(c[1]);
      IntOrPercent unav = IntOrPercent.count(c[2]);
      String from = "img-" + desired + "a";
      assertThat(ws.apply(web(desired, from, surge, unav), options, events::add).ok()).isTrue();
      events.clear();
      IrConfig next = web(desired, "img-" + desired + "b", surge, unav);
      ApplyResult r = ws.apply(next, options, events::add);
      assertThat(r.ok()).as(r.pools().toString()).isTrue();
      assertThat(r.pools().get(0).action()).isEqualTo(Action.ROLLOUT);
      List<ApplyEvent.RolloutProgress> steps = new ArrayList<>();
      for (ApplyEvent e : events) if (e instanceof ApplyEvent.RolloutProgress p) steps.add(p);
      assertThat(steps)
          .isNotEmpty()
          .allSatisfy(
              p -> {
                assertThat(p.available()).isGreaterThanOrEqualTo((int) (desired - c[2]));
                assertThat(p.updated() + p.old()).isLessThanOrEqualTo((int) (desired + c[1]));
              });
      String hash = PoolSpecs.machineHash(next.pools().get(0));
      LocalGroup g = group();
      assertThat(g.machines())
          .filteredOn(m -> m.alive())
          .hasSize((int) desired)
          .allSatisfy(m -> assertThat(m.observed().specHash()).contains(hash));
      assertThat(ws.plan(next).plan().orElseThrow().hasChanges()).isFalse();
    }
  }

  @Test
  void interruptedRolloutResumesOnTheNextApply() throws Exception {
    Workspace first = workspace(time);
    IntOrPercent one = IntOrPercent.count(1);
    IntOrPercent zero = IntOrPercent.count(0);
    assertThat(first.apply(web(4, "img-1", one, zero), options, events::add).ok()).isTrue();
    // The apply "dies" after a few polls of the rollout.
    AtomicInteger sleeps = new AtomicInteger();
    Workspace dying =
        workspace(
            d -> {
              if (sleeps.incrementAndGet() > 25) throw new InterruptedException("killed");
              time.sleep(d);
            });
    IrConfig next = web(4, "img-2", one, zero);
    ApplyResult broken = dying.apply(next, options, events::add);
    assertThat(broken.ok()).isFalse();
    String hash = PoolSpecs.machineHash(next.pools().get(0));
    long done =
        group().machines().stream()
            .filter(m -> m.alive() && m.observed().specHash().orElse("").equals(hash))
            .count();
    assertThat(done).isBetween(1L, 3L);
    assertThat(first.state().resource("pool.web").orElseThrow().rollout()).isPresent();

    Workspace again = workspace(time);
    var plan = again.plan(next).plan().orElseThrow();
    assertThat(plan.change("pool.web").orElseThrow().action()).isEqualTo(Action.ROLLOUT);
    assertThat(again.apply(next, options, events::add).ok()).isTrue();
    assertThat(group().machines())
        .filteredOn(m -> m.alive())
        .hasSize(4)
        .allSatisfy(m -> assertThat(m.observed().specHash()).contains(hash));
    assertThat(again.plan(next).plan().orElseThrow().hasChanges()).isFalse();
  }

  @Test
  void aMoveKilledAfterCreatingTheNewGroupAdoptsItOnlyWhenItRunsTheConfiguredSpec()
      throws Exception {
    Workspace ws = workspace(time);
    IrCloud dev2 =
        new IrCloud(
            "local",
            "dev2",
            MapValue.of(
                Map.of("boot_time", new DurationValue(10_000), "region", new StringValue("dev2"))));
    IrConfig onDev = config(pool("web").cloud(local).capacity(0, 2, 2).image("img-1").build());
    assertThat(ws.apply(onDev, options, events::add).ok()).isTrue();
    String lineage = ws.state().lineage();

    // A move to dev2 (img-1) whose process died right after its create call: the group exists on
    // dev2, carrying the lineage and address, and no state entry names it.
    var killedMove = pool("web").cloud(dev2).capacity(0, 2, 2).image("img-1").build();
    String oldHash = PoolSpecs.machineHash(killedMove);
    try (var s =
        new LocalCloudProvider()
            .connect(
                new dev.poolform.runtime.provider.CloudTarget(dev2, lineage),
                new dev.poolform.runtime.provider.ProviderContext(dir, Map.of(), time))) {
      s.create(
          new dev.poolform.runtime.provider.GroupSpec(
              killedMove, oldHash, PoolSpecs.tags(killedMove, lineage, oldHash)),
          dev.poolform.runtime.provider.CapacityRequest.of(0, 2, 2),
          "token-of-the-killed-apply");
    }

    // The retry moves it with another image: the leftover cannot be taken as it is (a replace does
    // not roll machines), so it is a stray, deleted before a fresh group is created.
    IrConfig moved = config(pool("web").cloud(dev2).capacity(0, 2, 2).image("img-2").build());
    var change = ws.plan(moved).plan().orElseThrow().change("pool.web").orElseThrow();
    assertThat(change.action()).isEqualTo(Action.REPLACE);
    assertThat(change.adopt()).isEmpty();
    assertThat(change.strays())
        .singleElement()
        .satisfies(st -> assertThat(st.cloud()).isEqualTo("local.dev2"));
    ApplyResult r = ws.apply(moved, options, events::add);
    assertThat(r.ok()).as(r.pools().toString()).isTrue();
    LocalGroup g = new LocalCloud(dir, "dev2", time, Optional.empty()).group("web").orElseThrow();
    String hash = PoolSpecs.machineHash(moved.pools().get(0));
    assertThat(g.machines())
        .filteredOn(m -> m.alive())
        .hasSize(2)
        .allSatisfy(m -> assertThat(m.observed().specHash()).contains(hash));
    assertThat(new LocalCloud(dir, "dev", time, Optional.empty()).groups()).isEmpty();
    assertThat(ws.plan(moved).plan().orElseThrow().hasChanges()).isFalse();
  }
}
