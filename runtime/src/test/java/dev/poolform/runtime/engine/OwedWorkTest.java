package dev.poolform.runtime.engine;

import static dev.poolform.testing.fixtures.Pools.config;
import static dev.poolform.testing.fixtures.Pools.pool;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.poolform.ir.IntOrPercent;
import dev.poolform.ir.IrConfig;
import dev.poolform.ir.IrHealth;
import dev.poolform.ir.IrRollout;
import dev.poolform.runtime.ApplyResult;
import dev.poolform.runtime.event.ApplyEvent;
import dev.poolform.runtime.plan.Action;
import dev.poolform.runtime.plan.Plan;
import dev.poolform.runtime.plan.PoolChange;
import dev.poolform.runtime.state.OwedWork;
import dev.poolform.runtime.testing.Harness;
import dev.poolform.testing.fixtures.Pools;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Work a step starts and does not see through is not forgotten (issue 10 item 3), and a step is
 * done only when the machines it launched are available (item 5): a failed or killed create, scale,
 * repair or replace stays in state as owed work; the next plan shows it with its true reason; the
 * pools {@code after} it wait until it is healthy; and no pool is reported done below its spec.
 */
class OwedWorkTest {
  @TempDir Path dir;
  Harness h;

  @BeforeEach
  void setUp() {
    h = new Harness(dir);
  }

  private static IrRollout timeout(Duration d) {
    IrRollout r = Pools.ONE_AT_A_TIME;
    return new IrRollout(
        r.maxSurge(),
        r.maxUnavailable(),
        r.minReady(),
        r.pause(),
        r.deleteOrder(),
        d,
        r.autoRollback(),
        r.engine());
  }

  private static IrConfig dbThenWeb() {
    return config(
        pool("db").capacity(0, 5, 2).build(),
        pool("web").capacity(0, 5, 2).after("pool.db").build());
  }

  private static PoolChange change(Plan p, String address) {
    return p.change(address).orElseThrow();
  }

  private List<String> started() {
    return h.events.stream()
        .filter(e -> e instanceof ApplyEvent.PoolStarted)
        .map(ApplyEvent::address)
        .toList();
  }

  @Test
  void aCreateWhoseMachinesNeverBootIsOwedAndHoldsItsDependents() throws Exception {
    IrConfig cfg = dbThenWeb();
    h.cloud.failNext.set(1000);
    ApplyResult first = h.apply(cfg);
    assertThat(first.pools())
        .extracting(PoolResult::address, PoolResult::status)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("pool.db", PoolResult.Status.FAILED),
            org.assertj.core.groups.Tuple.tuple("pool.web", PoolResult.Status.SKIPPED));
    OwedWork owed = h.state().resource("pool.db").orElseThrow().owed().orElseThrow();
    assertThat(owed.step()).isEqualTo("create");
    assertThat(owed.failure()).get().asString().contains("failed to boot");

    Plan plan = h.plan(cfg);
    PoolChange db = change(plan, "pool.db");
    assertThat(db.action()).isEqualTo(Action.RESUME);
    assertThat(db.reasons())
        .anySatisfy(
            r ->
                assertThat(r)
                    .startsWith("the create started at ")
                    .contains("did not finish: ")
                    .contains("failed to boot")
                    .endsWith("0 of 2 machines are available now"));
    assertThat(change(plan, "pool.web").action()).isEqualTo(Action.CREATE);

    // Still failing: the pool stays owed and its dependent is still not created.
    h.events.clear();
    ApplyResult second = h.apply(cfg);
    assertThat(second.ok()).isFalse();
    assertThat(second.pools())
        .filteredOn(p -> p.address().equals("pool.web"))
        .singleElement()
        .satisfies(p -> assertThat(p.status()).isEqualTo(PoolResult.Status.SKIPPED));
    assertThat(h.cloud.group("web")).isNull();
    assertThat(started()).containsExactly("pool.db");

