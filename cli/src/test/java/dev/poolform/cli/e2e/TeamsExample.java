package dev.poolform.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.poolform.cli.RepoFiles;
import java.nio.file.Files;
import java.nio.file.Path;

/** {@code examples/teams.pool} with another {@code state} block than its git one. */
final class TeamsExample {
  private TeamsExample() {}

  /** A machine's directory holding the example as {@code main.pool}, its state in {@code block}. */
  static Workspace in(Path dir, String block) throws Exception {
    String example = Files.readString(RepoFiles.examples().resolve("teams.pool"));
    String config =
        example
            .replaceAll("(?s)\nstate git \\{.*?\\}\n", "\n" + block)
            .replace("boot_time = 3s", "boot_time = 2s");
    assertThat(config).doesNotContain("state git");
    Workspace ws = new Workspace(Files.createDirectories(dir));
    ws.write("main.pool", config);
    ws.env.put("POOLFORM_POLL_INTERVAL", "100ms");
    return ws;
  }
}
