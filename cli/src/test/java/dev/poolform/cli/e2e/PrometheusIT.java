package dev.poolform.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Prometheus (the Debian package {@code prometheus}; skipped with a message where it is not
 * installed) scrapes {@code pool watch --metrics} on loopback every second; the test asks its HTTP
 * API for the series after drift ({@code pool local scale}), a sick machine and a repair. {@code
 * promtool} checks the exposition and the shipped alerting rules. About 30 s.
 */
class PrometheusIT {
  static final String CONFIG =
      """
      cloud local dev {
        boot_time = 100ms
      }

      pool "web" on dev {
        capacity { min = 1  max = 6  desired = 3 }
        machine  { size = "small"  image = "ubuntu-24.04" }
        health   { grace = 0s  max_unhealthy = 1  repair = "replace" }
      }
      """;

  @TempDir Path dir;
  Workspace ws;
  Process prometheus;
  final HttpClient http = HttpClient.newHttpClient();
  int promPort;

  static Optional<Path> binary(String name) {
    for (String d : List.of("/usr/bin", "/usr/local/bin", "/bin")) {
      Path p = Path.of(d, name);
      if (Files.isExecutable(p)) return Optional.of(p);
    }
    return Optional.empty();
  }

  @BeforeEach
  void setUp() throws Exception {
    assumeTrue(
        binary("prometheus").isPresent() && binary("promtool").isPresent(),
        "prometheus and promtool are not installed (apt-get install -y prometheus): skipped");
    ws = new Workspace(dir.resolve("project"));
    ws.env.put("POOLFORM_POLL_INTERVAL", "50ms");
    ws.write("main.pool", CONFIG);
    ws.expect(0, "apply", "--auto-approve");
    ws.awaitHealthy("default", "web", 3, Duration.ofSeconds(10));
  }

  @AfterEach
  void tearDown() throws Exception {
    if (prometheus != null) {
      prometheus.destroy();
      prometheus.waitFor(20, TimeUnit.SECONDS);
      prometheus.destroyForcibly();
    }
  }

