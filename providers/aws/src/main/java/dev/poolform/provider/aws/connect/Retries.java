package dev.poolform.provider.aws.connect;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import org.apache.http.conn.ConnectTimeoutException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.retries.DefaultRetryStrategy;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.retries.api.RetryStrategy;

/**
 * The SDK retry strategies Poolform uses: the SDK's standard strategy (full-jitter exponential
 * backoff, a longer backoff for throttling) with our own conditions and more attempts. The overall
 * deadline is the client's {@code apiCallTimeout}.
 *
 * <p>Two flavours. Reads retry everything transient, dropped connections included. Writes retry
 * throttling and 5xx (the request was refused, so repeating it cannot duplicate anything) but not a
 * dropped connection: the call may have been carried out, so the session re-reads and decides
 * itself (see {@code session.Idempotent}).
 *
 * <p>An endpoint that cannot be reached at all (refused, unknown host, no route, connect timeout)
 * is retried only once it has answered in this session ({@link Reached}): before that, a mistyped
 * endpoint or a missing network would only cost the user minutes of backoff before the same error.
 * After the first answer the same failure is a blip and is retried as any other.
 */
public final class Retries {
  private Retries() {}

  /** Error codes AWS uses for throttling on the query APIs (Auto Scaling, EC2). */
  public static final Set<String> THROTTLING_CODES =
      Set.of(
          "Throttling",
          "ThrottlingException",
          "ThrottledException",
          "RequestThrottled",
          "RequestThrottledException",
          "RequestLimitExceeded",
          "TooManyRequestsException",
          "SlowDown",
          "EC2ThrottledException",
          "PriorRequestNotComplete");

  /**
   * How hard to try.
   *
   * @param maxAttempts attempts per call, the first included
   * @param baseDelay the first backoff (full jitter: a random delay up to this, doubling)
   * @param throttlingBaseDelay the first backoff after throttling
   * @param maxDelay the longest single backoff
   * @param callDeadline the whole call, retries included
   */
  public record Policy(
      int maxAttempts,
      Duration baseDelay,
      Duration throttlingBaseDelay,
      Duration maxDelay,
      Duration callDeadline) {
    /** For real clouds: up to 10 attempts within two minutes. */
    public static final Policy DEFAULT =
        new Policy(
            10,
            Duration.ofMillis(100),
            Duration.ofMillis(500),
            Duration.ofSeconds(20),
            Duration.ofMinutes(2));
  }

  public static boolean isThrottling(Throwable t) {
    if (!(t instanceof AwsServiceException e)) return false;
    if (e.statusCode() == 429) return true;
    String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
    return code != null && THROTTLING_CODES.contains(code);
  }

  public static boolean isServerError(Throwable t) {
    return t instanceof AwsServiceException e && e.statusCode() >= 500;
  }

  /** A failure before any answer: refused, reset or dropped connection, read timeout. */
  public static boolean isConnectionFailure(Throwable t) {
    if (!(t instanceof SdkClientException)) return false;
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof IOException || c instanceof UncheckedIOException) return true;
    }
    return false;
  }

  /**
   * No connection could be made: nothing was sent. Also a connection failure ({@link
   * #isConnectionFailure}).
   */
  public static boolean isUnreachable(Throwable t) {
    if (!(t instanceof SdkClientException)) return false;
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof ConnectException
          || c instanceof NoRouteToHostException
          || c instanceof UnknownHostException
          || c instanceof ConnectTimeoutException) {
        return true;
      }
    }
    return false;
  }

  /**
   * Remembers whether the endpoint has answered at all (any HTTP status) in this session: an
   * interceptor on every client of the session.
   */
  public static final class Reached implements ExecutionInterceptor {
    private final AtomicBoolean answered = new AtomicBoolean();

    @Override
    public void afterTransmission(
        Context.AfterTransmission context, ExecutionAttributes executionAttributes) {
      answered.set(true);
    }

    public boolean answered() {
      return answered.get();
    }
  }

  /** Reads: retries everything transient; an unreachable endpoint only once it has answered. */
  public static RetryStrategy forReads(Policy p, Reached reached) {
    return build(
        p,
        t ->
            isThrottling(t)
                || isServerError(t)
                || (isConnectionFailure(t) && (reached.answered() || !isUnreachable(t))));
  }

  public static RetryStrategy forWrites(Policy p) {
    return build(p, t -> isThrottling(t) || isServerError(t));
  }

  private static RetryStrategy build(Policy p, Predicate<Throwable> retryable) {
    return DefaultRetryStrategy.standardStrategyBuilder()
        .maxAttempts(p.maxAttempts())
        .backoffStrategy(BackoffStrategy.exponentialDelay(p.baseDelay(), p.maxDelay()))
        .throttlingBackoffStrategy(
            BackoffStrategy.exponentialDelay(p.throttlingBaseDelay(), p.maxDelay()))
        .retryOnException(retryable)
        .treatAsThrottling(Retries::isThrottling)
        // A burst of faults must not switch retries off for the whole session: the deadline bounds
        // the work instead of the token bucket.
        .circuitBreakerEnabled(false)
        // Without this the client builder adds the SDK's own conditions (every IOException among
        // them), and writes would repeat dropped connections and reads unreachable endpoints.
        .useClientDefaults(false)
        .build();
  }
}
