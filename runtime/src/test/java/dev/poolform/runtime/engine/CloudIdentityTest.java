package dev.poolform.runtime.engine;

import static dev.poolform.testing.fixtures.Pools.config;
import static dev.poolform.testing.fixtures.Pools.pool;
import static org.assertj.core.api.Assertions.assertThat;

import dev.poolform.ir.IrCloud;
import dev.poolform.ir.IrConfig;
import dev.poolform.runtime.PlanResult;
import dev.poolform.runtime.Workspace;
import dev.poolform.runtime.local.LocalCloud;
import dev.poolform.runtime.local.LocalGroup;
import dev.poolform.runtime.plan.Action;
import dev.poolform.runtime.plan.PlanJson;
import dev.poolform.runtime.plan.PoolChange;
import dev.poolform.runtime.testing.FakeTime;
import dev.poolform.runtime.testing.LocalWorkspaces;
import dev.poolform.stdlib.value.DurationValue;
import dev.poolform.stdlib.value.MapValue;
import dev.poolform.stdlib.value.StringValue;
import dev.poolform.stdlib.value.Value;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A cloud is what it points at, not what its block is called: renaming a {@code cloud} block
 * replaces nothing, and a block that keeps its name but points elsewhere moves its pools.
 */
class CloudIdentityTest {
  @TempDir Path dir;
  final FakeTime time = new FakeTime();

  Workspace workspace() {
    return LocalWorkspaces.open(dir, time);
  }

  static IrCloud local(String name, Optional<String> region) {
    Map<String, Value> s = new LinkedHashMap<>();
    s.put("boot_time", new DurationValue(0));
    region.ifPresent(r -> s.put("region", new StringValue(r)));
    return new IrCloud("local", name, MapValue.of(s));
  }

  static IrConfig on(IrCloud cloud) {
    return config(pool("web").cloud(cloud).capacity(0, 2, 2).image("img-1").build());
  }

  LocalGroup group(String region) throws Exception {
    return new LocalCloud(dir, region, time, Optional.empty()).group("web").orElseThrow();
  }

  @Test
  void renamingACloudBlockReplacesNothingAndStateFollows() throws Exception {
    Workspace ws = workspace();
    assertThat(ws.apply(on(local("dev", Optional.empty())), ApplyOptions.defaults(), e -> {}).ok())
        .isTrue();
    LocalGroup before = group("default");

    IrConfig renamed = on(local("sandbox", Optional.empty()));
    PlanResult p = ws.plan(renamed);
    PoolChange c = p.plan().orElseThrow().change("pool.web").orElseThrow();
    assertThat(c.action())
        .as(PlanJson.write(p.plan().get()))
        .isNotIn(Action.REPLACE, Action.CREATE);
    assertThat(c.reasons())
        .anySatisfy(
            r -> assertThat(r).contains("`dev` is now called `sandbox`").contains("same place"));

    assertThat(ws.apply(renamed, ApplyOptions.defaults(), e -> {}).ok()).isTrue();
    assertThat(group("default").createToken()).isEqualTo(before.createToken());
    assertThat(ws.state().resource("pool.web").orElseThrow().cloud().key())
        .isEqualTo("local.sandbox");
    assertThat(ws.plan(renamed).plan().orElseThrow().hasChanges()).isFalse();
  }

  @Test
  void aBlockThatKeepsItsNameButPointsElsewhereMovesThePool() throws Exception {
    Workspace ws = workspace();
    assertThat(ws.apply(on(local("dev", Optional.of("a"))), ApplyOptions.defaults(), e -> {}).ok())
        .isTrue();
    IrConfig elsewhere = on(local("dev", Optional.of("b")));
    PoolChange c = ws.plan(elsewhere).plan().orElseThrow().change("pool.web").orElseThrow();
    assertThat(c.action()).isEqualTo(Action.REPLACE);
    assertThat(c.reasons())
        .anySatisfy(
            r -> assertThat(r).contains("now points at another place").contains("region a"));
    assertThat(ws.apply(elsewhere, ApplyOptions.defaults(), e -> {}).ok()).isTrue();
    assertThat(group("b").name()).isEqualTo("web");
    assertThat(new LocalCloud(dir, "a", time, Optional.empty()).groups()).isEmpty();
    assertThat(ws.plan(elsewhere).plan().orElseThrow().hasChanges()).isFalse();
  }

  @Test
  void twoBlocksPointingAtOnePlaceAreRefused() throws Exception {
    Workspace ws = workspace();
    IrConfig both =
        config(
            pool("web").cloud(local("dev", Optional.empty())).build(),
            pool("api").cloud(local("lab", Optional.of("default"))).build());
    PlanResult p = ws.plan(both);
    assertThat(p.plan()).isEmpty();
    assertThat(p.problems())
        .anySatisfy(
            x ->
                assertThat(x.message())
                    .contains("`local.dev` and `local.lab` point at the same place"));
  }

  @Test
  void groupsInAFolderNamedAfterTheBlockMoveIntoTheRegionOnce() throws Exception {
    Workspace ws = workspace();
    // An earlier Poolform kept `cloud local dev`'s groups in .poolform/local/dev/ (format 1).
    IrConfig now = on(local("dev", Optional.empty()));
    assertThat(ws.apply(now, ApplyOptions.defaults(), e -> {}).ok()).isTrue();
    String token = group("default").createToken();
    Path file = dir.resolve(".poolform/local/dev/web.json");
    Files.createDirectories(file.getParent());
    Path current = dir.resolve(".poolform/local/default/web.json");
    Files.writeString(
        file,
        Files.readString(current)
            .replace("\"format\" : 2", "\"format\" : 1")
            .replace("\"region\" : \"default\"", "\"cloud\" : \"dev\""));
    Files.delete(current);

    var plan = ws.plan(now).plan().orElseThrow();
    assertThat(plan.hasChanges()).as(PlanJson.write(plan)).isFalse();
    assertThat(file).doesNotExist();
    assertThat(group("default").createToken()).isEqualTo(token);
  }
}
