package dev.poolform.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.poolform.cli.CliRun;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code pool apply --metrics}: while the apply runs, {@code /metrics} has the steps that finished
 * (the step duration histogram, by action and outcome); the exposition passes {@code promtool check
 * metrics} where promtool is installed; the server ends with the apply. One in-process apply of
 * about 6 s (the second pool's machines boot in 4 s, so there is time to scrape the first's step).
 */
class ApplyMetricsIT {
  static final String CONFIG =
      """
      cloud local fast {
        region    = "fast"
        boot_time = 100ms
      }
      cloud local slow {
        region    = "slow"
        boot_time = 4s
      }

      pool "db" on fast {
        capacity { min = 1  max = 3  desired = 1 }
        machine  { size = "small"  image = "ubuntu-24.04" }
      }

      pool "web" on slow {
        capacity { min = 1  max = 3  desired = 1 }
        machine  { size = "small"  image = "ubuntu-24.04" }
        after    = ["db"]
      }
      """;

  @TempDir Path dir;
  final HttpClient http = HttpClient.newHttpClient();

  @Test
  void servesTheStepsWhileTheApplyRuns() throws Exception {
    Workspace ws = new Workspace(dir.resolve("project"));
    ws.env.put("POOLFORM_POLL_INTERVAL", "50ms");
    ws.write("main.pool", CONFIG);
    int port = WatchOnCloudsIT.freePort();
    CompletableFuture<CliRun> apply =
        CompletableFuture.supplyAsync(
            () -> ws.pool("apply", "--auto-approve", "--metrics", "127.0.0.1:" + port));

    String step = "poolform_pool_step_duration_seconds_count{action=\"create\",outcome=\"ok\"} 1";
    String seen = "";
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!seen.contains(step) && !apply.isDone() && System.nanoTime() < end) {
      seen = scrape(port);
      Thread.sleep(50);
    }
    String scraped = seen;
    assertThat(scraped).as("scraped while pool.web booted").contains(step);
    assertThat(scraped)
        .as("an apply serves no series of a watch's refreshes")
        .doesNotContain("poolform_pool_desired_machines", "poolform_last_reconcile");
    PrometheusIT.binary("promtool").ifPresent(p -> promtoolAccepts(p, scraped));

    CliRun r = apply.get(120, TimeUnit.SECONDS);
    assertThat(r.status()).as(r.out() + r.err()).isEqualTo(0);
    assertThat(r.err())
        .contains("Serving Prometheus metrics on http://127.0.0.1:" + port + "/metrics");
    assertThatThrownBy(() -> http.send(get(port), HttpResponse.BodyHandlers.ofString()))
        .as("the server ends with the apply")
        .isInstanceOf(IOException.class);
  }

  @Test
  void aBadAddressIsAUsageErrorBeforeAnythingIsApplied() throws Exception {
    Workspace ws = new Workspace(dir.resolve("project"));
    ws.write("main.pool", CONFIG);
    CliRun r = ws.expect(2, "apply", "--auto-approve", "--metrics", "9464");
    assertThat(r.err()).contains("--metrics takes HOST:PORT, e.g. 127.0.0.1:9464, not `9464`.");
    assertThat(Files.exists(ws.dir.resolve("pool.state.json"))).isFalse();
  }

  private HttpRequest get(int port) {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).build();
  }

  private String scrape(int port) throws InterruptedException {
    try {
      return http.send(get(port), HttpResponse.BodyHandlers.ofString()).body();
    } catch (IOException e) {
      return ""; // not serving yet
    }
  }

  private void promtoolAccepts(Path promtool, String exposition) {
    try {
      Process check =
          new ProcessBuilder(promtool.toString(), "check", "metrics")
              .redirectErrorStream(true)
              .start();
      check.getOutputStream().write(exposition.getBytes(StandardCharsets.UTF_8));
      check.getOutputStream().close();
      String said = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(check.waitFor()).as("promtool check metrics said:\n%s", said).isEqualTo(0);
      assertThat(said).isEmpty();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
