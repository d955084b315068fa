package dev.poolform.cli.commands.options;

import dev.poolform.cli.CliContext;
import dev.poolform.cli.UsageException;
import dev.poolform.compiler.inputs.VarSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code --var NAME=VALUE} and {@code --var-file FILE}, on every command that compiles the
 * configuration (docs/cli.md#variables). Their order on the command line matters: a later one wins,
 * as in Terraform.
 */
public final class VariableOptions {
  private static final String VAR = "--var";
  private static final String VAR_FILE = "--var-file";

  @Spec(Spec.Target.MIXEE)
  CommandSpec command;

  @Option(
      names = VAR,
      paramLabel = "NAME=VALUE",
      description =
          "Set variable NAME (repeatable; a later value wins). A string takes VALUE as it is;"
              + " other types read it like a .poolvars value, e.g. --var replicas=3.")
  List<String> vars = new ArrayList<>();

  @Option(
      names = VAR_FILE,
      paramLabel = "FILE",
      description =
          "Set variables from a .poolvars file of NAME = VALUE lines (repeatable; taken in"
              + " command-line order with --var).")
  List<Path> files = new ArrayList<>();

  /**
   * The options in command-line order, paths resolved against the working directory. A {@code
   * --var} without {@code NAME=} or a {@code --var-file} that is not a file is a usage error.
   */
  public List<VarSource> sources(CliContext ctx) {
    List<VarSource> out = new ArrayList<>();
    Iterator<String> v = vars.iterator();
    Iterator<Path> f = files.iterator();
    // picocli keeps each option's values in order, and the order of all options matched.
    for (ArgSpec a : command.commandLine().getParseResult().matchedArgs()) {
      if (!(a instanceof OptionSpec o)) continue;
      if (o.longestName().equals(VAR)) out.add(flag(v.next()));
      else if (o.longestName().equals(VAR_FILE)) out.add(file(ctx, f.next()));
    }
    return out;
  }

  private static VarSource flag(String text) {
    return VarSource.Flag.parse(text)
        .orElseThrow(
            () ->
                new UsageException(
                    "--var needs NAME=VALUE, got `"
                        + text
                        + "`. For example: --var replicas=3 or --var env=staging."));
  }

  private static VarSource file(CliContext ctx, Path p) {
    Path abs = ctx.resolve(p);
    if (!Files.exists(abs)) throw new UsageException("No such variables file: " + p + ".");
    if (!Files.isRegularFile(abs)) throw new UsageException("Not a file: " + p + ".");
    if (!Files.isReadable(abs))
      throw new UsageException("Cannot read " + p + ": permission denied.");
    return new VarSource.File(abs);
  }
}