  @Test
  void prometheusScrapesDriftSicknessAndRepair() throws Exception {
    int metricsPort = WatchOnCloudsIT.freePort();
    promPort = WatchOnCloudsIT.freePort();
    Path config = dir.resolve("prometheus.yml");
    Files.writeString(
        config,
        """
        global:
          scrape_interval: 1s
        scrape_configs:
          - job_name: poolform
            static_configs:
              - targets: ['127.0.0.1:%d']
        """
            .formatted(metricsPort));
    try (ChildWatch w =
        ChildWatch.start(ws, "--interval", "300ms", "--metrics", "127.0.0.1:" + metricsPort)) {
      w.awaitType("watch_started", 120);
      prometheus =
          new ProcessBuilder(
                  binary("prometheus").get().toString(),
                  "--config.file=" + config,
                  "--storage.tsdb.path=" + dir.resolve("tsdb"),
                  "--web.listen-address=127.0.0.1:" + promPort)
              .redirectErrorStream(true)
              .redirectOutput(dir.resolve("prometheus.log").toFile())
              .start();

      awaitValue("poolform_pool_ready_machines{pool=\"pool.web\",cloud=\"local.dev\"}", 3);
      awaitValue("poolform_pool_drifted{pool=\"pool.web\"}", 0);
      awaitValue("poolform_pool_healthy{pool=\"pool.web\"}", 1);

      ws.expect(0, "local", "scale", "web", "5");
      awaitValue("poolform_pool_drifted{pool=\"pool.web\"}", 1);
      awaitValue("poolform_pool_desired_machines{pool=\"pool.web\"}", 5);
      awaitValue("poolform_watch_events_total{type=\"drift_found\"}", 1);

      String sick = ws.cloud("default").group("web").orElseThrow().machines().get(0).id();
      ws.expect(0, "local", "sick", "web", sick);
      awaitValue("poolform_pool_unhealthy_machines{pool=\"pool.web\"}", 1);
      awaitValue("poolform_pool_healthy{pool=\"pool.web\"}", 0);

      ws.expect(0, "apply", "--auto-approve");
      ws.awaitHealthy("default", "web", 3, Duration.ofSeconds(30));
      awaitValue("poolform_pool_unhealthy_machines{pool=\"pool.web\"}", 0);
      awaitValue("poolform_pool_drifted{pool=\"pool.web\"}", 0);
      awaitValue("poolform_pool_healthy{pool=\"pool.web\"}", 1);
      awaitValue("poolform_pool_desired_machines{pool=\"pool.web\"}", 3);
      awaitValue("time() - poolform_last_reconcile_timestamp_seconds < bool 30", 1);

      String exposition =
          http.send(
                  HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + metricsPort + "/metrics"))
                      .build(),
                  HttpResponse.BodyHandlers.ofString())
              .body();
      assertThat(exposition).contains("poolform_refresh_duration_seconds_bucket");
      Path scraped = dir.resolve("scraped.txt");
      Files.writeString(scraped, exposition);
      Process check =
          new ProcessBuilder(binary("promtool").get().toString(), "check", "metrics")
              .redirectInput(scraped.toFile())
              .redirectErrorStream(true)
              .start();
      String said = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(check.waitFor()).as("promtool check metrics said:\n%s", said).isEqualTo(0);
      assertThat(said).isEmpty();
      dashboardQueriesRun();
      w.terminate();
    }
  }

  @Test
  void shippedAlertingRulesPassPromtool() throws Exception {
    Path rules = Path.of("..", "docs", "operate", "poolform-alerts.yml").toAbsolutePath();
    assertThat(rules).exists();
    Process check =
        new ProcessBuilder(binary("promtool").get().toString(), "check", "rules", rules.toString())
            .redirectErrorStream(true)
            .start();
    String said = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(check.waitFor()).as("promtool check rules said:\n%s", said).isEqualTo(0);
    assertThat(said).contains("SUCCESS");
  }

  /** Every query of the shipped Grafana dashboard parses and runs on the real Prometheus. */
  private void dashboardQueriesRun() throws Exception {
    JsonNode dashboard =
        new ObjectMapper()
            .readTree(Path.of("..", "docs", "operate", "poolform-dashboard.json").toFile());
    int n = 0;
    for (JsonNode panel : dashboard.path("panels")) {
      for (JsonNode target : panel.path("targets")) {
        String expr = target.path("expr").asText().replace("$pool", ".*");
        URI uri =
            URI.create(
                "http://127.0.0.1:"
                    + promPort
                    + "/api/v1/query?query="
                    + URLEncoder.encode(expr, StandardCharsets.UTF_8));
        String body =
            http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString())
                .body();
        assertThat(new ObjectMapper().readTree(body).path("status").asText())
            .as("dashboard query %s: %s", expr, body)
            .isEqualTo("success");
        n++;
      }
    }
    assertThat(n).isGreaterThan(5);
  }

  /** Polls Prometheus's instant query API until {@code query} has one series of {@code value}. */
  private void awaitValue(String query, double value) throws Exception {
    URI uri =
        URI.create(
            "http://127.0.0.1:"
                + promPort
                + "/api/v1/query?query="
                + URLEncoder.encode(query, StandardCharsets.UTF_8));
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    String last = "";
    while (System.nanoTime() < end) {
      try {
        last =
            http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString())
                .body();
        JsonNode result = new ObjectMapper().readTree(last).path("data").path("result");
        if (result.size() == 1
            && Double.parseDouble(result.get(0).path("value").get(1).asText()) == value) {
          return;
        }
      } catch (IOException e) {
        last = e.toString(); // Prometheus still starting
      }
      Thread.sleep(250);
    }
    throw new AssertionError(query + " never was " + value + "; Prometheus last answered: " + last);
  }
}
