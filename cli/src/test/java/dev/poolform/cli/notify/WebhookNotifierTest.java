package dev.poolform.cli.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.poolform.runtime.watch.WatchEvent;
import dev.poolform.runtime.watch.WatchEvent.Kind;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The webhook against a real HTTP server (the JDK's) on a free loopback port. */
class WebhookNotifierTest {
  HttpServer server;
  final List<String> bodies = new CopyOnWriteArrayList<>();
  final AtomicInteger failFirst = new AtomicInteger();
  final List<String> warnings = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() throws Exception {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/hook",
        ex -> {
          String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
          int status = failFirst.getAndDecrement() > 0 ? 503 : 204;
          if (status == 204) bodies.add(body);
          ex.sendResponseHeaders(status, -1);
          ex.close();
        });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  URI url() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hook?token=s3cret");
  }

  static WatchEvent event(Kind kind) {
    return new WatchEvent(
        Instant.parse("2026-12-05T08:00:00Z"),
        kind,
        "pool.web",
        "pool.web was changed outside Poolform",
        List.of("capacity.desired changed outside Poolform (3 -> 5)"));
  }

  @Test
  void postsAlertsAsJsonAndRetriesUntilTaken() {
    failFirst.set(2);
    try (WebhookNotifier n = new WebhookNotifier(url(), warnings::add, Duration.ofMillis(20))) {
      n.on(event(Kind.POOL_RECOVERED)); // not an alert
      n.on(event(Kind.DRIFT_FOUND));
    }
    assertThat(bodies)
        .containsExactly(
            "{\"address\":\"pool.web\",\"details\":[\"capacity.desired changed outside Poolform"
                + " (3 -> 5)\"],\"message\":\"pool.web was changed outside Poolform\","
                + "\"time\":\"2026-12-05T08:00:00Z\",\"type\":\"drift_found\"}");
    assertThat(warnings).isEmpty();
  }

  @Test
  void givesUpWithAWarningThatHidesTheUrl() {
    failFirst.set(100);
    try (WebhookNotifier n = new WebhookNotifier(url(), warnings::add, Duration.ofMillis(10))) {
      n.on(event(Kind.APPLY_FAILED));
    }
    assertThat(bodies).isEmpty();
    assertThat(warnings)
        .singleElement()
        .asString()
        .contains("apply_failed", "4 attempts", "HTTP 503")
        .doesNotContain("s3cret");
  }
}
