package dev.poolform.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.poolform.cli.CliRun;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/providers/azure.md, "Trying it without a subscription", as a user follows it: start the
 * emulator with {@code testing/arm-emulator/serve}, export the two variables it prints, and plan,
 * apply and destroy {@code examples/azure/flexible.pool} unchanged but for its {@code min_ready}
 * (1m30s a batch is real Azure's pace, not a test's). About 20 s.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class AzureTryItIT {
  @TempDir Path dir;

  @Test
  void theDocumentedEmulatorServesTheAzureExampleThroughTheCli() throws Exception {
    Path root = Path.of(System.getProperty("poolform.repo.root", "..")).toAbsolutePath();
    Process serve =
        new ProcessBuilder(
                root.resolve("testing/arm-emulator/serve").toString(), "--boot-ms", "200")
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    try {
      Map<String, String> env = new HashMap<>();
      BufferedReader lines =
          new BufferedReader(new InputStreamReader(serve.getInputStream(), StandardCharsets.UTF_8));
      assertThat(lines.readLine()).startsWith("# ARM emulator serving on http://127.0.0.1:");
      for (int i = 0; i < 2; i++) {
        String line = lines.readLine();
        assertThat(line).startsWith("export POOLFORM_AZURE_");
        String[] kv = line.substring("export ".length()).split("=", 2);
        env.put(kv[0], kv[1]);
      }
      env.put("HOME", dir.resolve(".home").toString());
      String example = Files.readString(root.resolve("examples/azure/flexible.pool"));
      Files.writeString(
          dir.resolve("flexible.pool"), example.replace("min_ready = 90s", "min_ready = 1s"));

      CliRun plan = CliRun.run(dir, env, "", "plan", "--detailed-exitcode", "flexible.pool");
      assertThat(plan.status()).as(plan.err()).isEqualTo(2);
      assertThat(plan.out()).contains("pool.api will be created");
      CliRun apply = CliRun.run(dir, env, "", "apply", "--auto-approve", "flexible.pool");
      assertThat(apply.status()).as(apply.err()).isZero();
      assertThat(apply.out()).contains("Apply complete! Pools: 1 created");
      assertThat(CliRun.run(dir, env, "", "plan", "--detailed-exitcode", "flexible.pool").status())
          .isZero();
      CliRun destroy = CliRun.run(dir, env, "", "destroy", "--auto-approve", "flexible.pool");
      assertThat(destroy.status()).as(destroy.err()).isZero();
      assertThat(destroy.out()).contains("Destroy complete! Pools: 1 destroyed.");
    } finally {
      serve.destroy();
      assertThat(serve.waitFor(10, TimeUnit.SECONDS)).isTrue();
    }
  }
}
