package dev.poolform.provider.aws.connect;

import java.time.Duration;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.metrics.MetricPublisher;

/**
 * What a caller may add to the clients: interceptors (tests count calls with one), the retry
 * policy, how long to wait for machines to go on delete, a credentials provider that replaces the
 * default chain (only tests use it; users get the SDK's default chain), and metric publishers (the
 * request counts of {@code --metrics}, see {@link CallMetrics}).
 */
public record ClientOptions(
    List<ExecutionInterceptor> interceptors,
    Retries.Policy retries,
    Duration drainTimeout,
    Duration pollInterval,
    java.util.Optional<AwsCredentialsProvider> credentials,
    List<MetricPublisher> publishers) {
  public ClientOptions {
    interceptors = List.copyOf(interceptors);
    publishers = List.copyOf(publishers);
  }

  public ClientOptions(
      List<ExecutionInterceptor> interceptors,
      Retries.Policy retries,
      Duration drainTimeout,
      Duration pollInterval,
      java.util.Optional<AwsCredentialsProvider> credentials) {
    this(interceptors, retries, drainTimeout, pollInterval, credentials, List.of());
  }

  public static final ClientOptions DEFAULT =
      new ClientOptions(
          List.of(),
          Retries.Policy.DEFAULT,
          Duration.ofMinutes(15),
          Duration.ofSeconds(5),
          java.util.Optional.empty());

  public ClientOptions withInterceptor(ExecutionInterceptor i) {
    var all = new java.util.ArrayList<>(interceptors);
    all.add(i);
    return new ClientOptions(all, retries, drainTimeout, pollInterval, credentials, publishers);
  }

  public ClientOptions withPublisher(MetricPublisher p) {
    var all = new java.util.ArrayList<>(publishers);
    all.add(p);
    return new ClientOptions(interceptors, retries, drainTimeout, pollInterval, credentials, all);
  }

  public ClientOptions withRetries(Retries.Policy p) {
    return new ClientOptions(interceptors, p, drainTimeout, pollInterval, credentials, publishers);
  }

  public ClientOptions withPolling(Duration drain, Duration poll) {
    return new ClientOptions(interceptors, retries, drain, poll, credentials, publishers);
  }
}
