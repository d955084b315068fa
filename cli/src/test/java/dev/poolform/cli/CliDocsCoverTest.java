package dev.poolform.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * docs/cli.md is complete: every option of every command, as picocli knows them, is named there.
 * Adding a flag without documenting it fails here.
 */
class CliDocsCoverTest {
  @Test
  void everyOptionOfEveryCommandIsInDocsCliMd() throws Exception {
    String docs = Files.readString(Path.of("..", "docs", "cli.md"));
    CommandLine root = Main.commandLine(CliRun.contextFor(Path.of(".")));
    List<String> missing = new ArrayList<>();
    walk(root, docs, missing);
    assertThat(missing).as("options not named in docs/cli.md").isEmpty();
  }

  private static void walk(CommandLine cmd, String docs, List<String> missing) {
    for (OptionSpec o : cmd.getCommandSpec().options()) {
      if (o.usageHelp() || o.versionHelp()) continue; // --help and --version: in Conventions
      String name = o.longestName();
      List<String> spellings = new ArrayList<>(List.of(name));
      if (o.negatable()) { // --[no-]write is documented as that or as --no-write
        spellings.add("--[no-]" + name.substring(2));
        spellings.add("--no-" + name.substring(2));
      }
      if (spellings.stream().noneMatch(n -> named(docs, n))) {
        missing.add(cmd.getCommandSpec().qualifiedName() + " " + name);
      }
    }
    for (CommandLine sub : cmd.getSubcommands().values()) walk(sub, docs, missing);
  }

  /** Named as an option: in code ({@code `--x}), in a synopsis ({@code [--x}) or in prose. */
  private static boolean named(String docs, String name) {
    return docs.contains("`" + name)
        || docs.contains("[" + name)
        || docs.contains(" " + name + " ");
  }
}
