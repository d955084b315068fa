package dev.poolform.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.poolform.cli.CliRun;
import dev.poolform.cli.TriggeredInterrupts;
import dev.poolform.runtime.local.LocalGroup;
import dev.poolform.runtime.state.StateLock;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code pool watch} as a real process on the local cloud: it reports drift and a sick machine,
 * corrects what --allow covers (scale, repair) and only reports a rollout, takes the lock only
 * while acting, keeps its events for {@code pool events}, and stops on a real SIGTERM (exit 0) or
 * the first interrupt in-process. One child JVM; about 15 s on a loaded machine.
 */
class WatchIT {
  @TempDir Path dir;
  Workspace ws;

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

  @BeforeEach
  void setUp() throws Exception {
    ws = new Workspace(dir);
    ws.env.put("POOLFORM_POLL_INTERVAL", "50ms");
    ws.write("main.pool", CONFIG);
    ws.expect(0, "apply", "--auto-approve");
    ws.awaitHealthy("default", "web", 3, Duration.ofSeconds(10));
  }

  @Test
  void reportsCorrectsAndStopsOnSigterm() throws Exception {
    // The webhook receiver: a real HTTP server on a free loopback port.
    List<String> posted = new CopyOnWriteArrayList<>();
    HttpServer hook =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    hook.createContext(
        "/hook",
        ex -> {
          posted.add(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
          ex.sendResponseHeaders(204, -1);
          ex.close();
        });
    hook.start();
    String url = "http://127.0.0.1:" + hook.getAddress().getPort() + "/hook";
    try (ChildWatch w = ChildWatch.start(ws, "--interval", "300ms", "--apply", "--notify", url)) {
      JsonNode started = w.awaitType("watch_started", 120);
      assertThat(started.path("message").asText()).contains("correcting repair, scale");
      assertThat(Files.exists(dir.resolve("pool.state.json.lock")))
          .as("no lock while idle")
          .isFalse();

      ws.expect(0, "local", "scale", "web", "5");
      JsonNode drift = w.awaitType("drift_found", 60);
      assertThat(drift.path("address").asText()).isEqualTo("pool.web");
      assertThat(drift.path("details").get(0).asText()).contains("capacity.desired");
      long end = System.nanoTime() + 30_000_000_000L;
      while (posted.isEmpty() && System.nanoTime() < end) Thread.sleep(50);
      assertThat(posted).as("the webhook got the drift").isNotEmpty();
      JsonNode alert = new ObjectMapper().readTree(posted.get(0));
      assertThat(alert.path("type").asText()).isEqualTo("drift_found");
      assertThat(alert.path("address").asText()).isEqualTo("pool.web");
      JsonNode fixed = w.awaitType("apply_finished", 60);
      assertThat(fixed.path("details").get(0).asText()).startsWith("pool.web: ok");
      assertThat(ws.cloud("default").group("web").orElseThrow().desired()).isEqualTo(3);

      String sick = ws.cloud("default").group("web").orElseThrow().machines().get(0).id();
      ws.expect(0, "local", "sick", "web", sick);
      JsonNode unhealthy = w.awaitType("pool_unhealthy", 60);
      assertThat(unhealthy.path("details").get(0).asText()).contains(sick);
      w.await(
          "the sick machine retired",
          n ->
              n.path("type").asText().equals("machine_retired")
                  && n.path("machine_id").asText().equals(sick),
          60);
      w.awaitType("pool_recovered", 60);
      LocalGroup healed = ws.awaitHealthy("default", "web", 3, Duration.ofSeconds(30));
      assertThat(healed.machines()).noneMatch(m -> m.id().equals(sick));

      ws.write("main.pool", CONFIG.replace("ubuntu-24.04", "ubuntu-24.10"));
      // The running watch compiled the configuration at its start: a rollout is the operator's.
      int status = w.terminate();
      assertThat(status).as("SIGTERM is a clean stop").isEqualTo(0);
      List<String> logged = Files.readAllLines(dir.resolve(".poolform/events/events.jsonl"));
      assertThat(logged.get(logged.size() - 1))
          .as("the last event the watch kept; it printed:%n%s", w.output())
          .contains("\"type\":\"watch_stopped\"");
      assertThat(Files.exists(dir.resolve("pool.state.json.lock"))).isFalse();
    } finally {
      hook.stop(0);
    }

    // Another apply holds the state lock (as while it rolls out): what the watch sees may be that
    // apply's work under way, so it does not tell anyone to run `pool apply` until the lock is
    // free.
    StateLock lock = new StateLock(dir.resolve("pool.state.json"), Clock.systemUTC());
    StateLock.Held held = lock.acquire("apply");
    try (ChildWatch w =
        ChildWatch.start(ws, "--interval", "300ms", "--apply", "--alert-after", "1ms")) {
      try {
        w.awaitType("lock_held_too_long", 120);
        Thread.sleep(2_000); // several intervals under the lock
        assertThat(w.output()).doesNotContain("changes_not_allowed");
      } finally {
        held.close();
      }
      JsonNode waiting = w.awaitType("changes_not_allowed", 120);
      assertThat(waiting.path("message").asText())
          .isEqualTo("pool.web needs rollout, which --allow does not cover; run `pool apply`");
      w.terminate();
    }

    CliRun events = ws.expect(0, "events", "--since", "1h", "pool.web");
    assertThat(events.out())
        .contains("watch drift_found", "watch pool_unhealthy", "apply pool_finished");
  }

  @Test
  void theFirstInterruptStopsAnIdleWatchAtOnce() throws Exception {
    TriggeredInterrupts signals = new TriggeredInterrupts();
    CompletableFuture<CliRun> watch =
        CompletableFuture.supplyAsync(
            () -> ws.pool(signals, "watch", "--json", "--interval", "1h", "--apply"));
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!watch.isDone() && !signals.interrupt() && System.nanoTime() < end) Thread.sleep(20);
    CliRun r = watch.get(30, TimeUnit.SECONDS);
    assertThat(r.status()).as(r.out() + r.err()).isEqualTo(0);
    List<String> lines = r.out().lines().toList();
    assertThat(lines.get(0)).contains("\"type\":\"watch_started\"");
    assertThat(lines.get(lines.size() - 1)).contains("\"type\":\"watch_stopped\"");
    assertThat(Files.exists(dir.resolve("pool.state.json.lock"))).isFalse();
  }
}
