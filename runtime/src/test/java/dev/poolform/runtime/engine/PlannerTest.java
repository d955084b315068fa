package dev.poolform.runtime.engine;

import static dev.poolform.testing.fixtures.Pools.config;
import static dev.poolform.testing.fixtures.Pools.pool;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.poolform.ir.IntOrPercent;
import dev.poolform.ir.IrHealth;
import dev.poolform.ir.json.CanonicalJson;
import dev.poolform.runtime.event.ApplyEvent;
import dev.poolform.runtime.plan.Action;
import dev.poolform.runtime.plan.Plan;
import dev.poolform.runtime.plan.PlanJson;
import dev.poolform.runtime.plan.PoolChange;
import dev.poolform.runtime.state.RolloutProgress;
import dev.poolform.runtime.state.StateStore;
import dev.poolform.runtime.testing.Harness;
import dev.poolform.runtime.testing.SimCloud;
import dev.poolform.stdlib.value.StringValue;
import dev.poolform.testing.fixtures.Pools;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlannerTest {
  @TempDir Path dir;
  Harness h;

  @BeforeEach
  void setUp() {
    h = new Harness(dir);
  }

  private static PoolChange only(Plan p, String address) {
    return p.change(address).orElseThrow();
  }

  @Test
  void newPoolIsCreatedAndPlanJsonHasTheDocumentedShape() throws Exception {
    Plan p = h.plan(config(pool("web").build()));
    PoolChange c = only(p, "pool.web");
    assertThat(c.action()).isEqualTo(Action.CREATE);
    assertThat(c.reasons()).containsExactly("pool.web is new");
    JsonNode json = CanonicalJson.parse(PlanJson.write(p));
    assertThat(json.fieldNames())
        .toIterable()
        .containsExactly("changes", "drift", "format_version", "mode", "replace", "targets");
    JsonNode ch = json.get("changes").get(0);
    assertThat(ch.get("address").asText()).isEqualTo("pool.web");
    assertThat(ch.get("action").asText()).isEqualTo("create");
    assertThat(ch.get("before").isNull()).isTrue();
    assertThat(ch.get("after").path("machine").path("image").asText()).isEqualTo("img-1");
    assertThat(ch.get("reasons").get(0).asText()).isEqualTo("pool.web is new");
  }

  @Test
  void appliedConfigurationPlansNothing() throws Exception {
    var cfg = config(pool("web").build(), pool("db").capacity(1, 3, 1).label("a", "b").build());
    h.applyOk(cfg);
    Plan p = h.plan(cfg);
    assertThat(p.hasChanges()).as(PlanJson.write(p)).isFalse();
    assertThat(p.changes()).extracting(PoolChange::action).containsOnly(Action.NOOP);
    assertThat(p.drift()).isEmpty();
  }

  @Test
  void capacityChangeIsAScale() throws Exception {
    h.applyOk(config(pool("web").build()));
    PoolChange c = only(h.plan(config(pool("web").capacity(0, 10, 4).build())), "pool.web");
    assertThat(c.action()).isEqualTo(Action.SCALE);
    assertThat(c.reasons()).contains("capacity.desired changed (2 -> 4)");
    assertThat(c.diffs()).anySatisfy(d -> assertThat(d.path()).isEqualTo("capacity.desired"));
  }

  @Test
  void machineChangeIsARollout() throws Exception {
    h.applyOk(config(pool("web").build()));
    PoolChange c =
        only(h.plan(config(pool("web").image("img-2").capacity(0, 10, 3).build())), "pool.web");
    assertThat(c.action()).isEqualTo(Action.ROLLOUT);
    assertThat(c.reasons()).contains("machine.image changed", "capacity.desired changed (2 -> 3)");
  }

  @Test
  void secretChangeIsARolloutThatNeverShowsTheValue() throws Exception {
    h.applyOk(config(pool("web").userData("one").build()));
    Plan p = h.plan(config(pool("web").userData("two-secret").build()));
    PoolChange c = only(p, "pool.web");
    assertThat(c.action()).isEqualTo(Action.ROLLOUT);
    assertThat(c.reasons()).contains("machine.user_data changed (sensitive value)");
    assertThat(c.diffs()).anySatisfy(d -> assertThat(d.sensitive()).isTrue());
    assertThat(PlanJson.write(p)).doesNotContain("two-secret");
  }

  @Test
  void labelChangeIsAnUpdateNotARollout() throws Exception {
    h.applyOk(config(pool("web").label("team", "a").build()));
    PoolChange c = only(h.plan(config(pool("web").label("team", "b").build())), "pool.web");
    assertThat(c.action()).isEqualTo(Action.UPDATE);
    assertThat(c.reasons()).contains("labels changed");
  }

  @Test
  void rolloutSettingChangeIsAStateOnlyUpdate() throws Exception {
    h.applyOk(config(pool("web").build()));
    PoolChange c =
        only(
            h.plan(
                config(pool("web").rollout(IntOrPercent.count(2), IntOrPercent.count(1)).build())),
            "pool.web");
    assertThat(c.action()).isEqualTo(Action.UPDATE);
    assertThat(c.reasons())
        .contains("rollout.max_surge changed", "rollout.max_unavailable changed");
  }

  @Test
  void immutableAttributeChangeIsAReplace() throws Exception {
    h.applyOk(config(pool("web").machine("orchestration", new StringValue("uniform")).build()));
    PoolChange c =
        only(
            h.plan(
                config(pool("web").machine("orchestration", new StringValue("flexible")).build())),
            "pool.web");
    assertThat(c.action()).isEqualTo(Action.REPLACE);
    assertThat(c.reasons())
        .anySatisfy(
            r ->
                assertThat(r)
                    .startsWith("machine.orchestration changed and cannot change in place"));
  }

  @Test
  void cloudChangeIsAReplace() throws Exception {
    h.applyOk(config(pool("web").build()));
    var other =
        new dev.poolform.ir.IrCloud("sim", "other", dev.poolform.stdlib.value.MapValue.EMPTY);
    PoolChange c = only(h.plan(config(pool("web").cloud(other).build())), "pool.web");
    assertThat(c.action()).isEqualTo(Action.REPLACE);
    assertThat(c.reasons().get(0)).contains("cloud changed (sim.test -> sim.other)");
  }

  @Test
  void removedPoolIsDeleted() throws Exception {
    h.applyOk(config(pool("web").build(), pool("db").build()));
    Plan p = h.plan(config(pool("web").build()));
    assertThat(only(p, "pool.db").action()).isEqualTo(Action.DELETE);
    assertThat(only(p, "pool.db").reasons()).contains("pool.db is no longer in the configuration");
    assertThat(only(p, "pool.web").action()).isEqualTo(Action.NOOP);
  }

  @Test
  void destroyPlanGivesDestroyAsTheReasonNotARemovalFromTheConfiguration() throws Exception {
    var cfg = config(pool("web").build(), pool("db").build());
    h.applyOk(cfg);
    h.cloud.groups.remove("db");
    Plan p = h.workspace.planDestroy(cfg).plan().orElseThrow();
    assertThat(only(p, "pool.web").action()).isEqualTo(Action.DELETE);
    assertThat(only(p, "pool.web").reasons()).containsExactly("destroy requested");
    assertThat(only(p, "pool.db").reasons())
        .containsExactly("destroy requested; its group is already gone, so only state is updated");
  }

  @Test
  void capacityChangedOutsideIsDriftCorrectedByAScale() throws Exception {
    var cfg = config(pool("web").build());
    h.applyOk(cfg);
    h.cloud.group("web").desired = 5;
    Plan p = h.plan(cfg);
    PoolChange c = only(p, "pool.web");
    assertThat(c.action()).isEqualTo(Action.SCALE);
    assertThat(c.reasons()).contains("capacity.desired changed outside Poolform (2 -> 5)");
    assertThat(p.drift())
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.path()).isEqualTo("capacity.desired");
              assertThat(d.reason())
                  .isEqualTo("capacity.desired changed outside Poolform (2 -> 5)");
            });
    h.applyOk(cfg);
    assertThat(h.cloud.group("web").desired).isEqualTo(2);
    assertThat(h.plan(cfg).hasChanges()).isFalse();
  }

  @Test
  void externalDesiredIsNeverReportedNorSent() throws Exception {
    var cfg = config(pool("web").external(1, 10).build());
    h.applyOk(cfg);
    h.cloud.group("web").desired = 7; // an autoscaler
    Plan p = h.plan(cfg);
    assertThat(p.hasChanges()).isFalse();
    assertThat(p.drift()).isEmpty();
    // min/max stay enforced.
    h.cloud.group("web").max = 20;
    PoolChange c = only(h.plan(cfg), "pool.web");
    assertThat(c.action()).isEqualTo(Action.SCALE);
    assertThat(c.reasons()).containsExactly("capacity.max changed outside Poolform (10 -> 20)");
    h.applyOk(cfg);
    assertThat(h.cloud.group("web").desired).isEqualTo(7);
    assertThat(h.cloud.group("web").max).isEqualTo(10);
  }

  @Test
  void labelsChangedOutsideAreDrift() throws Exception {
    var cfg = config(pool("web").label("team", "a").build());
    h.applyOk(cfg);
    var tags = new java.util.LinkedHashMap<>(h.cloud.group("web").tags);
    tags.put("team", "hacked");
    h.cloud.group("web").tags = tags;
    Plan p = h.plan(cfg);
    assertThat(only(p, "pool.web").action()).isEqualTo(Action.UPDATE);
    assertThat(p.drift())
        .singleElement()
        .satisfies(d -> assertThat(d.reason()).isEqualTo("labels changed outside Poolform"));
    h.applyOk(cfg);
    assertThat(h.cloud.group("web").tags).containsEntry("team", "a");
  }

  @Test
  void modelChangedOutsideIsDriftCorrectedByARollout() throws Exception {
    var cfg = config(pool("web").build());
    h.applyOk(cfg);
    h.cloud.group("web").specHash = "sha256:someone-else";
    Plan p = h.plan(cfg);
    assertThat(only(p, "pool.web").action()).isEqualTo(Action.ROLLOUT);
    assertThat(p.drift())
        .singleElement()
        .satisfies(d -> assertThat(d.reason()).isEqualTo("machine spec changed outside Poolform"));
  }

  @Test
  void unhealthyMachinesPastGraceAreRepairedInBatchesOfMaxUnhealthy() throws Exception {
    IrHealth health =
        new IrHealth(Duration.ofMinutes(5), IntOrPercent.count(1), IrHealth.Repair.REPLACE);
    var cfg = config(pool("web").capacity(0, 10, 3).health(health).build());
    h.applyOk(cfg);
    SimCloud.Group g = h.cloud.group("web");
    g.machines.get(0).unhealthySince = h.time.instant();
    g.machines.get(1).unhealthySince = h.time.instant();
    assertThat(only(h.plan(cfg), "pool.web").action()).isEqualTo(Action.NOOP); // still within grace
    h.time.advance(Duration.ofMinutes(6));
    PoolChange c = only(h.plan(cfg), "pool.web");
    assertThat(c.action()).isEqualTo(Action.REPAIR);
    String first = g.machines.get(0).id;
    String second = g.machines.get(1).id;
    assertThat(c.repairTargets()).containsExactly(first, second);
    assertThat(c.reasons().get(0))
        .contains("2 machines unhealthy for longer than 5m")
        .contains("max_unhealthy allows 1 at once");
    h.events.clear();
    h.applyOk(cfg);
    assertThat(g.machines).hasSize(3).noneMatch(m -> m.id.equals(first) || m.id.equals(second));
    assertThat(g.desired).isEqualTo(3);
    // One at a time: the second goes only once the first one's replacement is available.
    List<ApplyEvent> retired =
        h.events.stream().filter(e -> e instanceof ApplyEvent.MachineRetired).toList();
    assertThat(retired).hasSize(2);
    Duration between = Duration.between(retired.get(0).at(), retired.get(1).at());
    assertThat(between).isGreaterThanOrEqualTo(h.cloud.bootTime);
    assertThat(h.state().resource("pool.web").orElseThrow().owed()).isEmpty();
    assertThat(h.plan(cfg).hasChanges()).isFalse();
  }

  @Test
  void graceCountsFromWhenTheMachineTurnedUnhealthyNotFromItsLaunch() throws Exception {
    IrHealth health =
        new IrHealth(Duration.ofMinutes(5), IntOrPercent.count(1), IrHealth.Repair.REPLACE);
    var cfg = config(pool("web").capacity(0, 10, 2).health(health).build());
    h.applyOk(cfg);
    h.time.advance(Duration.ofHours(1)); // healthy for an hour
    h.cloud.group("web").machines.get(0).unhealthySince = h.time.instant();
    h.time.advance(Duration.ofMinutes(4));
    assertThat(only(h.plan(cfg), "pool.web").action())
        .as("4 minutes into a 5 minute grace")
        .isEqualTo(Action.NOOP);
    h.time.advance(Duration.ofMinutes(2));
    assertThat(only(h.plan(cfg), "pool.web").action()).isEqualTo(Action.REPAIR);
  }

  @Test
  void repairNoneOnlyReports() throws Exception {
    IrHealth health =
        new IrHealth(Duration.ofMinutes(1), IntOrPercent.count(2), IrHealth.Repair.NONE);
    var cfg = config(pool("web").health(health).build());
    h.applyOk(cfg);
    h.cloud.group("web").machines.get(0).unhealthySince = h.time.instant();
    h.time.advance(Duration.ofMinutes(2));
    PoolChange c = only(h.plan(cfg), "pool.web");
    assertThat(c.action()).isEqualTo(Action.NOOP);
    assertThat(c.reasons().get(0)).contains("repair = \"none\": reported only");
  }

  @Test
  void interruptedRolloutPlansARolloutToFinishIt() throws Exception {
    var cfg = config(pool("web").build());
    h.applyOk(cfg);
    leaveRolloutUnfinished();
    PoolChange c = only(h.plan(cfg), "pool.web");
    assertThat(c.action()).isEqualTo(Action.ROLLOUT);
    assertThat(c.reasons()).anySatisfy(x -> assertThat(x).startsWith("finish the rollout"));
  }

  /** State records a rollout an interrupted apply left unfinished, as the engine writes it. */
  private void leaveRolloutUnfinished() throws Exception {
    StateStore store = new StateStore(h.workspace.statePath(), h.time);
    var s = store.read(Optional.empty());
    var r = s.resource("pool.web").orElseThrow();
    store.write(
        s.withResource(
            r.withRollout(
                Optional.of(
                    new RolloutProgress(
                        "sha256:old",
                        r.specHash(),
                        Instant.parse("2026-01-01T00:00:00Z"),
                        "poolform",
                        Optional.empty(),
                        0,
                        false)))));
  }

  @Test
  void theSurgeOfAnInterruptedRolloutIsNotDriftAndFinishingItRestoresTheSize() throws Exception {
    var cfg = config(pool("web").build()); // desired 2, max_surge 1
    h.applyOk(cfg);
    leaveRolloutUnfinished();
    h.cloud.group("web").desired = 3; // the rollout's own surge when the apply stopped
    Plan p = h.plan(cfg);
    PoolChange c = only(p, "pool.web");
    assertThat(p.drift()).isEmpty();
    assertThat(c.action()).isEqualTo(Action.ROLLOUT);
    assertThat(c.reasons())
        .contains(
            "capacity.desired is 3 while the unfinished rollout surges; finishing it restores 2")
        .noneSatisfy(x -> assertThat(x).contains("outside Poolform"));
    h.applyOk(cfg);
    assertThat(h.cloud.group("web").desired).isEqualTo(2);
    assertThat(h.plan(cfg).hasChanges()).isFalse();
  }

  @Test
  void aSizeBeyondWhatTheRolloutWouldSurgeIsStillDrift() throws Exception {
    var cfg = config(pool("web").build());
    h.applyOk(cfg);
    leaveRolloutUnfinished();
    h.cloud.group("web").desired = 5; // more than desired + max_surge: someone else did it
    Plan p = h.plan(cfg);
    assertThat(p.drift())
        .singleElement()
        .satisfies(
            d ->
                assertThat(d.reason())
                    .isEqualTo("capacity.desired changed outside Poolform (2 -> 5)"));
  }

  @Test
  void refreshIsOneBatchedReadAndOneOwnedLookupPerCloud() throws Exception {
    Pools[] ps = new Pools[8];
    var pools = new java.util.ArrayList<dev.poolform.ir.IrPool>();
    for (int i = 0; i < ps.length; i++) pools.add(pool("p" + i).build());
    var cfg = new dev.poolform.ir.IrConfig(1, pools);
    h.applyOk(cfg);
    int reads = h.cloud.calls("read");
    int owned = h.cloud.calls("findOwned");
    int machines = h.cloud.calls("machines");
    h.plan(cfg);
    assertThat(h.cloud.calls("read") - reads).isEqualTo(1);
    assertThat(h.cloud.calls("findOwned") - owned).isEqualTo(1);
    assertThat(h.cloud.calls("machines") - machines).isZero();
  }

  @Test
  void groupCreatedByACrashedApplyIsAdopted() throws Exception {
    var cfg = config(pool("web").build());
    h.applyOk(cfg);
    // Forget it in state, as if the process died between the create call and the state write.
    h.forget("pool.web");
    Plan p = h.plan(cfg);
    PoolChange c = only(p, "pool.web");
    assertThat(c.action()).isEqualTo(Action.NOOP);
    assertThat(c.adopt()).isPresent();
    assertThat(c.isChange()).isTrue();
    assertThat(c.reasons().get(0)).startsWith("adopting group web");
    h.applyOk(cfg);
    assertThat(h.cloud.groups).hasSize(1);
    assertThat(h.state().resource("pool.web")).isPresent();
    assertThat(h.plan(cfg).hasChanges()).isFalse();
  }

  @Test
  void aPartialLeftoverIsDeletedAndThePoolCreatedAgainNotAdopted() throws Exception {
    var cfg = config(pool("web").build());
    h.applyOk(cfg);
    // What AWS reports after a kill between CreateLaunchTemplate and CreateAutoScalingGroup.
    h.forget("pool.web");
    h.cloud.partial.add("web");
    PoolChange c = only(h.plan(cfg), "pool.web");
    assertThat(c.action()).isEqualTo(Action.CREATE);
    assertThat(c.adopt()).isEmpty();
    assertThat(c.strays()).extracting(g -> g.group().name()).containsExactly("web");
    h.applyOk(cfg);
    assertThat(h.cloud.groups).containsOnlyKeys("web");
    assertThat(h.cloud.calls("delete")).isEqualTo(1);
    assertThat(h.state().resource("pool.web")).isPresent();
    assertThat(h.plan(cfg).hasChanges()).isFalse();
  }

  @Test
  void orphanOfARemovedPoolIsDeleted() throws Exception {
    h.applyOk(config(pool("web").build(), pool("tmp").build()));
    h.forget("pool.tmp");
    Plan p = h.plan(config(pool("web").build()));
    PoolChange c = only(p, "pool.tmp");
    assertThat(c.action()).isEqualTo(Action.DELETE);
    assertThat(c.group()).isEmpty();
    assertThat(c.strays()).extracting(g -> g.group().name()).containsExactly("tmp");
    // No pending create proves an interrupted apply made it: the reason says what is known.
    assertThat(c.reasons())
        .anySatisfy(r -> assertThat(r).contains("carries this state's lineage tag"))
        .noneSatisfy(r -> assertThat(r).contains("interrupted apply ("));
    h.applyOk(config(pool("web").build()));
    assertThat(h.cloud.groups).containsOnlyKeys("web");
    assertThat(h.plan(config(pool("web").build())).hasChanges()).isFalse();
  }

  /** Applies {@code cfg} with a kill right after the replace's create call. */
  private void replaceKilledAfterCreate(dev.poolform.ir.IrConfig cfg) {
    h.cloud.crashAfterNextCreate = true;
    try {
      h.apply(cfg);
    } catch (Throwable expected) {
      // the simulated kill, however the engine surfaces it
    }
  }

  @Test
  void replaceKilledAfterItsCreateAdoptsTheNewGroup() throws Exception {
    var uniform = config(pool("web").machine("orchestration", new StringValue("uniform")).build());
    var flexible =
        config(pool("web").machine("orchestration", new StringValue("flexible")).build());
    h.applyOk(uniform);
    replaceKilledAfterCreate(flexible);
    assertThat(h.cloud.groups).hasSize(2);
    String created =
        h.cloud.groups.keySet().stream()
            .filter(n -> n.startsWith("web-r"))
            .findFirst()
            .orElseThrow();
    assertThat(h.state().resource("pool.web").orElseThrow().group().name()).isEqualTo("web");

    PoolChange c = only(h.plan(flexible), "pool.web");
    assertThat(c.action()).isEqualTo(Action.REPLACE);
    assertThat(c.adopt()).map(g -> g.name()).contains(created);
    assertThat(c.strays()).isEmpty();
    h.applyOk(flexible);
    assertThat(h.cloud.groups).containsOnlyKeys(created);
    assertThat(h.state().resource("pool.web").orElseThrow().group().name()).isEqualTo(created);
    assertThat(h.state().pending()).isEmpty();
    assertThat(h.plan(flexible).hasChanges()).isFalse();
  }

  @Test
  void groupOfAKilledReplaceIsDeletedWhenTheConfigurationWentBack() throws Exception {
    var uniform = config(pool("web").machine("orchestration", new StringValue("uniform")).build());
    var flexible =
        config(pool("web").machine("orchestration", new StringValue("flexible")).build());
    h.applyOk(uniform);
    replaceKilledAfterCreate(flexible);
    String created =
        h.cloud.groups.keySet().stream()
            .filter(n -> n.startsWith("web-r"))
            .findFirst()
            .orElseThrow();

    Plan p = h.plan(uniform);
    PoolChange c = only(p, "pool.web");
    assertThat(c.action()).isEqualTo(Action.NOOP);
    assertThat(c.isChange()).isTrue();
    assertThat(c.strays()).extracting(g -> g.group().name()).containsExactly(created);
    assertThat(c.reasons())
        .anySatisfy(
            r ->
                assertThat(r)
                    .contains(created)
                    .contains("was created by an interrupted apply")
                    .contains("it is deleted"));
    assertThat(
            CanonicalJson.parse(PlanJson.write(p))
                .get("changes")
                .get(0)
                .get("strays")
                .get(0)
                .get("name")
                .asText())
        .isEqualTo(created);
    // A saved plan keeps its strays, and applying it deletes them.
    Path file = dir.resolve("plan.json");
    dev.poolform.runtime.plan.PlanFile.write(p, file);
    Plan back = dev.poolform.runtime.plan.PlanFile.read(file);
    assertThat(back).isEqualTo(p);
    assertThat(h.workspace.applyPlan(back, uniform, h.options, h.listener()).ok()).isTrue();
    assertThat(h.cloud.groups).containsOnlyKeys("web");
    assertThat(h.plan(uniform).hasChanges()).isFalse();
  }

  @Test
  void aReplaceWhoseNewGroupRunsAnOlderSpecDeletesItAndCreatesAnother() throws Exception {
    var uniform = config(pool("web").machine("orchestration", new StringValue("uniform")).build());
    var flexible =
        config(pool("web").machine("orchestration", new StringValue("flexible")).build());
    var flexible2 =
        config(
            pool("web")
                .machine("orchestration", new StringValue("flexible"))
                .image("img-2")
                .build());
    h.applyOk(uniform);
    replaceKilledAfterCreate(flexible);
    String created =
        h.cloud.groups.keySet().stream()
            .filter(n -> n.startsWith("web-r"))
            .findFirst()
            .orElseThrow();

    PoolChange c = only(h.plan(flexible2), "pool.web");
    assertThat(c.action()).isEqualTo(Action.REPLACE);
    assertThat(c.adopt()).isEmpty();
    assertThat(c.strays()).extracting(g -> g.group().name()).containsExactly(created);
    h.applyOk(flexible2);
    assertThat(h.cloud.groups).hasSize(1).doesNotContainKeys("web", created);
    assertThat(h.plan(flexible2).hasChanges()).isFalse();
  }
}
