package dev.poolform.cli.commands;

import dev.poolform.capi.importer.CapiImporter;
import dev.poolform.capi.importer.ImportResult;
import dev.poolform.capi.yaml.YamlInputException;
import dev.poolform.cli.CliContext;
import dev.poolform.cli.ExitCode;
import dev.poolform.cli.UsageException;
import dev.poolform.files.SafeFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code pool import capi FILE.yaml [-o FILE.pool]}: Cluster API manifests to a .pool file. */
@Command(
    name = "capi",
    description = {
      "Write a .pool file from Cluster API manifests (MachinePool or MachineDeployment with their",
      "AWS/Azure machine objects and MachineHealthChecks). Fields that are not understood are",
      "listed as warnings on stderr."
    },
    footer = {
      "",
      "Exit status: 0 ok (warnings allowed), 1 the input is not usable, 2 usage or environment error.%n"
    })
public final class ImportCapiCommand implements Callable<Integer> {
  private final CliContext ctx;

  @Parameters(index = "0", paramLabel = "FILE.yaml", description = "Manifests; `-` reads stdin.")
  String input;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FILE.pool",
      description = "Write here instead of stdout.")
  Path output;

  public ImportCapiCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    String name = input.equals("-") ? "<stdin>" : input;
    byte[] yaml = read();
    ImportResult r;
    try {
      r = CapiImporter.importYaml(yaml, name);
    } catch (YamlInputException e) {
      ctx.err().println("error: " + e.getMessage());
      return ExitCode.CONFIG_ERROR;
    }
    for (String w : r.warnings()) ctx.err().println("warning: " + w);
    if (output == null) {
      ctx.out().print(r.poolSource());
    } else {
      try {
        Path target = ctx.resolve(output);
        if (target.toAbsolutePath().getParent() != null)
          Files.createDirectories(target.toAbsolutePath().getParent());
        Files.writeString(target, r.poolSource(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UsageException("Cannot write " + output + ": " + SafeFiles.reason(e), e);
      }
    }
    return ExitCode.OK;
  }

  private byte[] read() {
    try {
      if (input.equals("-")) return ctx.in().readAllBytes();
      Path p = ctx.resolve(Path.of(input));
      if (Files.size(p) > dev.poolform.capi.yaml.SafeYaml.MAX_CHARS * 4L) {
        throw new UsageException(input + " is too large to be a manifest file.");
      }
      return Files.readAllBytes(p);
    } catch (IOException e) {
      throw new UsageException("Cannot read " + input + ": " + SafeFiles.reason(e), e);
    }
  }
}
