package dev.poolform.runtime.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.poolform.ir.IrConfig;
import dev.poolform.runtime.ApplyResult;
import dev.poolform.runtime.Workspace;
import dev.poolform.runtime.testing.FakeTime;
import dev.poolform.runtime.testing.LocalWorkspaces;
import java.nio.file.Path;
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
    IrConfig config = LocalWorkspaces.onePool();
    ApplyResult r = ws.apply(config, second, e -> {});
    assertThat(r.ok()).as(r.problems().toString()).isTrue();
    assertThat(ws.state().resource("pool.web")).isPresent();
  }
}
