package dev.poolform.runtime.engine;

import static dev.poolform.testing.fixtures.Pools.pool;
import static org.assertj.core.api.Assertions.assertThat;

import dev.poolform.ir.IrConfig;
import dev.poolform.ir.IrMove;
import dev.poolform.ir.IrPool;
import dev.poolform.runtime.ApplyResult;
import dev.poolform.runtime.PlanResult;
import dev.poolform.runtime.Workspace;
import dev.poolform.runtime.local.LocalCloud;
import dev.poolform.runtime.local.LocalGroup;
import dev.poolform.runtime.plan.Action;
import dev.poolform.runtime.plan.PlanJson;
import dev.poolform.runtime.plan.PoolChange;
import dev.poolform.runtime.testing.FakeTime;
import dev.poolform.runtime.testing.LocalWorkspaces;
import dev.poolform.source.SourceFile;
import dev.poolform.source.Span;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A {@code moved} block renames a pool on the local cloud without recreating its group: the plan
 * shows the move, the state follows, and a state that holds both addresses is refused at the block.
 */
class MovedBlocksTest {
  @TempDir Path dir;
  final FakeTime time = new FakeTime();

  static final String TEXT = "moved {\n  from = pool.web\n  to   = pool.frontend\n}\n";
  static final IrMove MOVE =
      new IrMove("pool.web", "pool.frontend", new Span(SourceFile.of("main.pool", TEXT), 0, 44));

  static IrPool web(String name) {
    return pool(name).cloud(LocalWorkspaces.DEV).capacity(0, 2, 2).image("img-1").build();
  }

  LocalGroup group(String name) throws Exception {
    return new LocalCloud(dir, "default", time, Optional.empty()).group(name).orElseThrow();
  }

  @Test
  void aRenameWithAMovedBlockKeepsTheGroupAndItsMachines() throws Exception {
    Workspace ws = LocalWorkspaces.open(dir, time);
    assertThat(
            ws.apply(new IrConfig(1, List.of(web("web"))), ApplyOptions.defaults(), e -> {}).ok())
        .isTrue();
    List<String> machines = group("web").machines().stream().map(m -> m.id()).toList();

    IrConfig renamed =
        new IrConfig(1, List.of(web("frontend")), List.of(), List.of(MOVE), Optional.empty());
    PlanResult p = ws.plan(renamed);
    assertThat(p.ok()).as(p.problems().toString()).isTrue();
    String json = PlanJson.write(p.plan().orElseThrow());
    assertThat(p.plan().orElseThrow().change("pool.web")).as(json).isEmpty();
    PoolChange c = p.plan().orElseThrow().change("pool.frontend").orElseThrow();
    assertThat(c.action()).as(json).isEqualTo(Action.UPDATE);
    assertThat(c.reasons())
        .contains("moved from pool.web by the `moved` block at main.pool:1:1")
        .anySatisfy(r -> assertThat(r).contains("keeps its name `web`"));

    ApplyResult r = ws.apply(renamed, ApplyOptions.defaults(), e -> {});
    assertThat(r.ok()).as(r.problems().toString()).isTrue();
    assertThat(ws.state().resource("pool.web")).isEmpty();
    assertThat(ws.state().resource("pool.frontend").orElseThrow().group().name()).isEqualTo("web");
    assertThat(group("web").machines().stream().map(m -> m.id()).toList()).isEqualTo(machines);
    assertThat(group("web").address()).hasValue("pool.frontend");
    assertThat(ws.plan(renamed).plan().orElseThrow().hasChanges()).isFalse();
  }

  @Test
  void aStateHoldingBothAddressesIsRefusedAtTheBlock() throws Exception {
    Workspace ws = LocalWorkspaces.open(dir, time);
    IrConfig both = new IrConfig(1, List.of(web("web"), web("frontend")));
    assertThat(ws.apply(both, ApplyOptions.defaults(), e -> {}).ok()).isTrue();

    IrConfig renamed =
        new IrConfig(1, List.of(web("frontend")), List.of(), List.of(MOVE), Optional.empty());
    PlanResult p = ws.plan(renamed);
    assertThat(p.ok()).isFalse();
    assertThat(p.problems())
        .singleElement()
        .satisfies(
            x ->
                assertThat(x.message())
                    .startsWith("main.pool:1:1: the `moved` block moves pool.web to pool.frontend")
                    .contains("holds both"));
    ApplyResult r = ws.apply(renamed, ApplyOptions.defaults(), e -> {});
    assertThat(r.ok()).isFalse();
    assertThat(group("web").address()).hasValue("pool.web");
    assertThat(ws.state().resource("pool.web")).isPresent();
  }

  /**
   * A chain reaches the runtime folded ({@code web} and {@code api} both to {@code frontend}): a
   * state that holds one of them moves it, one that holds two is refused, naming both.
   */
  @Test
  void aFoldedChainMovesTheOneOldAddressAStateHolds() throws Exception {
    IrMove apiToFrontend =
        new IrMove("pool.api", "pool.frontend", new Span(SourceFile.of("main.pool", TEXT), 0, 44));
    IrConfig chained =
        new IrConfig(
            1, List.of(web("frontend")), List.of(), List.of(apiToFrontend, MOVE), Optional.empty());

    Workspace one = LocalWorkspaces.open(Files.createDirectories(dir.resolve("one")), time);
    assertThat(
            one.apply(new IrConfig(1, List.of(web("web"))), ApplyOptions.defaults(), e -> {}).ok())
        .isTrue();
    ApplyResult moved = one.apply(chained, ApplyOptions.defaults(), e -> {});
    assertThat(moved.ok()).as(moved.problems().toString()).isTrue();
    assertThat(one.state().resource("pool.frontend").orElseThrow().group().name()).isEqualTo("web");

    Workspace two = LocalWorkspaces.open(Files.createDirectories(dir.resolve("two")), time);
    IrConfig both = new IrConfig(1, List.of(web("web"), web("api")));
    assertThat(two.apply(both, ApplyOptions.defaults(), e -> {}).ok()).isTrue();
    PlanResult p = two.plan(chained);
    assertThat(p.ok()).isFalse();
    assertThat(p.problems())
        .singleElement()
        .satisfies(x -> assertThat(x.message()).contains("holds both pool.web and pool.api"));
    assertThat(two.state().resource("pool.web")).isPresent();
    assertThat(two.state().resource("pool.api")).isPresent();
  }
}
