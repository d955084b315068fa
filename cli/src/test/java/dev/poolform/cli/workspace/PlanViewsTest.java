package dev.poolform.cli.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.poolform.cli.view.Paint;
import dev.poolform.cli.view.PlanText;
import dev.poolform.runtime.plan.Action;
import dev.poolform.runtime.plan.Plan;
import dev.poolform.runtime.plan.PoolChange;
import dev.poolform.runtime.plan.StrayGroup;
import dev.poolform.runtime.provider.GroupRef;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PlanViewsTest {
  private static StrayGroup stray(String address, String name) {
    return new StrayGroup("local.dev", new GroupRef(address, name, name));
  }

  private static String text(PoolChange... changes) {
    Plan plan = new Plan("h", "lineage", 1, "f", List.of(changes), List.of());
    return new PlanText(Paint.OFF).render(PlanViews.of(plan));
  }

  @Test
  void strayGroupsOfAPoolNoLongerAnywhereCountOnceEach() {
    // The planner's shape for leftovers of a pool neither configured nor in state.
    PoolChange orphan =
        new PoolChange(
            "pool.tmp",
            Action.DELETE,
            "local.dev",
            NullNode.getInstance(),
            null,
            List.of(),
            List.of("pool.tmp is not in the configuration"),
            List.of(),
            Optional.empty(),
            Optional.empty(),
            List.of(stray("pool.tmp", "tmp")));
    assertThat(text(orphan))
        .contains("# pool.tmp has stray groups to delete: pool.tmp is not in the configuration")
        .endsWith("Plan: 0 to create, 0 to change, 1 to destroy.\n");
  }

  @Test
  void aDeletedPoolWithStraysCountsItsGroupAndEachStray() {
    GroupRef group = new GroupRef("pool.old", "old", "old");
    PoolChange delete =
        new PoolChange(
            "pool.old",
            Action.DELETE,
            "local.dev",
            NullNode.getInstance(),
            null,
            List.of(),
            List.of("pool.old is no longer in the configuration"),
            List.of(),
            Optional.of(group),
            Optional.empty(),
            List.of(stray("pool.old", "old-r1a2b")));
    assertThat(text(delete))
        .contains("# pool.old will be destroyed")
        .endsWith("Plan: 0 to create, 0 to change, 2 to destroy.\n");
  }

  @Test
  void aByteSizeIsShownAsTheConfigurationSpellsItNotAsAString() {
    assertThat(PlanViews.text("machine.disk.size", TextNode.valueOf("64GiB"))).contains("64GiB");
    assertThat(PlanViews.text("rollout.max_surge", TextNode.valueOf("25%"))).contains("25%");
    // A string that only looks like a size stays a string.
    assertThat(PlanViews.text("labels.size", TextNode.valueOf("64GiB"))).contains("\"64GiB\"");
    assertThat(PlanViews.text("machine.image", TextNode.valueOf("1h"))).contains("\"1h\"");
  }
}
