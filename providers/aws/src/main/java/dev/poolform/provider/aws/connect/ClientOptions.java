package dev.poolform.provider.aws.connect;

import java.time.Duration;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * What a caller may add to the clients: interceptors (tests count calls with one), the retry
 * policy, how long to wait for machines to go on delete, and a credentials provider that replaces
 * the default chain (only tests use it; users get the SDK's default chain).
 */
public record ClientOptions(
    List<ExecutionInterceptor> interceptors,
    Retries.Policy retries,
    Duration drainTimeout,
    Duration pollInterval,
    java.util.Optional<AwsCredentialsProvider> credentials) {
  public ClientOptions {
    interceptors = List.copyOf(interceptors);
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
    return new ClientOptions(all, retries, drainTimeout, pollInterval, credentials);
  }

  public ClientOptions withRetries(Retries.Policy p) {
    return new ClientOptions(interceptors, p, drainTimeout, pollInterval, credentials);
  }

  public ClientOptions withPolling(Duration drain, Duration poll) {
    return new ClientOptions(interceptors, retries, drain, poll, credentials);
  }
}
