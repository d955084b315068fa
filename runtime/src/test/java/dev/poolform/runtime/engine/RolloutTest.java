package dev.poolform.runtime.engine;

import static dev.poolform.testing.fixtures.Pools.config;
import static dev.poolform.testing.fixtures.Pools.pool;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.poolform.ir.IntOrPercent;
import dev.poolform.ir.IrConfig;
import dev.poolform.ir.IrRollout;
import dev.poolform.runtime.ApplyResult;
import dev.poolform.runtime.event.ApplyEvent;
import dev.poolform.runtime.event.JsonLinesEventWriter;
import dev.poolform.runtime.plan.Action;
import dev.poolform.runtime.provider.ObservedMachine.MachineState;
import dev.poolform.runtime.spec.PoolSpecs;
import dev.poolform.runtime.testing.Harness;
import dev.poolform.runtime.testing.SimCloud;
import dev.poolform.testing.fixtures.Pools;
import dev.poolform.testing.fixtures.RolloutInvariant;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RolloutTest {
  @TempDir Path dir;

  static IrRollout rollout(
      IntOrPercent surge,
      IntOrPercent unavailable,
      Duration minReady,
      Duration pause,
      IrRollout.DeleteOrder order,
      Duration timeout,
      boolean autoRollback) {
    return new IrRollout(
        surge,
        unavailable,
        minReady,
        pause,
        order,
        timeout,
        autoRollback,
        IrRollout.Engine.POOLFORM);
  }

  /** Oldest first, two hours to finish, no rollback: what most tests here leave alone. */
  static IrRollout rollout(int surge, int unavailable, Duration minReady, Duration pause) {
    return rollout(
        IntOrPercent.count(surge),
        IntOrPercent.count(unavailable),
        minReady,
        pause,
        IrRollout.DeleteOrder.OLDEST,
        Duration.ofHours(2),
        false);
  }

  static long available(SimCloud.Group g, Instant now, Duration minReady) {
    return g.machines.stream().filter(m -> m.observe(now).availableAt(now, minReady)).count();
  }

  /**
   * Property: for random sizes and settings, every step of a rollout keeps availability at or above
   * desired - max_unavailable and the group at or below desired + max_surge, and it ends with
   * exactly desired machines, all on the new spec.
   */
  @Test
  void invariantsHoldForRandomSettings() throws Exception {
    Random rnd = new Random(20261123);
    for (int trial = 0; trial < 30; trial++) {
      long desired = 1L + rnd.nextInt(8);
      IntOrPercent surge =
          rnd.nextBoolean()
              ? IntOrPercent.count(rnd.nextInt(4))
              : IntOrPercent.percentOf(rnd.nextInt(5) * 25);
      IntOrPercent unav =
          rnd.nextBoolean()
              ? IntOrPercent.count(rnd.nextInt(3))
              : IntOrPercent.percentOf(rnd.nextInt(3) * 25);
      if (surge.resolveUp(desired) == 0 && unav.resolveDown(desired) == 0)
        surge = IntOrPercent.count(1);
      List<IrRollout.DeleteOrder> orders =
          List.of(
              IrRollout.DeleteOrder.OLDEST,
              IrRollout.DeleteOrder.NEWEST,
              IrRollout.DeleteOrder.RANDOM);
      IrRollout.DeleteOrder order = orders.get(rnd.nextInt(orders.size()));
      Duration minReady = Duration.ofSeconds(rnd.nextInt(3) * 5L);
      Duration pause = Duration.ofSeconds(rnd.nextInt(2) * 20L);
      IrRollout r = rollout(surge, unav, minReady, pause, order, Duration.ofHours(2), false);

      Harness h = new Harness(dir.resolve("t" + trial));
      h.options = h.options.withPollInterval(Duration.ofSeconds(2));
      h.cloud.bootTime = Duration.ofSeconds(5 + rnd.nextInt(20));
      Pools base = pool("web").capacity(0, desired, desired).rollout(r);
      h.applyOk(config(base.build()));
      long surgeN = surge.resolveUp(desired);
      long minAvail = desired - unav.resolveDown(desired);
      String context =
          "trial "
              + trial
              + ": desired "
              + desired
              + " surge "
              + surge
              + " unavailable "
              + unav
              + " "
              + order;
      List<String> violations = new ArrayList<>();
      int[] samples = {0};
      h.cloud.observer =
          g -> {
            samples[0]++;
            Instant now = h.time.instant();
            long avail = available(g, now, minReady);
            if (avail < minAvail)
              violations.add("available " + avail + " < " + minAvail + " at " + now);
            if (g.machines.size() > desired + surgeN)
              violations.add("total " + g.machines.size() + " > " + (desired + surgeN));
          };
      IrConfig next =
          config(pool("web").capacity(0, desired, desired).rollout(r).image("img-2").build());
      h.events.clear();
      ApplyResult res = h.applyOk(next);
      assertThat(res.pools().get(0).action()).as(context).isEqualTo(Action.ROLLOUT);
      assertThat(violations).as(context).isEmpty();
      long unavailable = unav.resolveDown(desired);
      assertThat(RolloutInvariant.violations(json(h.events), a -> unavailable))
          .as("from the event stream: %s", context)
          .isEmpty();
      assertThat(samples[0]).as(context).isGreaterThan(2);
      SimCloud.Group g = h.cloud.group("web");
      String newHash = PoolSpecs.machineHash(next.pools().get(0));
      assertThat(g.machines)
          .as(context)
          .hasSize((int) desired)
          .allSatisfy(m -> assertThat(m.specHash).isEqualTo(newHash));
      assertThat(g.desired).as(context).isEqualTo(desired);
      assertThat(g.max).as(context).isEqualTo(desired); // widened for the surge, restored after
      assertThat(h.state().resource("pool.web").orElseThrow().rollout()).as(context).isEmpty();
      assertThat(h.plan(next).hasChanges()).as(context).isFalse();
    }
  }

  @Test
  void deleteOrderOldestAndNewestPickTheRightMachines() throws Exception {
    for (IrRollout.DeleteOrder order :
        List.of(IrRollout.DeleteOrder.OLDEST, IrRollout.DeleteOrder.NEWEST)) {
      Harness h = new Harness(dir.resolve(order.text()));
      IrRollout r =
          rollout(
              IntOrPercent.count(1),
              IntOrPercent.count(0),
              Duration.ZERO,
              Duration.ZERO,
              order,
              Duration.ofHours(1),
              false);
      h.applyOk(config(pool("web").capacity(0, 3, 1).rollout(r).build()));
      h.time.advance(Duration.ofMinutes(1));
      h.applyOk(config(pool("web").capacity(0, 3, 3).rollout(r).build()));
      List<String> ids = h.cloud.group("web").machines.stream().map(m -> m.id).toList();
      h.events.clear();
      h.applyOk(config(pool("web").capacity(0, 3, 3).rollout(r).image("img-2").build()));
      String first =
          h.events.stream()
              .filter(e -> e instanceof ApplyEvent.MachineRetired)
              .map(e -> ((ApplyEvent.MachineRetired) e).machineId())
              .findFirst()
              .orElseThrow();
      assertThat(first).isEqualTo(order == IrRollout.DeleteOrder.OLDEST ? ids.get(0) : ids.get(2));
    }
  }

  @Test
  void pauseSeparatesRetirementBatches() throws Exception {
    Harness h = new Harness(dir);
    IrRollout r =
        rollout(
            IntOrPercent.count(1),
            IntOrPercent.count(0),
            Duration.ZERO,
            Duration.ofMinutes(2),
            IrRollout.DeleteOrder.OLDEST,
            Duration.ofHours(1),
            false);
    h.applyOk(config(pool("web").capacity(0, 4, 4).rollout(r).build()));
    h.applyOk(config(pool("web").capacity(0, 4, 4).rollout(r).image("img-2").build()));
    List<Instant> retired =
        h.events.stream()
            .filter(e -> e instanceof ApplyEvent.MachineRetired)
            .map(ApplyEvent::at)
            .toList();
    assertThat(retired).hasSize(4);
    for (int i = 1; i < retired.size(); i++) {
      assertThat(Duration.between(retired.get(i - 1), retired.get(i)))
          .isGreaterThanOrEqualTo(Duration.ofMinutes(2));
    }
  }

  /**
   * {@code pause} is bake time: once a batch's new machines are healthy, nothing of the next batch
   * starts (no launch, no retirement) until it has passed. Batches are {@code max_surge +
   * max_unavailable} machines.
   */
  @Test
  void pauseIsBakeTimeAfterABatchIsHealthyBeforeTheNextBatchLaunches() throws Exception {
    Harness h = new Harness(dir);
    IrRollout r = rollout(2, 0, Duration.ZERO, Duration.ofMinutes(3));
    h.applyOk(config(pool("web").capacity(0, 6, 6).rollout(r).build()));
    h.events.clear();
    h.applyOk(config(pool("web").capacity(0, 6, 6).rollout(r).image("img-2").build()));
    List<Instant> launches =
        h.events.stream()
            .filter(e -> e instanceof ApplyEvent.MachineLaunched)
            .map(ApplyEvent::at)
            .toList();
    assertThat(launches).hasSize(6);
    // Three batches of two: each pair launches together, the next pair only after the previous
    // pair booted (10s) and baked (3m).
    for (int b = 0; b < 3; b++) {
      assertThat(launches.get(2 * b + 1)).isEqualTo(launches.get(2 * b));
      if (b > 0) {
        assertThat(Duration.between(launches.get(2 * b - 1), launches.get(2 * b)))
            .isGreaterThanOrEqualTo(h.cloud.bootTime.plus(Duration.ofMinutes(3)));
      }
    }
    // No pause after the last batch.
    Instant lastHealthy = launches.get(5).plus(h.cloud.bootTime);
    Instant done =
        h.events.stream()
            .filter(e -> e instanceof ApplyEvent.PoolFinished)
            .map(ApplyEvent::at)
            .findFirst()
            .orElseThrow();
    assertThat(Duration.between(lastHealthy, done)).isLessThan(Duration.ofMinutes(1));
  }

  /**
   * An image change that also raises {@code min_ready} must not count the running machines as
   * unavailable (they were launched under the old one): with {@code max_unavailable = 0} none may
   * go before its replacement is available.
   */
  @Test
  void raisingMinReadyWithAnImageChangeKeepsTheOldMachinesAvailable() throws Exception {
    Harness h = new Harness(dir);
    IrRollout before = rollout(1, 0, Duration.ZERO, Duration.ZERO);
    IrRollout after = rollout(1, 0, Duration.ofMinutes(10), Duration.ZERO);
    h.applyOk(config(pool("web").capacity(0, 3, 3).rollout(before).build()));
    h.time.advance(Duration.ofMinutes(1)); // healthy for a minute: less than the new min_ready
    String oldHash = h.cloud.group("web").specHash;
    List<String> violations = new ArrayList<>();
    h.cloud.observer =
        g -> {
          Instant now = h.time.instant();
          long available =
              g.machines.stream()
                  .filter(
                      m ->
                          m.specHash.equals(oldHash)
                              ? m.observe(now).state() == MachineState.HEALTHY
                              : m.observe(now).availableAt(now, Duration.ofMinutes(10)))
                  .count();
          if (available < 3) violations.add(available + " available at " + now);
        };
    h.events.clear();
    h.applyOk(config(pool("web").capacity(0, 3, 3).rollout(after).image("img-2").build()));
    assertThat(violations).isEmpty();
    assertThat(RolloutInvariant.violations(json(h.events), a -> 0)).isEmpty();
    assertThat(
            h.events.stream()
                .filter(e -> e instanceof ApplyEvent.MachineRetired m && m.available())
                .count())
        .as("the old machines went as available ones, after their replacements")
        .isEqualTo(3);
  }

  static List<JsonNode> json(List<ApplyEvent> events) {
    List<JsonNode> out = new ArrayList<>();
    for (ApplyEvent e : events) out.add(JsonLinesEventWriter.toJson(e));
    return out;
  }

  /**
   * A step retires before it surges, and the surge needs the group's desired size. Read right after
   * the step's own termination, that size cannot come from the poll's shared look (it predates the
   * write), so on a real cloud each such read is one more API call per pool (200 of the 100-pool
   * AWS rollout benchmark's calls): the step knows the size from before its terminations instead.
   */
  @Test
  void aStepDoesNotReadTheGroupAfterItsOwnTermination() throws Exception {
    Harness h = new Harness(dir);
    IrRollout r = rollout(1, 0, Duration.ZERO, Duration.ZERO);
    h.applyOk(config(pool("web").capacity(0, 6, 3).rollout(r).build()));
    h.cloud.callLog.clear();
    h.applyOk(config(pool("web").capacity(0, 6, 3).rollout(r).image("img-2").build()));
    List<String> log = List.copyOf(h.cloud.callLog);
    assertThat(log).contains("terminate", "setCapacity");
    String last = "";
    for (String op : log) {
      if (op.equals("read") || op.equals("machines") || op.equals("terminate")) {
        assertThat(last + " then " + op).isNotEqualTo("terminate then read");
        last = op;
      }
    }
    assertThat(h.cloud.group("web").machines)
        .hasSize(3)
        .allMatch(m -> m.specHash.equals(h.cloud.group("web").specHash));
  }

  @Test
  void failedNewMachinesAreReplacedWithinTheBudget() throws Exception {
    Harness h = new Harness(dir);
    h.applyOk(config(pool("web").capacity(0, 5, 3).build()));
    h.cloud.failNext.set(2);
    ApplyResult r = h.applyOk(config(pool("web").capacity(0, 5, 3).image("img-2").build()));
    assertThat(h.events)
        .filteredOn(e -> e instanceof ApplyEvent.MachineRetired m && m.why().equals("failed"))
        .hasSize(2);
    assertThat(h.cloud.group("web").machines).hasSize(3);
    assertThat(r.ok()).isTrue();
  }

  @Test
  void tooManyFailuresFailThePoolAndAutoRollbackRestoresTheOldSpec() throws Exception {
    Harness h = new Harness(dir);
    IrRollout r =
        rollout(
            IntOrPercent.count(1),
            IntOrPercent.count(0),
            Duration.ZERO,
            Duration.ZERO,
            IrRollout.DeleteOrder.OLDEST,
            Duration.ofHours(1),
            true);
    IrConfig v1 = config(pool("web").capacity(0, 5, 3).rollout(r).userData("same secret").build());
    h.applyOk(v1);
    // The hash of the spec as applied: its secret sealed with the harness key.
    String oldHash = h.state().resource("pool.web").orElseThrow().specHash();
    h.cloud.failNext.set(4); // the budget is max(3, desired) = 3
    ApplyResult res =
        h.apply(
            config(
                pool("web")
                    .capacity(0, 5, 3)
                    .rollout(r)
                    .userData("same secret")
                    .image("bad")
                    .build()));
    assertThat(res.ok()).isFalse();
    PoolResult p = res.pools().get(0);
    assertThat(p.detail())
        .contains("failed to boot")
        .contains("rolled back to the previous machine spec");
    SimCloud.Group g = h.cloud.group("web");
    assertThat(g.specHash).isEqualTo(oldHash);
    assertThat(g.machines).hasSize(3).allSatisfy(m -> assertThat(m.specHash).isEqualTo(oldHash));
    var st = h.state().resource("pool.web").orElseThrow();
    assertThat(st.specHash()).isEqualTo(oldHash);
    assertThat(st.rollout()).isEmpty();
  }

  @Test
  void timeoutFailsThePoolPointingAtRolloutTimeout() throws Exception {
    Harness h = new Harness(dir);
    IrRollout r =
        rollout(
            IntOrPercent.count(1),
            IntOrPercent.count(0),
            Duration.ZERO,
            Duration.ZERO,
            IrRollout.DeleteOrder.OLDEST,
            Duration.ofMinutes(5),
            false);
    h.applyOk(config(pool("web").capacity(0, 5, 2).rollout(r).build()));
    h.cloud.bootTime = Duration.ofHours(1);
    ApplyResult res =
        h.apply(config(pool("web").capacity(0, 5, 2).rollout(r).image("slow").build()));
    PoolResult p = res.pools().get(0);
    assertThat(p.status()).isEqualTo(PoolResult.Status.FAILED);
    assertThat(p.problem().orElseThrow().attribute()).contains("rollout.timeout");
    assertThat(p.detail()).contains("did not finish within rollout.timeout (5m)");
    // The old machines are all still there: max_unavailable = 0 was honoured.
    String oldHash = h.state().resource("pool.web").orElseThrow().specHash();
    assertThat(h.cloud.group("web").machines)
        .filteredOn(m -> m.specHash.equals(oldHash))
        .hasSize(2);
    // Progress is kept; the next plan offers to finish.
    assertThat(h.state().resource("pool.web").orElseThrow().rollout()).isPresent();
  }

  @Test
  void interruptedRolloutResumesFromWhatTheMachinesShow() throws Exception {
    Harness h = new Harness(dir);
    IrConfig v1 = config(pool("web").capacity(0, 6, 6).build());
    h.applyOk(v1);
    IrConfig v2 = config(pool("web").capacity(0, 6, 6).image("img-2").build());
    String newHash = PoolSpecs.machineHash(v2.pools().get(0));
    // Die after the third retirement, as a killed process would.
    int[] terminations = {0};
    h.cloud.observer =
        g -> {
          if (g.machines.size() < 7
              && g.machines.stream().filter(m -> m.specHash.equals(newHash)).count() >= 3
              && ++terminations[0] > 0
              && h.cloud.calls("terminate") >= 3) {
            throw new IllegalStateException("process killed");
          }
        };
    ApplyResult first = h.apply(v2);
    assertThat(first.ok()).isFalse();
    h.cloud.observer = g -> {};
    SimCloud.Group g = h.cloud.group("web");
    long newBefore = g.machines.stream().filter(m -> m.specHash.equals(newHash)).count();
    assertThat(newBefore).isBetween(1L, 5L);
    assertThat(h.state().resource("pool.web").orElseThrow().rollout()).isPresent();

    var plan = h.plan(v2);
    assertThat(plan.change("pool.web").orElseThrow().action()).isEqualTo(Action.ROLLOUT);
    assertThat(plan.change("pool.web").orElseThrow().reasons())
        .anySatisfy(x -> assertThat(x).startsWith("finish the rollout"));
    int launchedBefore = h.cloud.seq.get();
    h.applyOk(v2);
    assertThat(g.machines).hasSize(6).allSatisfy(m -> assertThat(m.specHash).isEqualTo(newHash));
    // Only the machines still missing were launched: the finished ones were kept.
    int launched = 0;
    for (var e : h.events) if (e instanceof ApplyEvent.MachineLaunched) launched++;
    assertThat(h.cloud.seq.get() - launchedBefore).isLessThanOrEqualTo(6 - (int) newBefore + 1);
    assertThat(launched).isPositive();
    assertThat(h.plan(v2).hasChanges()).isFalse();
  }

  @Test
  void externalDesiredRollsAtTheAutoscalersSize() throws Exception {
    Harness h = new Harness(dir);
    h.applyOk(config(pool("web").external(1, 10).build()));
    h.cloud.group("web").desired = 4;
    h.time.advance(Duration.ofMinutes(1));
    h.cloud.group("web").machines.forEach(m -> {});
    h.plan(config(pool("web").external(1, 10).build()));
    h.time.advance(Duration.ofMinutes(1));
    h.applyOk(config(pool("web").external(1, 10).image("img-2").build()));
    SimCloud.Group g = h.cloud.group("web");
    assertThat(g.desired).isEqualTo(4);
    assertThat(g.machines).hasSize(4);
    assertThat(g.min).isEqualTo(1);
    assertThat(g.max).isEqualTo(10);
  }

  @Test
  void progressEventsCountNewOldAndAvailable() throws Exception {
    Harness h = new Harness(dir);
    h.applyOk(config(pool("web").capacity(0, 5, 2).build()));
    h.events.clear();
    h.applyOk(config(pool("web").capacity(0, 5, 2).image("img-2").build()));
    List<ApplyEvent.RolloutProgress> p =
        h.events.stream()
            .filter(e -> e instanceof ApplyEvent.RolloutProgress)
            .map(e -> (ApplyEvent.RolloutProgress) e)
            .toList();
    assertThat(p.get(0).old()).isEqualTo(2);
    assertThat(p.get(0).percent()).isZero();
    assertThat(p.get(p.size() - 1).percent()).isEqualTo(100);
    assertThat(p.get(p.size() - 1).old()).isZero();
    assertThat(h.events).filteredOn(e -> e instanceof ApplyEvent.MachineLaunched).hasSize(2);
    assertThat(h.events).filteredOn(e -> e instanceof ApplyEvent.MachineRetired).hasSize(2);
    assertThat(MachineState.HEALTHY).isNotNull();
  }

  /** The check from events can fail: an available machine retired below the floor is caught. */
  @Test
  void theEventCheckCatchesARetirementBelowTheFloor() throws Exception {
    com.fasterxml.jackson.databind.ObjectMapper m =
        new com.fasterxml.jackson.databind.ObjectMapper();
    List<JsonNode> events =
        List.of(
            m.readTree(
                "{\"type\":\"rollout_progress\",\"address\":\"pool.web\",\"available\":3,"
                    + "\"desired\":3}"),
            m.readTree(
                "{\"type\":\"machine_retired\",\"address\":\"pool.web\",\"why\":\"rollout\","
                    + "\"available\":false,\"machine_id\":\"m-0\"}"),
            m.readTree(
                "{\"type\":\"machine_retired\",\"address\":\"pool.web\",\"why\":\"rollout\","
                    + "\"available\":true,\"machine_id\":\"m-1\"}"));
    assertThat(RolloutInvariant.violations(events, a -> 1)).isEmpty();
    assertThat(RolloutInvariant.violations(events, a -> 0))
        .singleElement()
        .asString()
        .contains("m-1", "below desired - max_unavailable = 3");
  }
}
