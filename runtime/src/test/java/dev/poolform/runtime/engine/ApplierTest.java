package dev.poolform.runtime.engine;

import static dev.poolform.testing.fixtures.Pools.config;
import static dev.poolform.testing.fixtures.Pools.pool;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.poolform.ir.IrConfig;
import dev.poolform.ir.IrPool;
import dev.poolform.ir.json.CanonicalJson;
import dev.poolform.runtime.ApplyResult;
import dev.poolform.runtime.event.ApplyEvent;
import dev.poolform.runtime.event.JsonLinesEventWriter;
import dev.poolform.runtime.plan.Action;
import dev.poolform.runtime.plan.Plan;
import dev.poolform.runtime.plan.PlanFile;
import dev.poolform.runtime.plan.PlanFileException;
import dev.poolform.runtime.state.StateCodec;
import dev.poolform.runtime.state.StateException;
import dev.poolform.runtime.testing.Harness;
import dev.poolform.stdlib.value.StringValue;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApplierTest {
  @TempDir Path dir;
  Harness h;

  @BeforeEach
  void setUp() {
    h = new Harness(dir);
  }

  private static IrConfig many(int n) {
    List<IrPool> l = new ArrayList<>();
    for (int i = 0; i < n; i++) l.add(pool(String.format("p%02d", i)).build());
    return new IrConfig(1, l);
  }

  @Test
  void createWaitsForCapacityAndRecordsState() throws Exception {
    ApplyResult r = h.applyOk(config(pool("web").capacity(1, 5, 3).build()));
    assertThat(r.pools())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.action()).isEqualTo(Action.CREATE);
              assertThat(p.status()).isEqualTo(PoolResult.Status.OK);
            });
    var g = h.cloud.group("web");
    assertThat(g.machines).hasSize(3);
    assertThat(g.machines)
        .allSatisfy(m -> assertThat(m.state(h.time.instant()).name()).isEqualTo("HEALTHY"));
    var st = h.state().resource("pool.web").orElseThrow();
    assertThat(st.group().cloudId()).isEqualTo(g.cloudId);
    assertThat(st.observed().desired()).isEqualTo(3);
    assertThat(h.state().pending()).isEmpty();
    assertThat(g.tags)
        .containsEntry("poolform:address", "pool.web")
        .containsEntry("poolform:lineage", h.state().lineage());
  }

  @Test
  void intentIsOnDiskBeforeTheCloudCallAndGoneAfter() throws Exception {
    List<String> seen = new ArrayList<>();
    h.cloud.observer =
        g -> {
          try {
            var s =
                StateCodec.decode(
                    CanonicalJson.parse(Files.readAllBytes(h.workspace.statePath())), "s");
            s.pending().forEach(p -> seen.add(p.operation() + ":" + p.address() + ":" + p.token()));
          } catch (Exception e) {
            seen.add("unreadable");
          }
        };
    h.applyOk(config(pool("web").build()));
    assertThat(seen).isNotEmpty();
    assertThat(seen.get(0)).startsWith("create:pool.web:").endsWith(h.cloud.group("web").token);
    assertThat(h.state().pending()).isEmpty();
  }

  @Test
  void independentPoolsRunInParallelWithinTheBound() throws Exception {
    // Overlap is observed in the cloud's in-flight count, not timed: wall time on a shared
    // machine says nothing about whether calls ran together.
    h.options = h.options.withParallelism(4).withWaitForCapacity(false);
    h.cloud.latency = Duration.ofMillis(60);
    h.applyOk(many(12));
    assertThat(h.cloud.maxInFlight.get()).isBetween(2, 4);
    assertThat(h.cloud.groups).hasSize(12);

    Harness seq = new Harness(dir.resolve("seq"));
    seq.options = seq.options.withParallelism(1).withWaitForCapacity(false);
    seq.cloud.latency = Duration.ofMillis(60);
    seq.applyOk(many(12));
    assertThat(seq.cloud.maxInFlight.get()).isEqualTo(1);
    assertThat(seq.cloud.groups).hasSize(12);
  }

  @Test
  void afterOrdersPoolsAndAFailedPredecessorSkipsItsDependents() throws Exception {
    h.cloud.failing.put("create", Set.of("canary"));
    IrConfig cfg =
        config(
            pool("canary").build(),
            pool("wave1").after("pool.canary").build(),
            pool("wave2").after("pool.wave1").build(),
            pool("other").build());
    ApplyResult r = h.apply(cfg);
    assertThat(r.ok()).isFalse();
    assertThat(r.pools())
        .extracting(p -> p.address() + "=" + p.status())
        .containsExactly(
            "pool.canary=FAILED", "pool.other=OK", "pool.wave1=SKIPPED", "pool.wave2=SKIPPED");
    PoolResult canary = r.pools().get(0);
    assertThat(canary.problem().orElseThrow().attribute()).contains("machine.size");
    assertThat(canary.problem().orElseThrow().cloudCode()).contains("SimError");
    assertThat(r.pools().get(3).detail()).isEqualTo("skipped: pool.wave1 was skipped");
    assertThat(h.state().resources()).containsOnlyKeys("pool.other");
    assertThat(h.events).anySatisfy(e -> assertThat(e).isInstanceOf(ApplyEvent.PoolSkipped.class));

    // Fixed: the next apply creates the rest, in order.
    h.cloud.failing.clear();
    h.events.clear();
    h.applyOk(cfg);
    List<String> order =
        h.events.stream()
            .filter(
                e -> e instanceof ApplyEvent.PoolStarted || e instanceof ApplyEvent.PoolFinished)
            .map(e -> e.type() + ":" + e.address())
            .toList();
    assertThat(order.indexOf("pool_finished:pool.canary"))
        .isLessThan(order.indexOf("pool_started:pool.wave1"));
    assertThat(order.indexOf("pool_finished:pool.wave1"))
        .isLessThan(order.indexOf("pool_started:pool.wave2"));
  }

  @Test
  void destroyDeletesEverythingDependentsFirst() throws Exception {
    IrConfig cfg = config(pool("a").build(), pool("b").after("pool.a").build());
    h.applyOk(cfg);
    h.events.clear();
    ApplyResult r = h.workspace.destroy(cfg, h.options, h.listener());
    assertThat(r.ok()).isTrue();
    assertThat(h.cloud.groups).isEmpty();
    assertThat(h.state().resources()).isEmpty();
    List<String> finished =
        h.events.stream()
            .filter(e -> e instanceof ApplyEvent.PoolFinished)
            .map(ApplyEvent::address)
            .toList();
    assertThat(finished).containsExactly("pool.b", "pool.a");
  }

  @Test
  void replaceCreatesTheNewGroupBeforeDeletingTheOld() throws Exception {
    h.applyOk(config(pool("web").machine("orchestration", new StringValue("uniform")).build()));
    String oldId = h.cloud.group("web").cloudId;
    List<String> sequence = new ArrayList<>();
    h.cloud.observer = g -> sequence.add(g.name + ":" + h.cloud.groups.size());
    ApplyResult r =
        h.applyOk(
            config(pool("web").machine("orchestration", new StringValue("flexible")).build()));
    assertThat(r.pools().get(0).action()).isEqualTo(Action.REPLACE);
    assertThat(h.cloud.groups).hasSize(1);
    var now = h.cloud.groups.values().iterator().next();
    assertThat(now.cloudId).isNotEqualTo(oldId);
    assertThat(now.name).startsWith("web-r");
    assertThat(sequence).anySatisfy(s -> assertThat(s).endsWith(":2")); // both existed at once
    assertThat(h.state().resources()).containsOnlyKeys("pool.web");
    assertThat(
            h.plan(
                    config(
                        pool("web").machine("orchestration", new StringValue("flexible")).build()))
                .hasChanges())
        .isFalse();
  }

  @Test
  void savedPlanIsAppliedAndRoundTripsThroughItsFile() throws Exception {
    IrConfig cfg = config(pool("web").build());
    Plan p = h.plan(cfg);
    Path file = dir.resolve("plan.json");
    PlanFile.write(p, file);
    Plan back = PlanFile.read(file);
    assertThat(back).isEqualTo(p);
    ApplyResult r = h.workspace.applyPlan(back, cfg, h.options, h.listener());
    assertThat(r.ok()).isTrue();
    assertThat(h.cloud.groups).containsKey("web");
  }

  /** Plan format 1 (before state format 2) holds trees of another form: refused, clearly. */
  @Test
  void aPlanOfTheFormerFormatIsRefusedWithWhatToDo() throws Exception {
    Path file = dir.resolve("old-plan.json");
    var old = PlanFile.toJson(h.plan(config(pool("web").build())));
    old.put("version", 1);
    java.nio.file.Files.writeString(file, dev.poolform.ir.json.CanonicalJson.write(old));
    assertThatThrownBy(() -> PlanFile.read(file))
        .isInstanceOf(PlanFileException.class)
        .hasMessage(
            "old-plan.json has plan format 1; this Poolform reads format 2. Make the plan again"
                + " with this version.");
  }

  @Test
  void stalePlansAreRefused() throws Exception {
    IrConfig cfg = config(pool("web").build());
    h.applyOk(cfg);
    IrConfig bigger = config(pool("web").capacity(0, 10, 3).build());

    // The configuration moved.
    Plan p1 = h.plan(bigger);
    assertThatThrownBy(() -> h.workspace.applyPlan(p1, cfg, h.options, h.listener()))
        .isInstanceOf(PlanFileException.class)
        .hasMessageContaining("the configuration, compiled again, gives other pools");

    // The clouds moved.
    Plan p2 = h.plan(bigger);
    h.cloud.group("web").desired = 4;
    assertThatThrownBy(() -> h.workspace.applyPlan(p2, bigger, h.options, h.listener()))
        .isInstanceOf(PlanFileException.class)
        .hasMessageContaining("clouds changed");

    // The state moved (another apply in between).
    Plan p3 = h.plan(bigger);
    h.applyOk(config(pool("web").capacity(0, 10, 3).label("x", "y").build()));
    assertThatThrownBy(() -> h.workspace.applyPlan(p3, bigger, h.options, h.listener()))
        .isInstanceOf(PlanFileException.class)
        .hasMessageContaining("serial");

    // Another lineage altogether.
    Plan p4 = h.plan(bigger);
    Plan foreign =
        new Plan(
            p4.configHash(),
            "00000000-0000-0000-0000-000000000000",
            p4.priorSerial(),
            p4.liveFingerprint(),
            p4.changes(),
            p4.drift());
    assertThatThrownBy(() -> h.workspace.applyPlan(foreign, bigger, h.options, h.listener()))
        .isInstanceOf(PlanFileException.class)
        .hasMessageContaining("lineage");
  }

  @Test
  void heldLockFailsASecondApplyAtOnce() throws Exception {
    var held =
        new dev.poolform.runtime.state.StateLock(h.workspace.statePath(), h.time).acquire("apply");
    try {
      assertThatThrownBy(() -> h.apply(config(pool("web").build())))
          .isInstanceOfSatisfying(
              StateException.class,
              e -> {
                assertThat(e.kind()).isEqualTo(StateException.Kind.LOCKED);
                assertThat(e.getMessage()).contains(held.info().id());
              });
      assertThat(h.cloud.groups).isEmpty();
    } finally {
      held.close();
    }
    assertThatThrownBy(() -> h.workspace.forceUnlock(held.info().id()))
        .hasMessageContaining("not locked");
  }

  @Test
  void eventsAreWrittenAsJsonLines() throws Exception {
    Path events = dir.resolve("events.jsonl");
    try (JsonLinesEventWriter w = JsonLinesEventWriter.open(events)) {
      h.workspace.apply(config(pool("web").build()), h.options, w);
    }
    List<String> lines = Files.readAllLines(events);
    assertThat(lines).isNotEmpty();
    for (String l : lines) {
      var n = CanonicalJson.parse(l);
      assertThat(n.has("time")).isTrue();
      assertThat(n.get("address").asText()).isEqualTo("pool.web");
    }
    assertThat(lines.get(0))
        .contains("\"type\":\"pool_started\"")
        .contains("\"action\":\"create\"");
    assertThat(lines).anySatisfy(l -> assertThat(l).contains("\"type\":\"machine_launched\""));
    assertThat(lines.get(lines.size() - 1)).contains("\"type\":\"pool_finished\"");
  }

  @Test
  void stateCommandsMoveAndRemoveEntries() throws Exception {
    h.applyOk(config(pool("web").build()));
    h.workspace.stateMv("pool.web", "pool.front");
    assertThat(h.workspace.stateList()).containsExactly("pool.front");
    assertThat(h.workspace.stateShow("pool.front").orElseThrow().group().name()).isEqualTo("web");
    // The plan says what the move means: the group keeps its name, nothing is recreated.
    var renamed = h.plan(config(pool("front").build())).change("pool.front").orElseThrow();
    assertThat(renamed.action()).isNotIn(Action.CREATE, Action.REPLACE);
    assertThat(renamed.reasons())
        .anySatisfy(
            r ->
                assertThat(r)
                    .contains("pool `web` is now called `front`")
                    .contains("keeps its name `web`")
                    // apply retags the group (its address tag), so more than state changes
                    .doesNotContain("only state changes"));
    assertThatThrownBy(() -> h.workspace.stateMv("pool.nope", "pool.x"))
        .hasMessageContaining("not in state");
    h.workspace.stateRm("pool.front");
    assertThat(h.workspace.stateList()).isEmpty();
    assertThat(h.cloud.groups).containsKey("web"); // rm releases the group, never deletes it
  }

  @Test
  void importAdoptsAnExistingGroup() throws Exception {
    h.applyOk(config(pool("web").build()));
    String id = h.cloud.group("web").cloudId;
    h.forget("pool.web");
    IrConfig cfg = config(pool("web").build());
    var r = h.workspace.importGroup(cfg, "pool.web", id, false).resource();
    assertThat(r.group().cloudId()).isEqualTo(id);
    assertThat(h.plan(cfg).hasChanges()).isFalse();
    assertThatThrownBy(() -> h.workspace.importGroup(cfg, "pool.web", id, false))
        .hasMessageContaining("already in state");
    assertThatThrownBy(() -> h.workspace.importGroup(cfg, "pool.zzz", id, false))
        .hasMessageContaining("not a pool");
  }
}
