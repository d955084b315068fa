package dev.poolform.cli.commands.local;

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

  Optional<String> cloud() {
    return Optional.ofNullable(cloud);
  }
}
