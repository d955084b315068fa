package dev.poolform.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged jar as a user runs it: {@code poolform.jar} holds what the compiler commands load
 * and finds every other library in {@code poolform-lib.jar} beside it, through its manifest
 * (docs/cli.md#the-launcher). Two JVM starts, about a second each.
 */
class PackagedJarIT {
  private static final Path JAR = Path.of("target", "poolform.jar").toAbsolutePath();
  private static final String CONFIG =
      """
      cloud local dev {}

      pool "web" on dev {
        capacity { min = 1, max = 3 }
        machine { size = "small", image = "ubuntu-24.04" }
      }
      """;

  @TempDir Path dir;

  private record Run(int status, String output) {}

  private Run run(Path jar, String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-jar");
    cmd.add(jar.toString());
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    return new Run(p.exitValue(), out);
  }

  @Test
  void validateNeedsNothingButTheFirstJar() throws Exception {
    Files.writeString(dir.resolve("web.pool"), CONFIG);
    Path alone = Files.createDirectories(dir.resolve("alone")).resolve("poolform.jar");
    Files.copy(JAR, alone);
    Run r = run(alone, "validate", "web.pool");
    assertThat(r.output()).isEqualTo("The configuration is valid: 1 pool.\n");
    assertThat(r.status()).isZero();
    Run viaPicocli = run(alone, "validate", "--json", "web.pool");
    assertThat(viaPicocli.output()).contains("\"diagnostics\": []");
    assertThat(viaPicocli.status()).isZero();
  }

  @Test
  void aPlanLoadsTheLibrariesBesideIt() throws Exception {
    assertThat(JAR.resolveSibling("poolform-lib.jar")).isRegularFile();
    Files.writeString(dir.resolve("web.pool"), CONFIG);
    Run r = run(JAR, "plan");
    assertThat(r.output()).contains("Plan: 1 to create, 0 to change, 0 to destroy.");
    assertThat(r.status()).isZero();
  }
}
