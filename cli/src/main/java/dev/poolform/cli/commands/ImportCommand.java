package dev.poolform.cli.commands;

import dev.poolform.cli.CliContext;
import dev.poolform.cli.ExitCode;
import dev.poolform.cli.commands.options.StateFileOption;
import dev.poolform.cli.commands.options.VariableOptions;
import dev.poolform.cli.workspace.RuntimeCommand;
import dev.poolform.cli.workspace.Target;
import dev.poolform.runtime.ImportResult;
import dev.poolform.runtime.provider.ProviderException;
import dev.poolform.runtime.state.ResourceState;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code pool import ADDR ID [PATH] [--state PATH]}: adopt an existing cloud group. {@code pool
 * import capi FILE.yaml} (a subcommand) converts Cluster API manifests into a {@code .pool} file.
 */
@Command(
    description = {
      "Adopt an existing cloud group (an ASG name, a VMSS resource id, a local group name) as the",
      "pool ADDR of the configuration. Nothing in the cloud changes; the next plan shows what apply",
      "would still change to make the group match the configuration.",
      "`pool import capi FILE.yaml` converts Cluster API manifests instead."
    },
    subcommands = {ImportCapiCommand.class},
    footer = {
      "",
      "Exit status: 0 imported, 1 errors (no such pool or group, already in state, claimed by",
      "another lineage without --force), 2 usage error.%n"
    })
public final class ImportCommand implements Callable<Integer> {
  private final CliContext ctx;

  // Optional to picocli so that `pool import capi ...` parses; call() checks both are given.
  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "ADDR",
      description = "The pool's address, e.g. pool.web.")
  String address;

  @Parameters(
      index = "1",
      arity = "0..1",
      paramLabel = "ID",
      description = "The cloud's id for the group.")
  String id;

  @Parameters(
      index = "2",
      arity = "0..1",
      paramLabel = "PATH",
      description = "A .pool file or a directory of them (default: the current directory).")
  Path path;

  @Option(
      names = "--force",
      description =
          "Import a group whose tags name another state's lineage (that configuration may still"
              + " manage it; release it there with `pool state rm` first if you can).")
  boolean force;

  @Mixin VariableOptions variables;

  @Mixin StateFileOption state;

  public ImportCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() throws Exception {
    return RuntimeCommand.run(ctx, this::importGroup);
  }

  private int importGroup() throws Exception {
    if (address == null || id == null) {
      ctx.err()
          .println(
              "error: `pool import` needs ADDR and ID (e.g. `pool import pool.web my-asg`), or `pool import capi FILE.yaml`.");
      return ExitCode.USAGE;
    }
    String addr = address.startsWith("pool.") ? address : "pool." + address;
    Target target = Target.compile(ctx, path, variables.sources(ctx));
    try {
      ImportResult result = state.open(ctx, target).importGroup(target.config(), addr, id, force);
      ResourceState r = result.resource();
      result
          .claimedBy()
          .ifPresent(
              c ->
                  ctx.err()
                      .println(
                          "warning: "
                              + id
                              + " carried the tags of "
                              + c
                              + "; --force imported it anyway. Release it there with `pool state"
                              + " rm`, or that configuration will go on managing it too."));
      ctx.out()
          .println(
              "Imported "
                  + r.group().cloudId()
                  + " (cloud "
                  + r.cloud().key()
                  + ") as "
                  + r.address()
                  + ".");
      if (result.wasReleased()) {
        ctx.out().println("It was released by `pool state rm`; this state manages it again.");
      }
      ctx.out().println("Run `pool plan` to see what apply would still change.");
      return ExitCode.OK;
    } catch (ProviderException e) {
      ctx.err().println("error: cannot import " + id + ": " + e.getMessage() + ".");
      return ExitCode.CONFIG_ERROR;
    }
  }
}
