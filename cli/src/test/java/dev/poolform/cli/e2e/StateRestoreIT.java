package dev.poolform.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.poolform.cli.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 10, item 7, as a user meets it: an older state put back (the {@code .backup}, a git
 * checkout) is refused as an older serial, and {@code pool state restore FILE} is the documented
 * way back: it checks the lineage, shows what the next apply would do against the live clouds,
 * asks, and moves the seen serial forward. About 3 s on the local cloud.
 */
class StateRestoreIT {
  @TempDir Path dir;
  Workspace ws;

  static String config(int desired) {
    return """
        cloud local dev { boot_time = 0s }

        pool "web" on dev {
          capacity { min = 1  max = 4  desired = %d }
          machine  { size = "small"  image = "u1" }
        }
        """
        .formatted(desired);
  }

  @BeforeEach
  void setUp() throws Exception {
    ws = new Workspace(dir);
    ws.env.put("POOLFORM_POLL_INTERVAL", "50ms");
    ws.write("main.pool", config(1));
    ws.expect(0, "apply", "--auto-approve", "main.pool");
    ws.write("main.pool", config(2));
    ws.expect(0, "apply", "--auto-approve", "main.pool");
  }

  @Test
  void theBackupIsRefusedAsOlderButRestoreTakesItBackAfterShowingWhatDiffers() throws Exception {
    long newest = ws.stateOf("main.state.json").path("serial").asLong();
    Path backup = dir.resolve("main.state.json.backup");
    Path saved = Files.copy(backup, dir.resolve("older.state.json"));
    assertThat(ws.stateOf("older.state.json").path("serial").asLong()).isLessThan(newest);

    // Copying the backup back by hand is refused: applying it would undo what the clouds have.
    Files.copy(saved, dir.resolve("main.state.json"), StandardCopyOption.REPLACE_EXISTING);
    assertThat(ws.expect(1, "plan", "main.pool").err()).contains("older than serial");

    // No terminal to ask, no --auto-approve: nothing happens.
    assertThat(ws.expect(2, "state", "restore", "older.state.json", "main.pool").err())
        .contains("--auto-approve");

    CliRun r = ws.expect(0, "state", "restore", "older.state.json", "main.pool", "--auto-approve");
    // Restored state: desired 1; configuration and cloud: 2. The preview says what apply will do.
    assertThat(r.out())
        .contains("Restoring older.state.json")
        .contains("the next apply would then do this")
        .contains("Restored older.state.json as main.state.json (now serial " + (newest + 1));
    assertThat(ws.stateOf("main.state.json").path("serial").asLong()).isEqualTo(newest + 1);
    ws.expect(0, "plan", "main.pool");
    ws.expect(0, "apply", "--auto-approve", "main.pool");
    ws.expect(0, "plan", "--detailed-exitcode", "main.pool");
    assertThat(ws.cloud("default").group("web").orElseThrow().desired()).isEqualTo(2);
  }

  @Test
  void aStateOfAnotherLineageIsRefusedAndNothingChanges() throws Exception {
    Path other = Files.createDirectories(dir.resolve("other"));
    Workspace elsewhere = new Workspace(other);
    elsewhere.env.putAll(ws.env);
    elsewhere.write("main.pool", config(1));
    elsewhere.expect(0, "apply", "--auto-approve", "main.pool");
    String before = ws.read("main.state.json");

    CliRun r =
        ws.expect(1, "state", "restore", "other/main.state.json", "main.pool", "--auto-approve");
    assertThat(r.err()).contains("has lineage").contains("another configuration");
    assertThat(ws.read("main.state.json")).isEqualTo(before);
  }
}
