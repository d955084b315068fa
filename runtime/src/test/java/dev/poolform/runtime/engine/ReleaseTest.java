package dev.poolform.runtime.engine;

import static dev.poolform.testing.fixtures.Pools.config;
import static dev.poolform.testing.fixtures.Pools.pool;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.poolform.ir.IrConfig;
import dev.poolform.runtime.ImportResult;
import dev.poolform.runtime.ReleaseResult;
import dev.poolform.runtime.plan.Action;
import dev.poolform.runtime.plan.Plan;
import dev.poolform.runtime.plan.PlanJson;
import dev.poolform.runtime.plan.PoolChange;
import dev.poolform.runtime.state.StateException;
import dev.poolform.runtime.testing.Harness;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code pool state rm} releases a group: it leaves the lineage (untagged) and state remembers it,
 * so the configuration never adopts or deletes it again, even when the untag failed.
 */
class ReleaseTest {
  @TempDir Path dir;
  Harness h;

  final IrConfig both = config(pool("web").build(), pool("handoff").build());
  final IrConfig webOnly = config(pool("web").build());

  @BeforeEach
  void setUp() throws Exception {
    h = new Harness(dir);
    h.applyOk(both);
  }

  @Test
  void aReleasedGroupIsUntaggedAndNeverDeletedWhenItsPoolLeavesTheConfiguration() throws Exception {
    String id = h.cloud.group("handoff").cloudId;
    ReleaseResult r = h.workspace.stateRm("pool.handoff");
    assertThat(r.untagProblem()).isEmpty();
    assertThat(r.released()).get().satisfies(g -> assertThat(g.untagged()).isTrue());
    assertThat(h.cloud.group("handoff").tags)
        .doesNotContainKeys("poolform:lineage", "poolform:address");
    assertThat(h.state().isReleased("sim.test", id)).isTrue();

    Plan p = h.plan(webOnly);
    assertThat(p.hasChanges()).as(PlanJson.write(p)).isFalse();
    assertThat(p.change("pool.handoff")).isEmpty();
    h.applyOk(webOnly);
    assertThat(h.cloud.groups).containsKey("handoff");
    assertThat(h.cloud.calls("delete")).isZero();
  }

  @Test
  void aReleasedPoolStillConfiguredGetsAGroupOfItsOwnAndThePlanSaysWhy() throws Exception {
    h.workspace.stateRm("pool.handoff");
    PoolChange c = h.plan(both).change("pool.handoff").orElseThrow();
    assertThat(c.action()).isEqualTo(Action.CREATE);
    assertThat(c.adopt()).isEmpty();
    assertThat(c.strays()).isEmpty();
    assertThat(c.reasons())
        .anySatisfy(
            x ->
                assertThat(x)
                    .contains("was released by `pool state rm pool.handoff`")
                    .contains("the new group is named handoff-rXXXX")
                    .contains("pool import pool.handoff"));
    // The released group keeps its name and is left as it was; the pool gets a group of its own.
    h.applyOk(both);
    String own = h.state().resource("pool.handoff").orElseThrow().group().name();
    assertThat(own).startsWith("handoff-r").isNotEqualTo("handoff");
    assertThat(h.cloud.groups).containsKeys("handoff", own);
    assertThat(h.cloud.group("handoff").tags)
        .doesNotContainKeys("poolform:lineage", "poolform:address");
    assertThat(h.cloud.calls("delete")).isZero();
  }

  @Test
  void aGroupWhoseUntagFailedIsStillNeverAdoptedOrDeleted() throws Exception {
    h.cloud.failing.put("release", Set.of("handoff"));
    ReleaseResult r = h.workspace.stateRm("pool.handoff");
    assertThat(r.untagProblem()).get().asString().contains("refuses release");
    assertThat(r.released()).get().satisfies(g -> assertThat(g.untagged()).isFalse());
    // Still tagged with this lineage: only the state's memory keeps it safe.
    assertThat(h.cloud.group("handoff").tags).containsEntry("poolform:address", "pool.handoff");

    assertThat(h.plan(webOnly).hasChanges()).isFalse();
    PoolChange again = h.plan(both).change("pool.handoff").orElseThrow();
    assertThat(again.action()).isEqualTo(Action.CREATE);
    assertThat(again.adopt()).isEmpty();
    h.applyOk(webOnly);
    assertThat(h.cloud.groups).containsKey("handoff");
    assertThat(h.cloud.calls("delete")).isZero();
    // Still tagged, yet a pool configured again under its name does not take it back.
    h.applyOk(both);
    assertThat(h.state().resource("pool.handoff").orElseThrow().group().name())
        .startsWith("handoff-r");
    assertThat(h.cloud.group("handoff").tags).containsEntry("poolform:address", "pool.handoff");
    assertThat(h.cloud.calls("delete")).isZero();
  }

  @Test
  void importTakesAReleasedGroupBack() throws Exception {
    String id = h.cloud.group("handoff").cloudId;
    h.workspace.stateRm("pool.handoff");
    ImportResult r = h.workspace.importGroup(both, "pool.handoff", id, false);
    assertThat(r.wasReleased()).isTrue();
    assertThat(h.state().released()).isEmpty();
    // The group lost its tags when it was released: the next apply tags it again.
    PoolChange c = h.plan(both).change("pool.handoff").orElseThrow();
    assertThat(c.action()).isEqualTo(Action.UPDATE);
    assertThat(c.diffs())
        .extracting(d -> d.path())
        .contains("tags.poolform:address", "tags.poolform:lineage");
    h.applyOk(both);
    assertThat(h.cloud.group("handoff").tags).containsEntry("poolform:address", "pool.handoff");
    assertThat(h.plan(both).hasChanges()).isFalse();
  }

  @Test
  void importOfAGroupAnotherLineageClaimsNeedsForce() throws Exception {
    String id = h.cloud.group("handoff").cloudId;
    h.forget("pool.handoff");
    h.cloud.group("handoff").tags.put("poolform:lineage", "another-lineage");
    assertThatThrownBy(() -> h.workspace.importGroup(both, "pool.handoff", id, false))
        .isInstanceOf(StateException.class)
        .hasMessageContaining("another state (lineage another-lineage)")
        .hasMessageContaining("--force");
    assertThat(h.state().resource("pool.handoff")).isEmpty();

    ImportResult r = h.workspace.importGroup(both, "pool.handoff", id, true);
    assertThat(r.claimedBy()).get().asString().contains("another-lineage");
    h.applyOk(both);
    assertThat(h.cloud.group("handoff").tags)
        .containsEntry("poolform:lineage", h.state().lineage());
  }

  @Test
  void aGroupAlreadyInStateCannotBeImportedAsASecondPool() throws Exception {
    String id = h.cloud.group("handoff").cloudId;
    IrConfig three = config(pool("web").build(), pool("handoff").build(), pool("copy").build());
    assertThatThrownBy(() -> h.workspace.importGroup(three, "pool.copy", id, false))
        .hasMessageContaining("already in state as pool.handoff");
  }
}
