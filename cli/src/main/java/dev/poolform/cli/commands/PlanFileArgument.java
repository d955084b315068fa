package dev.poolform.cli.commands;

import dev.poolform.cli.CliContext;
import dev.poolform.cli.ExitCode;
import dev.poolform.cli.UsageException;
import dev.poolform.cli.workspace.CommandFailed;
import dev.poolform.files.SafeFiles;
import dev.poolform.runtime.plan.Plan;
import dev.poolform.runtime.plan.PlanFile;
import dev.poolform.runtime.plan.PlanFileException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A PLANFILE where a command also takes a configuration path ({@code pool apply}, {@code pool
 * show}): a regular file that is not a {@code .pool} file is a saved plan, and one that does not
 * read as a plan is an error rather than a configuration.
 */
final class PlanFileArgument {
  private PlanFileArgument() {}

  static Optional<Plan> read(CliContext ctx, Path path) {
    if (path == null) return Optional.empty();
    Path p = ctx.resolve(path);
    if (!Files.isRegularFile(p) || p.getFileName().toString().endsWith(".pool"))
      return Optional.empty();
    try {
      return Optional.of(PlanFile.read(p));
    } catch (IOException e) {
      throw new UsageException("Cannot read " + path + ": " + SafeFiles.reason(e) + ".");
    } catch (PlanFileException e) {
      ctx.err().println("error: " + e.getMessage());
      throw new CommandFailed(ExitCode.CONFIG_ERROR);
    }
  }
}
