package dev.poolform.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The approval question in a real process, where standard input and output are pipes, not a
 * terminal: {@code echo yes | pool apply | tee log} applies, a closed standard input refuses. Two
 * child JVMs (a few seconds each on a loaded machine).
 */
class ApprovalIT {
  @TempDir Path dir;
  Workspace ws;

  @BeforeEach
  void setUp() throws Exception {
    ws = new Workspace(dir);
    ws.env.put("POOLFORM_POLL_INTERVAL", "50ms");
    ws.write(
        "main.pool",
        """
        cloud local dev {
          boot_time = 100ms
        }

        pool "web" on dev {
          capacity { min = 1  max = 2  desired = 1 }
          machine  { size = "small"  image = "ubuntu-24.04"  zones = ["a"] }
        }
        """);
  }

  record Child(int status, String output) {}

  /** {@code pool apply} as a child JVM; {@code stdin} null closes its standard input at once. */
  Child apply(String stdin) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> cmd =
        List.of(
            java,
            "-XX:TieredStopAtLevel=1",
            "-XX:+UseSerialGC",
            "-cp",
            System.getProperty("java.class.path"),
            "dev.poolform.cli.Main",
            "apply");
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true);
    pb.environment().putAll(ws.env);
    Process p = pb.start();
    try (OutputStream in = p.getOutputStream()) {
      if (stdin != null) in.write(stdin.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      // the child may have refused and exited before reading: its status says what happened
    }
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).as(output).isTrue();
    return new Child(p.exitValue(), output);
  }

  @Test
  void yesPipedIntoApplyApplies() throws Exception {
    Child c = apply("yes\n");
    assertThat(c.status()).as(c.output()).isZero();
    assertThat(c.output()).contains("Only 'yes' will be accepted").contains("Apply complete!");
    assertThat(ws.groups()).hasSize(1);
  }

  @Test
  void aClosedStandardInputRefusesAndNamesTheWaysOut() throws Exception {
    Child c = apply(null);
    assertThat(c.status()).as(c.output()).isEqualTo(2);
    assertThat(c.output()).contains("--auto-approve").contains("pool plan --out");
    assertThat(ws.groups()).isEmpty();
  }
}
