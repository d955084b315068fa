package dev.poolform.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12 item 6: help that reads well. Whole-sentence summaries in {@code pool --help}, text
 * wrapped at the terminal's width (COLUMNS) and never where a source line ended, and each command's
 * own exit statuses.
 */
class HelpLayoutTest {
  @TempDir Path dir;

  CliRun help(int columns, String... args) {
    Map<String, String> env = new HashMap<>(RoughEdgesTest.ENV);
    env.put("COLUMNS", Integer.toString(columns));
    CliRun r = CliRun.run(dir, env, "", args);
    assertThat(r.status()).as(r.err()).isZero();
    return r;
  }

  /** The text with its line breaks and indentation folded, as a reader takes it in. */
  static String folded(String text) {
    return text.replaceAll("\\s+", " ");
  }

  @Test
  void theCommandListFitsEightyColumnsWithWholeSentences() {
    String out = help(80, "--help").out();
    for (String line : out.lines().toList())
      assertThat(line.length()).as(line).isLessThanOrEqualTo(80);
    String list = out.substring(out.indexOf("Commands:"));
    // Each entry: a name at two spaces, then its summary (with continuation lines) ending in "."
    List<String> entries =
        List.of(list.substring(list.indexOf('\n') + 1).split("\\n(?=  \\S)", -1));
    assertThat(entries).hasSizeGreaterThan(10);
    for (String e : entries) {
      if (e.isBlank() || !e.startsWith("  ")) continue;
      String text = folded(e).strip();
      if (text.startsWith("Exit status") || text.startsWith("Run ")) continue;
      assertThat(text).as(e).endsWith(".");
    }
    assertThat(folded(out))
        .contains(
            "apply Carry out the changes: create, scale, roll out, repair, replace and delete"
                + " pools, and wait until every rollout has finished.");
  }

  @Test
  void aCommandsHelpWrapsAtTheTerminalWidthNotWhereTheSourceLineEnded() {
    String narrow = help(80, "plan", "--help").out();
    for (String line : narrow.lines().toList())
      assertThat(line.length()).as(line).isLessThanOrEqualTo(80);
    assertThat(narrow)
        .doesNotContain("show\nwhat apply\nwould do")
        .doesNotContain("what apply\nwould");
    assertThat(folded(narrow)).contains("and show what apply would do. Changes made outside");
    String wide = help(140, "plan", "--help").out();
    assertThat(wide.lines().mapToInt(String::length).max().orElse(0)).isGreaterThan(80);
  }

  @Test
  void eachCommandShowsItsOwnExitStatuses() {
    String kill = folded(help(80, "local", "kill", "--help").out());
    assertThat(kill)
        .contains("Exit status: 0 ok, 1 the cloud refused")
        .doesNotContain("errors in the configuration");
    String rm = folded(help(80, "state", "rm", "--help").out());
    assertThat(rm).contains("1 no such address").doesNotContain("errors in the configuration");
    assertThat(folded(help(80, "version", "--help").out()))
        .contains("Exit status: 0")
        .doesNotContain("errors in the configuration");
    assertThat(folded(help(80, "explain", "--help").out()))
        .doesNotContain("errors in the configuration");
  }
}
