package dev.poolform.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.poolform.ir.json.CanonicalJson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The small things a first-hour user trips over (issue 12, items 10 and 12), each through the CLI
 * in-process against the local cloud.
 */
class RoughEdgesTest {
  @TempDir Path dir;

  static final Map<String, String> ENV =
      Map.of("NO_COLOR", "1", "POOLFORM_POLL_INTERVAL", "20ms", "HOME", "/nonexistent-home");

  static final String ONE =
      """
      cloud local dev {
        boot_time = 0s
      }

      pool "web" on dev {
        capacity { min = 1  max = 3  desired = 1 }
        machine  { size = "small"  image = "ubuntu-24.04"  zones = ["a"] }
      }
      """;

  CliRun pool(String... args) {
    CliRun r = CliRun.run(dir, ENV, "", args);
    assertThat(r.hasStackTrace()).as(r.out() + r.err()).isFalse();
    return r;
  }

  @Test
  void anEmptyDirectoryIsAUsageErrorNotADiagnosticAtAMadeUpLine() {
    for (String cmd : new String[] {"plan", "validate", "apply"}) {
      CliRun r = pool(cmd);
      assertThat(r.status()).as(cmd + ": " + r.err()).isEqualTo(2);
      assertThat(r.err())
          .contains("No .pool files in the current directory")
          .doesNotContain("E0409");
    }
  }

  @Test
  void showJsonWithoutAStateInventsNoLineage() throws Exception {
    Files.writeString(dir.resolve("main.pool"), ONE);
    CliRun a = pool("show", "--json");
    CliRun b = pool("show", "--json");
    assertThat(a.status()).isZero();
    assertThat(a.out()).isEqualTo(b.out()).doesNotContain("lineage");
    assertThat(CanonicalJson.parse(a.out()).path("resources").size()).isZero();
    assertThat(Files.exists(dir.resolve("pool.state.json"))).isFalse();
  }

  @Test
  void destroyWithNothingToDestroySaysSo() throws Exception {
    Files.writeString(dir.resolve("main.pool"), ONE);
    CliRun r = pool("destroy", "--auto-approve");
    assertThat(r.status()).isZero();
    assertThat(r.out()).contains("Nothing to destroy").doesNotContain("match the configuration");
  }

  @Test
  void firstApplyIgnoresPoolformFilesAndStateShowIsCanonicalAndShowCountsOneMachine()
      throws Exception {
    Files.writeString(dir.resolve("main.pool"), ONE);
    Files.writeString(dir.resolve(".gitignore"), "build/"); // no trailing newline: kept intact
    CliRun apply = pool("apply", "--auto-approve");
    assertThat(apply.status()).as(apply.out() + apply.err()).isZero();
    assertThat(Files.readAllLines(dir.resolve(".gitignore")))
        .containsExactly(
            "build/",
            ".poolform/",
            "pool.state.json.backup",
            "pool.state.json.lock",
            "pool.state.json.journal")
        .doesNotContain("pool.state.json");
    assertThat(apply.err()).contains("to .gitignore");

    // A second apply adds nothing.
    pool("apply", "--auto-approve");
    assertThat(Files.readAllLines(dir.resolve(".gitignore"))).hasSize(5);

    CliRun entry = pool("state", "show", "pool.web");
    assertThat(entry.status()).isZero();
    JsonNode parsed = CanonicalJson.parse(entry.out());
    assertThat(entry.out()).isEqualTo(CanonicalJson.write(parsed));

    assertThat(pool("show").out()).contains("1 machine at the last apply");
  }

  @Test
  void aHandEditedIllTypedStateIsRefusedWhereItIsAndLeftAlone() throws Exception {
    Files.writeString(dir.resolve("main.pool"), ONE);
    assertThat(pool("apply", "--auto-approve").status()).isZero();
    Path state = dir.resolve("pool.state.json");
    String text = Files.readString(state);
    assertThat(text).contains("\"desired\": 1");
    Files.writeString(state, text.replaceFirst("\"desired\": 1", "\"desired\": \"three\""));
    byte[] before = Files.readAllBytes(state);
    for (String cmd : new String[] {"plan", "show"}) {
      CliRun r = pool(cmd);
      assertThat(r.status()).as(cmd).isNotZero();
      assertThat(r.err())
          .as(cmd)
          .contains("pool.state.json is not a valid Poolform state")
          .contains("`/resources/pool.web/observed/desired` must be a whole number")
          .contains("found \"three\"");
    }
    assertThat(Files.readAllBytes(state)).isEqualTo(before);
  }

  @Test
  void stateCommandsTakeAPoolsBareName() throws Exception {
    Files.writeString(dir.resolve("main.pool"), ONE);
    assertThat(pool("apply", "--auto-approve").status()).isZero();
    CliRun full = pool("state", "show", "pool.web");
    CliRun bare = pool("state", "show", "web");
    assertThat(bare.status()).as(bare.err()).isZero();
    assertThat(bare.out()).isEqualTo(full.out()).isNotEmpty();

    CliRun mv = pool("state", "mv", "web", "www");
    assertThat(mv.status()).as(mv.err()).isZero();
    assertThat(mv.out()).startsWith("Moved pool.web to pool.www");
    assertThat(pool("state", "list").out()).contains("pool.www").doesNotContain("pool.web");
    // The configuration still names pool.web: the message must not promise a rename the plan
    // does not show (it shows pool.www's group to destroy), and it says what to do.
    assertThat(mv.out())
        .doesNotContain("shows the rename.")
        .contains("once the configuration names pool.www")
        .contains("while it still names pool.web, the plan destroys the group");
    assertThat(pool("plan").out()).contains("pool.www will be destroyed");
  }

  @Test
  void externalDesiredIsShownAsTheKeywordNotAString() throws Exception {
    Files.writeString(dir.resolve("main.pool"), ONE.replace("desired = 1", "desired = external"));
    CliRun r = pool("plan");
    assertThat(r.status()).as(r.err()).isZero();
    assertThat(r.out()).contains("desired = external").doesNotContain("\"external\"");
  }

  /**
   * Shrunk from the model test: an apply with nothing to do left the previous apply's steps in its
   * {@code --events} file, so a reader saw a pool "finished" that this run never looked at.
   */
  @Test
  void anApplyWithNothingToDoLeavesAnEmptyEventsFile() throws Exception {
    Files.writeString(dir.resolve("main.pool"), ONE);
    assertThat(pool("apply", "--auto-approve", "--events", "events.jsonl").status()).isZero();
    assertThat(Files.readString(dir.resolve("events.jsonl"))).contains("pool_finished");
    CliRun again = pool("apply", "--auto-approve", "--events", "events.jsonl");
    assertThat(again.status()).isZero();
    assertThat(again.out()).contains("No changes.");
    assertThat(Files.readString(dir.resolve("events.jsonl"))).isEmpty();
    CliRun destroy = pool("destroy", "--auto-approve", "--events", "gone.jsonl");
    assertThat(destroy.status()).isZero();
    assertThat(Files.readString(dir.resolve("gone.jsonl"))).contains("pool_started");
    assertThat(pool("destroy", "--auto-approve", "--events", "gone.jsonl").status()).isZero();
    assertThat(Files.readString(dir.resolve("gone.jsonl"))).isEmpty();
  }
}
