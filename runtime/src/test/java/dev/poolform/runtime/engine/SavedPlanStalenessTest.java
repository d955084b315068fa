package dev.poolform.runtime.engine;

import static dev.poolform.testing.fixtures.Pools.config;
import static dev.poolform.testing.fixtures.Pools.pool;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.poolform.ir.IrConfig;
import dev.poolform.runtime.Workspace;
import dev.poolform.runtime.local.LocalCloud;
import dev.poolform.runtime.plan.Plan;
import dev.poolform.runtime.plan.PlanFile;
import dev.poolform.runtime.plan.PlanFileException;
import dev.poolform.runtime.testing.FakeTime;
import dev.poolform.runtime.testing.LocalWorkspaces;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A saved plan goes stale when the clouds move under it, except for what the plan does not own: the
 * desired size of a {@code desired = external} pool, which an autoscaler changes at will. A stale
 * plan names the group and what moved.
 */
class SavedPlanStalenessTest {
  @TempDir Path dir;
  final FakeTime time = new FakeTime();

  Workspace workspace() {
    return LocalWorkspaces.open(dir, time);
  }

  LocalCloud cloud() {
    return new LocalCloud(dir, "default", time, Optional.empty());
  }

  /** The plan as `pool plan --out` saves it and `pool apply PLANFILE` reads it back. */
  Plan saved(Workspace ws, IrConfig c) throws Exception {
    Path file = dir.resolve("plan.json");
    PlanFile.write(ws.plan(c).plan().orElseThrow(), file);
    return PlanFile.read(file);
  }

  @Test
  void anAutoscalerResizingAnExternalPoolDoesNotStaleThePlan() throws Exception {
    Workspace ws = workspace();
    IrConfig v1 =
        config(
            pool("workers").cloud(LocalWorkspaces.DEV).external(1, 10).image("img-1").build(),
            pool("web").cloud(LocalWorkspaces.DEV).capacity(1, 4, 2).image("img-1").build());
    assertThat(ws.apply(v1, ApplyOptions.defaults(), e -> {}).ok()).isTrue();
    IrConfig v2 =
        config(
            pool("workers")
                .cloud(LocalWorkspaces.DEV)
                .external(1, 10)
                .image("img-1")
                .label("team", "a")
                .build(),
            pool("web").cloud(LocalWorkspaces.DEV).capacity(1, 4, 2).image("img-1").build());
    Plan plan = saved(ws, v2);

    cloud().scale("workers", 7); // the autoscaler, between plan and apply

    assertThat(ws.applyPlan(plan, v2, ApplyOptions.defaults(), e -> {}).ok()).isTrue();
    assertThat(cloud().group("workers").orElseThrow().desired()).isEqualTo(7);
    assertThat(cloud().group("workers").orElseThrow().tags()).containsEntry("team", "a");
  }

  @Test
  void aStalePlanNamesTheGroupAndWhatMoved() throws Exception {
    Workspace ws = workspace();
    IrConfig v1 =
        config(pool("web").cloud(LocalWorkspaces.DEV).capacity(1, 4, 2).image("img-1").build());
    assertThat(ws.apply(v1, ApplyOptions.defaults(), e -> {}).ok()).isTrue();
    IrConfig v2 =
        config(
            pool("web")
                .cloud(LocalWorkspaces.DEV)
                .capacity(1, 4, 2)
                .image("img-1")
                .label("a", "b")
                .build());
    Plan plan = saved(ws, v2);

    cloud().scale("web", 3);

    assertThatThrownBy(() -> ws.applyPlan(plan, v2, ApplyOptions.defaults(), e -> {}))
        .isInstanceOf(PlanFileException.class)
        // Said once, although the plan reads the group twice (by state and by lineage tag).
        .hasMessage(
            "The saved plan is stale: the clouds changed since it was made:"
                + " pool.web (group web on local.dev): desired 2 -> 3. Run `pool plan` again.");
    assertThat(cloud().group("web").orElseThrow().tags()).doesNotContainKey("a");
  }
}
