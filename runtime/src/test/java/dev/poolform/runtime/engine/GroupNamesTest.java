package dev.poolform.runtime.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.poolform.ir.IrConfig;
import dev.poolform.ir.IrPool;
import dev.poolform.runtime.ApplyResult;
import dev.poolform.runtime.PlanResult;
import dev.poolform.runtime.Workspace;
import dev.poolform.runtime.local.LocalCloud;
import dev.poolform.runtime.local.LocalGroup;
import dev.poolform.runtime.plan.Action;
import dev.poolform.runtime.plan.PoolChange;
import dev.poolform.runtime.testing.FakeTime;
import dev.poolform.runtime.testing.LocalWorkspaces;
import dev.poolform.stdlib.value.MapValue;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A new pool whose name a group in state already holds on its cloud (the group of a renamed pool,
 * or a released one) gets a group of its own; it never takes that group over. Found by the model
 * test: after {@code state mv pool.a pool.p}, a new {@code pool.a} was given pool.p's group.
 */
class GroupNamesTest {
  @TempDir Path dir;
  final FakeTime time = new FakeTime();

  static IrPool pool(String name, long desired) {
    return dev.poolform.testing.fixtures.Pools.pool(name)
        .cloud(LocalWorkspaces.DEV)
        .capacity(0, 4, desired)
        .image("img-1")
        .build();
  }

  Optional<LocalGroup> group(String name) throws Exception {
    return new LocalCloud(dir, "default", time, Optional.empty()).group(name);
  }

  static void ok(ApplyResult r) {
    assertThat(r.ok()).as(r.problems().toString()).isTrue();
  }

  @Test
  void aNewPoolNamedLikeARenamedPoolsGroupGetsAGroupOfItsOwn() throws Exception {
    Workspace ws = LocalWorkspaces.open(dir, time);
    ok(ws.apply(new IrConfig(1, List.of(pool("a", 1))), ApplyOptions.defaults(), e -> {}));
    Instant created = group("a").orElseThrow().createdAt();
    ws.stateMv("pool.a", "pool.p");

    IrConfig both = new IrConfig(1, List.of(pool("a", 2), pool("p", 3)));
    PlanResult plan = ws.plan(both);
    PoolChange fresh = plan.plan().orElseThrow().change("pool.a").orElseThrow();
    assertThat(fresh.action()).isEqualTo(Action.CREATE);
    assertThat(fresh.adopt()).isEmpty();
    assertThat(fresh.reasons())
        .contains(
            "group name a is held on local.dev by the group of pool.p: the new group is named"
                + " a-rXXXX");

    ok(ws.apply(both, ApplyOptions.defaults(), e -> {}));
    String ownGroup = ws.state().resource("pool.a").orElseThrow().group().name();
    assertThat(ownGroup).startsWith("a-r").hasSize(7);
    assertThat(ws.state().resource("pool.p").orElseThrow().group().name()).isEqualTo("a");
    LocalGroup p = group("a").orElseThrow();
    assertThat(p.createdAt()).isEqualTo(created);
    assertThat(p.desired()).isEqualTo(3);
    assertThat(p.address()).hasValue("pool.p");
    LocalGroup a = group(ownGroup).orElseThrow();
    assertThat(a.desired()).isEqualTo(2);
    assertThat(a.address()).hasValue("pool.a");
    assertThat(ws.plan(both).plan().orElseThrow().hasChanges()).isFalse();
  }

  @Test
  void aPoolKeptInTheConfigurationAfterStateRmLeavesItsReleasedGroupAlone() throws Exception {
    Workspace ws = LocalWorkspaces.open(dir, time);
    IrConfig config = new IrConfig(1, List.of(pool("a", 1)));
    ok(ws.apply(config, ApplyOptions.defaults(), e -> {}));
    LocalGroup before = group("a").orElseThrow();
    ws.stateRm("pool.a");

    ok(ws.apply(new IrConfig(1, List.of(pool("a", 2))), ApplyOptions.defaults(), e -> {}));
    String ownGroup = ws.state().resource("pool.a").orElseThrow().group().name();
    assertThat(ownGroup).startsWith("a-r");
    LocalGroup released = group("a").orElseThrow();
    assertThat(released.createdAt()).isEqualTo(before.createdAt());
    assertThat(released.desired()).isEqualTo(1);
    assertThat(released.address()).isEmpty();
  }

  /** A group some other state (lineage) owns, made on the shared local cloud as its apply would. */
  void plantForeignGroup(String name, Map<String, String> tags) throws Exception {
    new LocalCloud(dir, "default", time, Optional.empty())
        .create(name, "other-token", 0, 4, OptionalLong.of(1), "h", MapValue.EMPTY, tags);
  }

  @Test
  void aNewPoolNamedLikeAnotherConfigurationsGroupIsRefusedByThePlanAsTheApplyRefusesIt()
      throws Exception {
    plantForeignGroup("a", Map.of("poolform:address", "pool.x", "poolform:lineage", "other"));
    Workspace ws = LocalWorkspaces.open(dir, time);
    IrConfig config = new IrConfig(1, List.of(pool("a", 1), pool("b", 1)));

    PlanResult plan = ws.plan(config);
    assertThat(plan.plan()).isEmpty();
    assertThat(plan.problems())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.address()).hasValue("pool.a");
              assertThat(p.message())
                  .isEqualTo(
                      "A group named `a` already exists in local region `default` and belongs to"
                          + " `pool.x` of another configuration. Rename the pool; to move"
                          + " the group to this one, release it in its configuration first (`pool"
                          + " state rm pool.x`), then `pool import pool.a a`.");
            });

    ApplyResult apply = ws.apply(config, ApplyOptions.defaults(), e -> {});
    assertThat(apply.ok()).isFalse();
    assertThat(apply.problems())
        .extracting(Problem::message)
        .isEqualTo(plan.problems().stream().map(Problem::message).toList());
    assertThat(group("a").orElseThrow().lineage()).hasValue("other");
    assertThat(group("b")).isEmpty();
  }

  @Test
  void aNewPoolNamedLikeAGroupNoConfigurationOwnsIsRefusedByThePlan() throws Exception {
    plantForeignGroup("a", Map.of());
    Workspace ws = LocalWorkspaces.open(dir, time);
    PlanResult plan = ws.plan(new IrConfig(1, List.of(pool("a", 1))));
    assertThat(plan.plan()).isEmpty();
    assertThat(plan.problems())
        .extracting(Problem::message)
        .containsExactly(
            "A group named `a` already exists in local region `default` and no Poolform"
                + " configuration manages it. Adopt it with `pool import pool.a a`, or rename the"
                + " pool.");
  }
}