    // The cloud recovers: the create is finished in place, then the dependent goes.
    h.cloud.failNext.set(0);
    String groupId = h.cloud.group("db").cloudId;
    h.events.clear();
    ApplyResult third = h.applyOk(cfg);
    assertThat(third.pools())
        .extracting(PoolResult::action)
        .containsExactly(Action.RESUME, Action.CREATE);
    assertThat(h.cloud.group("db").cloudId).as("resumed, not replaced").isEqualTo(groupId);
    assertThat(started()).containsExactly("pool.db", "pool.web");
    assertThat(h.state().resource("pool.db").orElseThrow().owed()).isEmpty();
    assertThat(h.plan(cfg).hasChanges()).isFalse();
  }

  @Test
  void aCreateKilledWhileItsMachinesBootIsOwed() throws Exception {
    IrConfig cfg = config(pool("web").capacity(0, 5, 3).build());
    // The process dies at the first look at the machines, after the create was recorded.
    h.cloud.observer =
        g -> {
          if (h.cloud.calls("machines") > 0) throw new Killed();
        };
    assertThatThrownBy(() -> h.apply(cfg)).hasRootCauseInstanceOf(Killed.class);
    h.cloud.observer = g -> {};
    OwedWork owed = h.state().resource("pool.web").orElseThrow().owed().orElseThrow();
    assertThat(owed.step()).isEqualTo("create");
    assertThat(owed.failure()).isEmpty();
    PoolChange c = change(h.plan(cfg), "pool.web");
    assertThat(c.action()).isEqualTo(Action.RESUME);
    assertThat(c.reasons())
        .anySatisfy(r -> assertThat(r).contains("did not finish (the apply was interrupted"));
    h.applyOk(cfg);
    assertThat(h.plan(cfg).hasChanges()).isFalse();
  }

  @Test
  void machinesThatCameUpAfterTheTimeoutAreConfirmedInPlace() throws Exception {
    IrConfig cfg =
        config(pool("web").capacity(0, 5, 2).rollout(timeout(Duration.ofMinutes(1))).build());
    h.cloud.bootTime = Duration.ofMinutes(3);
    ApplyResult r = h.apply(cfg);
    assertThat(r.pools().get(0).detail()).contains("within rollout.timeout (1m)");
    h.time.advance(Duration.ofMinutes(5));
    PoolChange c = change(h.plan(cfg), "pool.web");
    assertThat(c.action()).isEqualTo(Action.RESUME);
    assertThat(c.reasons())
        .anySatisfy(x -> assertThat(x).endsWith("2 of 2 machines are available now"));
    int launched = h.cloud.seq.get();
    h.applyOk(cfg);
    assertThat(h.cloud.seq.get()).as("nothing launched again").isEqualTo(launched);
    assertThat(h.plan(cfg).hasChanges()).isFalse();
  }

  @Test
  void aScaleIsDoneWhenItsNewMachinesAreAvailableAndOnlyThenDependentsStart() throws Exception {
    IrRollout warm =
        new IrRollout(
            IntOrPercent.count(1),
            IntOrPercent.count(0),
            Duration.ofMinutes(2),
            Duration.ZERO,
            IrRollout.DeleteOrder.OLDEST,
            Duration.ofMinutes(30),
            false,
            IrRollout.Engine.POOLFORM);
    h.applyOk(
        config(
            pool("db").capacity(0, 5, 2).rollout(warm).build(),
            pool("web").capacity(0, 5, 1).after("pool.db").build()));
    h.events.clear();
    Instant t0 = h.time.instant();
    h.applyOk(
        config(
            pool("db").capacity(0, 5, 4).rollout(warm).build(),
            pool("web").capacity(0, 5, 2).after("pool.db").build()));
    Instant dbDone = at(ApplyEvent.PoolFinished.class, "pool.db");
    Instant webStarted = at(ApplyEvent.PoolStarted.class, "pool.web");
    assertThat(Duration.between(t0, dbDone))
        .as("boot (10s) and min_ready (2m) of the new machines")
        .isGreaterThanOrEqualTo(h.cloud.bootTime.plus(Duration.ofMinutes(2)));
    assertThat(webStarted).isAfterOrEqualTo(dbDone);
  }

  @Test
  void aRepairIsDoneWhenTheReplacementIsAvailableAndOnlyThenDependentsStart() throws Exception {
    IrHealth health = new IrHealth(Duration.ZERO, IntOrPercent.count(1), IrHealth.Repair.REPLACE);
    IrConfig cfg =
        config(
            pool("db").capacity(0, 5, 3).health(health).build(),
            pool("web").capacity(0, 5, 1).after("pool.db").build());
    h.applyOk(cfg);
    h.cloud.group("db").machines.get(0).unhealthySince = h.time.instant();
    h.time.advance(Duration.ofSeconds(1));
    IrConfig relabelled =
        config(
            pool("db").capacity(0, 5, 3).health(health).build(),
            pool("web").capacity(0, 5, 1).after("pool.db").label("team", "web").build());
    assertThat(change(h.plan(relabelled), "pool.db").action()).isEqualTo(Action.REPAIR);
    h.events.clear();
    h.applyOk(relabelled);
    Instant retired = at(ApplyEvent.MachineRetired.class, "pool.db");
    Instant dbDone = at(ApplyEvent.PoolFinished.class, "pool.db");
    assertThat(Duration.between(retired, dbDone)).isGreaterThanOrEqualTo(h.cloud.bootTime);
    assertThat(at(ApplyEvent.PoolStarted.class, "pool.web")).isAfterOrEqualTo(dbDone);
    assertThat(h.cloud.group("db").machines)
        .allSatisfy(m -> assertThat(m.state(h.time.instant()).name()).isEqualTo("HEALTHY"));
  }

  @Test
  void aChangeToAPoolBelowItsSpecFailsAtOnceAndSaysWhy() throws Exception {
    IrConfig cfg = config(pool("web").capacity(0, 5, 3).build());
    h.applyOk(cfg);
    String sick = h.cloud.group("web").machines.get(1).id;
    h.cloud.group("web").machines.get(1).unhealthySince = h.time.instant();
    Instant t0 = h.time.instant();
    ApplyResult r = h.apply(config(pool("web").capacity(0, 5, 3).label("team", "web").build()));
    PoolResult p = r.pools().get(0);
    assertThat(p.status()).isEqualTo(PoolResult.Status.FAILED);
    assertThat(p.detail())
        .contains("below its spec: 2 of 3 machines are available")
        .contains("unhealthy: " + sick)
        .contains("repair = \"replace\"");
    assertThat(Duration.between(t0, h.time.instant())).isLessThan(Duration.ofMinutes(1));
    assertThat(h.state().resource("pool.web").orElseThrow().owed()).isPresent();
  }

  @Test
  void aFailedReplaceKeepsTheOldGroupUntilTheNewOneIsAvailable() throws Exception {
    h.applyOk(config(pool("web").capacity(0, 5, 2).with("orchestration", "a").build()));
    String oldGroup = h.cloud.group("web").cloudId;
    IrConfig replaced =
        config(
            pool("web")
                .capacity(0, 5, 2)
                .with("orchestration", "b")
                .rollout(timeout(Duration.ofMinutes(1)))
                .build());
    h.cloud.failNext.set(1000);
    assertThat(h.apply(replaced).ok()).isFalse();
    assertThat(h.state().resource("pool.web#old")).isPresent();
    Plan plan = h.plan(replaced);
    assertThat(change(plan, "pool.web").action()).isEqualTo(Action.RESUME);
    assertThat(change(plan, "pool.web#old").action()).isEqualTo(Action.DELETE);

    // Still failing: the old group, still serving, is not deleted.
    ApplyResult again = h.apply(replaced);
    assertThat(again.pools())
        .filteredOn(p -> p.address().equals("pool.web#old"))
        .singleElement()
        .satisfies(p -> assertThat(p.status()).isEqualTo(PoolResult.Status.SKIPPED));
    assertThat(h.cloud.groups.values()).anyMatch(g -> g.cloudId.equals(oldGroup));

    h.cloud.failNext.set(0);
    h.applyOk(replaced);
    assertThat(h.cloud.groups.values()).noneMatch(g -> g.cloudId.equals(oldGroup));
    assertThat(h.state().resources().keySet()).isEqualTo(Set.of("pool.web"));
    assertThat(h.plan(replaced).hasChanges()).isFalse();
  }

  /** A simulated process death: an Error, which no engine code catches. */
  static final class Killed extends Error {
    private static final long serialVersionUID = 1L;

    Killed() {
      super("simulated kill");
    }
  }

  private Instant at(Class<? extends ApplyEvent> type, String address) {
    return h.events.stream()
        .filter(type::isInstance)
        .filter(e -> e.address().equals(address))
        .map(ApplyEvent::at)
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + type.getSimpleName() + " for " + address));
  }
}
