package dev.poolform.runtime.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.poolform.ir.IrConfig;
import dev.poolform.runtime.ApplyResult;
import dev.poolform.runtime.Workspace;
import dev.poolform.runtime.state.PendingIntent;
import dev.poolform.runtime.state.State;
import dev.poolform.runtime.state.StateStore;
import dev.poolform.runtime.testing.FakeTime;
import dev.poolform.runtime.testing.LocalWorkspaces;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An apply killed after its last step leaves its steps in the journal; the next apply finds nothing
 * to change (a plan reads through the journal), and must still fold the journal in, or the state
 * file git commits lacks those steps. Found by CrashSafetyIT.
 */
class LeftoverJournalTest {
  @TempDir Path dir;

  @Test
  void anApplyWithNothingToChangeFoldsTheJournalADeadApplyLeft() throws Exception {
    FakeTime time = new FakeTime();
    Workspace ws = LocalWorkspaces.open(dir, time);
    IrConfig config = LocalWorkspaces.onePool();
    ApplyResult r = ws.apply(config, ApplyOptions.defaults(), e -> {});
    assertThat(r.ok()).as(r.problems().toString()).isTrue();

    // The dead apply: two steps journaled (an intent recorded, then cleared), never compacted.
    StateStore dead = new StateStore(ws.statePath(), time);
    State s = dead.read(Optional.empty());
    PendingIntent intent =
        new PendingIntent("scale", "pool.web", "t1", "web", Instant.parse("2026-01-01T00:00:00Z"));
    State one = dead.append(s.withPending(intent));
    State two = dead.append(one.withoutPending(p -> true));
    Path journal = dead.journalPath();
    assertThat(journal).exists();
    assertThat(ws.state().serial()).isEqualTo(two.serial());

    Workspace next = LocalWorkspaces.open(dir, time);
    assertThat(next.plan(config).plan().orElseThrow().hasChanges()).isFalse();
    next.publish("apply");

    assertThat(journal).as("the journal was folded into the state file").doesNotExist();
    assertThat(Files.readString(ws.statePath())).contains("\"serial\": " + two.serial());
  }
}
