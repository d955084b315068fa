package dev.poolform.cli.notify;

import dev.poolform.ir.json.CanonicalJson;
import dev.poolform.runtime.watch.WatchEvent;
import dev.poolform.runtime.watch.WatchEvent.Kind;
import dev.poolform.runtime.watch.WatchEventJson;
import dev.poolform.runtime.watch.WatchListener;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * {@code pool watch --notify URL}: posts the alerting events to a webhook as the JSON of a watch
 * event (docs/json.md#watch-events), in order, from a thread of its own so a slow receiver never
 * holds up the loop. A post that fails (no answer, or a status other than 2xx) is retried after 1,
 * 2 and 4 seconds, then given up with a warning; the URL (which often carries a token) is never
 * printed.
 */
public final class WebhookNotifier implements WatchListener, AutoCloseable {
  /** The events worth waking someone for. */
  public static final Set<Kind> ALERTS =
      EnumSet.of(
          Kind.DRIFT_FOUND,
          Kind.POOL_UNHEALTHY_PAST_GRACE,
          Kind.ROLLOUT_STALLED,
          Kind.APPLY_FAILED,
          Kind.LOCK_HELD_TOO_LONG);

  static final int ATTEMPTS = 4;

  private final URI url;
  private final HttpClient http;
  private final Consumer<String> warn;
  private final Duration firstRetry;
  private final ExecutorService sender =
      Executors.newSingleThreadExecutor(
          r -> {
            Thread t = new Thread(r, "poolform-notify");
            t.setDaemon(true);
            return t;
          });

  public WebhookNotifier(URI url, Consumer<String> warn) {
    this(url, warn, Duration.ofSeconds(1));
  }

  WebhookNotifier(URI url, Consumer<String> warn, Duration firstRetry) {
    this.url = url;
    this.warn = warn;
    this.firstRetry = firstRetry;
    this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  }

  /** Checks a {@code --notify} value: an absolute http or https URL. */
  public static URI parse(String s) {
    URI u;
    try {
      u = URI.create(s.strip());
    } catch (IllegalArgumentException e) {
      throw new dev.poolform.cli.UsageException("--notify takes an http(s) URL.");
    }
    if (!("http".equals(u.getScheme()) || "https".equals(u.getScheme())) || u.getHost() == null) {
      throw new dev.poolform.cli.UsageException("--notify takes an http(s) URL.");
    }
    return u;
  }

  @Override
  public void on(WatchEvent event) {
    if (!ALERTS.contains(event.kind())) return;
    String body = CanonicalJson.compact(WatchEventJson.toJson(event));
    sender.execute(() -> post(event.kind().text(), body));
  }

  private void post(String type, String body) {
    HttpRequest req =
        HttpRequest.newBuilder(url)
            .timeout(Duration.ofSeconds(10))
            .header("Content-Type", "application/json")
            .header("User-Agent", "poolform-watch")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
    Duration wait = firstRetry;
    String last = "";
    for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
      try {
        int status = http.send(req, HttpResponse.BodyHandlers.discarding()).statusCode();
        if (status / 100 == 2) return;
        last = "HTTP " + status;
      } catch (IOException e) {
        last = e.getClass().getSimpleName();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      if (attempt == ATTEMPTS) break;
      try {
        Thread.sleep(wait.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      wait = wait.multipliedBy(2);
    }
    warn.accept(
        "warning: the webhook did not take the "
            + type
            + " event after "
            + ATTEMPTS
            + " attempts ("
            + last
            + ")");
  }

  /** Lets posts under way finish (up to 10 s), then stops. */
  @Override
  public void close() {
    sender.shutdown();
    try {
      sender.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
