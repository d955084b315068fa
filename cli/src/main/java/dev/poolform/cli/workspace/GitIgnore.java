package dev.poolform.cli.workspace;

import dev.poolform.cli.CliContext;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The first apply in a directory adds to its {@code .gitignore} what Poolform writes beside the
 * configuration but must not be committed: {@code .poolform/} (the local cloud, the seen-record,
 * the ledger) and the state file's {@code .backup}, {@code .lock} and {@code .journal}. The state
 * file itself is committed, so it is never listed. Existing lines are kept; only missing entries
 * are appended.
 */
public final class GitIgnore {
  private GitIgnore() {}

  /** The entries for a state file at {@code statePath}, relative to {@code dir}. */
  static List<String> entries(Path dir, Path statePath) {
    List<String> out = new ArrayList<>(List.of(".poolform/"));
    Path abs = statePath.toAbsolutePath().normalize();
    if (abs.getParent() != null && abs.getParent().equals(dir.toAbsolutePath().normalize())) {
      String name = abs.getFileName().toString();
      out.add(name + ".backup");
      out.add(name + ".lock");
      // An apply's steps before they are folded into the state (runtime.md#the-journal).
      out.add(name + ".journal");
    }
    return out;
  }

  /**
   * Appends the missing entries and says so on stderr; a {@code .gitignore} that cannot be written
   * is a warning, never a failed apply.
   */
  public static void ensure(CliContext ctx, Path dir, Path statePath) {
    Path file = dir.resolve(".gitignore");
    try {
      List<String> have =
          Files.exists(file)
              ? Files.readAllLines(file, StandardCharsets.UTF_8).stream()
                  .map(String::strip)
                  .toList()
              : List.of();
      List<String> missing = new ArrayList<>();
      for (String e : entries(dir, statePath)) if (!have.contains(e)) missing.add(e);
      if (missing.isEmpty()) return;
      StringBuilder text = new StringBuilder();
      if (Files.exists(file) && Files.size(file) > 0 && !endsWithNewline(file)) text.append('\n');
      if (have.isEmpty()) text.append("# Written by Poolform: commit the state file, not these.\n");
      for (String e : missing) text.append(e).append('\n');
      Files.writeString(
          file,
          text,
          StandardCharsets.UTF_8,
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND,
          StandardOpenOption.WRITE);
      ctx.err().println("Added " + String.join(", ", missing) + " to .gitignore.");
    } catch (IOException e) {
      ctx.err().println("warning: could not update .gitignore: " + e.getMessage());
    }
  }

  private static boolean endsWithNewline(Path file) throws IOException {
    byte[] b = Files.readAllBytes(file);
    return b.length == 0 || b[b.length - 1] == '\n';
  }
}
