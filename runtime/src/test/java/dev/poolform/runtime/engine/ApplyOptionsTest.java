package dev.poolform.runtime.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.poolform.ir.IrCloud;
import dev.poolform.ir.IrConfig;
import dev.poolform.runtime.ApplyResult;
import dev.poolform.runtime.Workspace;
import dev.poolform.runtime.testing.FakeTime;
import dev.poolform.runtime.testing.LocalWorkspaces;
import dev.poolform.stdlib.value.DurationValue;
import dev.poolform.stdlib.value.MapValue;
import dev.poolform.testing.fixtures.Pools;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Default options share no mutable state: one caller's interrupt never stops another's apply. */
class ApplyOptionsTest {
  @TempDir Path dir;

  @Test
  void anInterruptOfOneCallersDefaultsLeavesAnothersApplyRunning() throws Exception {
    ApplyOptions first = ApplyOptions.defaults();
    first.interruption().request();
    first.interruption().onAbort(() -> {});

    ApplyOptions second = ApplyOptions.defaults();
    assertThat(second.interruption().requested()).isFalse();
    assertThat(second.interruption()).isNotSameAs(first.interruption());

    Workspace ws = LocalWorkspaces.open(dir, new FakeTime());
    IrCloud dev =
        new IrCloud("local", "dev", MapValue.of(Map.of("boot_time", new DurationValue(0))));
    IrConfig config =
        new IrConfig(1, List.of(Pools.pool("web").cloud(dev).capacity(0, 2, 1).build()));
    ApplyResult r = ws.apply(config, second, e -> {});
    assertThat(r.ok()).as(r.problems().toString()).isTrue();
    assertThat(ws.state().resource("pool.web")).isPresent();
  }
}
