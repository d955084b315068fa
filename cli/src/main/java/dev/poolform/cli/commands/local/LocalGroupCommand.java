package dev.poolform.cli.commands.local;

import dev.poolform.cli.CliContext;
import dev.poolform.runtime.local.LocalCloud;
import dev.poolform.runtime.provider.ProviderException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * A {@code pool local} command that acts on one group, its first argument {@code NAME}: it finds
 * the local cloud that holds the group ({@code --dir}, {@code --region}) and reports the cloud's
 * refusal in the cloud's own words, exit 1.
 */
abstract class LocalGroupCommand implements Callable<Integer> {
  final CliContext ctx;

  @Mixin LocalOptions options;

  @Parameters(index = "0", paramLabel = "NAME", description = "The group (the pool's name).")
  String name;

  LocalGroupCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public final Integer call() throws Exception {
    LocalCloud cloud =
        LocalGroups.cloudOf(LocalGroups.workspace(ctx, options.dir), options.cloud(), name);
    try {
      return on(cloud);
    } catch (ProviderException e) {
      return LocalGroups.refused(ctx, e);
    }
  }

  /** What the command does to the cloud that holds the group; returns the exit status. */
  abstract int on(LocalCloud cloud) throws ProviderException;
}
