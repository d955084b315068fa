package dev.poolform.cli.commands.local;

import dev.poolform.cli.CliContext;
import dev.poolform.cli.ExitCode;
import dev.poolform.runtime.local.LocalCloud;
import dev.poolform.runtime.provider.ProviderException;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/** Options every {@code pool local} command shares. */
public final class LocalOptions {
  @Option(
      names = "--dir",
      paramLabel = "DIR",
      description =
          "The configuration directory whose .poolform/local holds the cloud (default: the current directory).")
  Path dir;

  @Option(
      names = {"--region", "--cloud"},
      paramLabel = "REGION",
      description =
          "The local region (a cloud block's `region`, default `default`), when several have a"
              + " group of that name.")
  String cloud;

  /** How a command's {@code NAME} argument, the group it acts on, is described. */
  static final String GROUP = "The group (the pool's name).";

  Optional<String> cloud() {
    return Optional.ofNullable(cloud);
  }

  /** What a command does to the local cloud that holds its group. */
  interface GroupAction {
    int on(LocalCloud cloud) throws ProviderException;
  }

  /**
   * Runs {@code action} on the local cloud that holds the group {@code name} (in {@code --dir}, of
   * {@code --region}); the cloud's refusal is an error in its own words, exit 1.
   */
  int onGroup(CliContext ctx, String name, GroupAction action) throws Exception {
    LocalCloud c = LocalGroups.cloudOf(LocalGroups.workspace(ctx, dir), cloud(), name);
    try {
      return action.on(c);
    } catch (ProviderException e) {
      return refused(ctx, e);
    }
  }

  /** A refusal of the local cloud, in its own words: exit 1. */
  static int refused(CliContext ctx, ProviderException e) {
    ctx.err().println("error: " + e.getMessage() + ".");
    return ExitCode.CONFIG_ERROR;
  }
}
