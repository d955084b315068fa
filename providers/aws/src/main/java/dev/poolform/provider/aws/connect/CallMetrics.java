package dev.poolform.provider.aws.connect;

import dev.poolform.runtime.provider.CloudCalls;
import dev.poolform.runtime.provider.CloudCalls.Outcome;
import software.amazon.awssdk.core.metrics.CoreMetric;
import software.amazon.awssdk.metrics.MetricCollection;
import software.amazon.awssdk.metrics.MetricPublisher;

/**
 * Reports every request of a session's clients to {@link CloudCalls}, through the SDK's own
 * metrics: the SDK publishes one collection per API call with one child per attempt, and classifies
 * each failed attempt itself ({@code ErrorType}: {@code Throttling} by the same rules its retry
 * strategy uses to back off, else a server error, a timeout, I/O or other). An execution
 * interceptor would see each attempt's HTTP status too, but not whether a 400 is AWS's {@code
 * Throttling} or a validation error without reading the body.
 */
public final class CallMetrics implements MetricPublisher {
  private static final String THROTTLING = "Throttling";

  private final String cloud;
  private final CloudCalls calls;

  public CallMetrics(String cloud, CloudCalls calls) {
    this.cloud = cloud;
    this.calls = calls;
  }

  @Override
  public void publish(MetricCollection call) {
    String operation =
        call.metricValues(CoreMetric.OPERATION_NAME).stream().findFirst().orElse("unknown");
    for (MetricCollection attempt : call.children()) {
      if (!attempt.name().equals("ApiCallAttempt")) continue;
      calls.completed(cloud, operation, outcome(attempt));
    }
  }

  private static Outcome outcome(MetricCollection attempt) {
    var errors = attempt.metricValues(CoreMetric.ERROR_TYPE);
    if (errors.isEmpty()) return Outcome.OK;
    return errors.get(0).equals(THROTTLING) ? Outcome.THROTTLED : Outcome.ERROR;
  }

  @Override
  public void close() {}
}
