package dev.poolform.cli.commands.local;

import dev.poolform.cli.CliContext;
import dev.poolform.cli.ExitCode;
import dev.poolform.cli.UsageException;
import dev.poolform.runtime.local.LocalCloud;
import dev.poolform.runtime.provider.ProviderException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Finds the local cloud that holds a group, from the workspace and an optional {@code --cloud}. */
final class LocalGroups {
  private LocalGroups() {}

  /**
   * The folder of the workspace's simulated clouds: {@code .poolform/local} of {@code dir}, or the
   * folder {@code POOLFORM_LOCAL_CLOUD} names, as for the commands that apply.
   */
  static Path workspace(CliContext ctx, Path dir) {
    Path ws = ctx.resolve(dir == null ? Path.of(".") : dir);
    if (Files.isRegularFile(ws)) ws = ws.getParent();
    if (!Files.isDirectory(ws)) throw new UsageException("No such directory: " + dir + ".");
    return LocalCloud.root(ws, ctx.env());
  }

  /** The clouds of the clouds' folder {@code ws}, or just the one named. */
  static List<LocalCloud> clouds(Path ws, Optional<String> cloud) {
    List<String> names;
    try {
      names = LocalCloud.regions(ws);
    } catch (IOException e) {
      throw new UsageException("Cannot read " + ws + ": " + e.getMessage() + ".");
    }
    if (cloud.isPresent()) {
      if (!names.contains(cloud.get())) {
        throw new UsageException(
            "No local region named `"
                + cloud.get()
                + "` has groups in "
                + ws
                + (names.isEmpty() ? "." : " (regions: " + String.join(", ", names) + ")."));
      }
      names = List.of(cloud.get());
    }
    List<LocalCloud> out = new ArrayList<>();
    for (String n : names) out.add(LocalCloud.at(ws, n, Clock.systemUTC(), Optional.empty()));
    return out;
  }

  /** The one cloud that has a group named {@code group}. */
  static LocalCloud cloudOf(Path ws, Optional<String> cloud, String group) throws Exception {
    List<LocalCloud> with = new ArrayList<>();
    for (LocalCloud c : clouds(ws, cloud)) {
      if (c.group(group).isPresent()) with.add(c);
    }
    if (with.isEmpty()) {
      throw new UsageException(
          "No local group named `"
              + group
              + "` in "
              + ws
              + "; `pool local list` shows the groups.");
    }
    if (with.size() > 1) {
      throw new UsageException(
          "Several local regions have a group named `"
              + group
              + "`; choose one with --region ("
              + String.join(", ", with.stream().map(LocalCloud::name).toList())
              + ").");
    }
    return with.get(0);
  }

  /** A refusal of the local cloud (no such machine, a size out of bounds), in its words: exit 1. */
  static int refused(CliContext ctx, ProviderException e) {
    ctx.err().println("error: " + e.getMessage() + ".");
    return ExitCode.CONFIG_ERROR;
  }
}
