package dev.poolform.cli.commands.options;

import dev.poolform.cli.CliContext;
import dev.poolform.cli.workspace.Workspaces;
import dev.poolform.ir.IrConfig;
import dev.poolform.runtime.engine.ApplyOptions;
import picocli.CommandLine.Option;

/** {@code --parallelism N}: how many pools apply and destroy work on at once. */
public final class ParallelismOption {
  @Option(
      names = "--parallelism",
      paramLabel = "N",
      defaultValue = "10",
      description = "Pools worked on at once (default: 10).")
  int parallelism;

  /** The engine's options for {@code config}: this parallelism and the poll interval. */
  public ApplyOptions applyOptions(CliContext ctx, IrConfig config) {
    return Workspaces.applyOptions(ctx, config, parallelism);
  }
}
