package dev.poolform.provider.azure.connect;

import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpHeaders;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What is left of ARM's and Compute's request budgets, from the headers every answer carries, and
 * the pace of reads that keeps it: a read waits while a bucket it counts against holds half its
 * capacity or less, so polling never uses more than half of any bucket and the other half stays for
 * the writes that matter and for anyone else using the subscription.
 *
 * <p>The headers
 * (https://learn.microsoft.com/troubleshoot/azure/virtual-machines/troubleshooting-throttling-errors):
 * {@code x-ms-ratelimit-remaining-resource} lists Compute's policies as {@code
 * Microsoft.Compute/<policy>;<remaining>}; {@code x-ms-ratelimit-remaining-subscription-reads|
 * writes|deletes} are ARM's own. A bucket's capacity is taken as the most it was ever seen to hold
 * plus the request that was charged; its refill rate is a third of its capacity a minute for
 * Compute (the relation of every policy in
 * https://learn.microsoft.com/azure/virtual-machines/compute-throttling-limits) and a tenth of it a
 * second for ARM
 * (https://learn.microsoft.com/azure/azure-resource-manager/management/request-limits-and-throttling).
 *
 * <p>Compute's policies are per resource or per subscription, and the header does not say which.
 * Buckets are kept per policy and per resource addressed ({@link #scope}), so a subscription-level
 * policy seen on requests about different scale sets is tracked once per scale set; the batched
 * reads (one list per resource group per poll) are what keep the subscription-level buckets, which
 * lists count against, in check.
 */
public final class RateBudget {
  private static final Pattern SCALE_SET =
      Pattern.compile(
          "(?i)/resourceGroups/([^/]+)/providers/Microsoft\\.Compute/virtualMachineScaleSets/([^/?]+)");
  private static final Pattern OPERATION = Pattern.compile("(?i)/operations/");

  /** How a bucket looks after the last answer that reported it. */
  private record Bucket(double remaining, double capacity, double perMilli, long at) {
    double projected(long now) {
      return Math.min(capacity, remaining + (now - at) * perMilli);
    }

    /** Milliseconds until the bucket holds more than half its capacity, or 0. */
    long untilAboveHalf(long now) {
      double need = Math.floor(capacity / 2) + 1;
      double p = projected(now);
      return p >= need ? 0 : (long) Math.ceil((need - p) / perMilli);
    }

    /** The bucket after one request took a token from it. */
    Bucket take(long now) {
      return new Bucket(projected(now) - 1, capacity, perMilli, now);
    }

    /** Milliseconds until the bucket holds a token again, or 0. */
    long untilOne(long now) {
      double p = projected(now);
      return p >= 1 ? 0 : (long) Math.ceil((1 - p) / perMilli);
    }
  }

  /** How the budget waits; the default sleeps. */
  @FunctionalInterface
  public interface Pause {
    void sleep(long millis) throws InterruptedException;
  }

  static final HttpHeaderName REMAINING_RESOURCE =
      HttpHeaderName.fromString("x-ms-ratelimit-remaining-resource");

  private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
  private final Pause pause;
  private final AtomicLong waitedMillis = new AtomicLong();

  public RateBudget() {
    this(Thread::sleep);
  }

  public RateBudget(Pause pause) {
    this.pause = pause;
  }

  /**
   * The resource a request path is about, as far as budgets go: a scale set (with its instances and
   * upgrades), an operation poll, or the subscription (lists, VMs).
   */
  public static String scope(String path) {
    Matcher m = SCALE_SET.matcher(path);
    if (m.find()) return "vmss:" + (m.group(1) + "/" + m.group(2)).toLowerCase(Locale.ROOT);
    if (OPERATION.matcher(path).find()) return "operations";
    return "subscription";
  }

  /** Takes in the rate-limit headers of an answer to a request on {@code scope}. */
  public void record(String scope, HttpHeaders headers) {
    long now = System.currentTimeMillis();
    String resource = headers.getValue(REMAINING_RESOURCE);
    if (resource != null) {
      for (String part : resource.split(",", -1)) {
        int semi = part.lastIndexOf(';');
        if (semi < 0) continue;
        Double n = number(part.substring(semi + 1));
        if (n != null) update(part.substring(0, semi).trim() + "|" + scope, n, false, now);
      }
    }
    for (String kind : new String[] {"reads", "writes", "deletes"}) {
      Double n =
          number(
              headers.getValue(
                  HttpHeaderName.fromString("x-ms-ratelimit-remaining-subscription-" + kind)));
      if (n != null) update("arm/" + kind, n, true, now);
    }
  }

  private synchronized void update(String key, double remaining, boolean arm, long now) {
    buckets.compute(
        key,
        (k, old) -> {
          double capacity = Math.max(old == null ? 0 : old.capacity(), remaining + 1);
          double perMilli = arm ? capacity / 10 / 1000.0 : capacity / 3 / 60_000.0;
          return new Bucket(remaining, capacity, perMilli, now);
        });
  }

  private static Double number(String s) {
    if (s == null) return null;
    try {
      return Double.parseDouble(s.trim());
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /**
   * Before a read on {@code scope}: waits until every bucket known for it (and ARM's read bucket)
   * holds more than half its capacity, then takes the read's token from them here, so that reads
   * running in parallel see each other before the answers' headers say it (without that, ten
   * readers that all saw one token above half would all go).
   */
  public void beforeRead(String scope) throws InterruptedException {
    while (true) {
      long wait = 0;
      synchronized (this) {
        long now = System.currentTimeMillis();
        for (Map.Entry<String, Bucket> e : buckets.entrySet()) {
          if (counts(e.getKey(), scope)) wait = Math.max(wait, e.getValue().untilAboveHalf(now));
        }
        if (wait == 0) {
          buckets.replaceAll((k, b) -> counts(k, scope) ? b.take(now) : b);
          return;
        }
      }
      long step = Math.min(wait, 60_000);
      waitedMillis.addAndGet(step);
      pause.sleep(step);
    }
  }

  /** Whether a read on {@code scope} counts against the bucket of {@code key}. */
  private static boolean counts(String key, String scope) {
    return key.equals("arm/reads") || key.endsWith("|" + scope);
  }

  /**
   * How long to wait after a 429 that came without {@code Retry-After}: until the emptiest bucket
   * known for the scope has a token again; at least a second, at most a minute (Compute's window:
   * "Users can successfully invoke API calls, 1 min after getting throttled").
   */
  public Duration throttledDelay(String scope) {
    long now = System.currentTimeMillis();
    long wait = 0;
    for (Map.Entry<String, Bucket> e : buckets.entrySet()) {
      String k = e.getKey();
      if (k.startsWith("arm/") || k.endsWith("|" + scope))
        wait = Math.max(wait, e.getValue().untilOne(now));
    }
    return Duration.ofMillis(Math.max(1000, Math.min(60_000, wait)));
  }

  /** How long reads have waited for the budget so far (for tests and benchmarks). */
  public long waitedMillis() {
    return waitedMillis.get();
  }
}
