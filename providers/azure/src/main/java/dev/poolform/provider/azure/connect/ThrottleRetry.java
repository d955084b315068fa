package dev.poolform.provider.azure.connect;

import com.azure.core.http.HttpResponse;
import com.azure.core.http.policy.ExponentialBackoff;
import com.azure.core.http.policy.ExponentialBackoffOptions;
import com.azure.core.http.policy.RequestRetryCondition;
import com.azure.core.http.policy.RetryStrategy;
import dev.poolform.provider.azure.errors.ArmErrors;
import java.time.Duration;

/**
 * The SDK's exponential backoff for 408, 5xx and dropped connections, and for a 429: what its
 * {@code Retry-After} says (the SDK's retry policy reads that header before asking this strategy),
 * or, when ARM sent none, until the throttled bucket has a token again ({@link
 * RateBudget#throttledDelay}) rather than the fraction of a second an exponential backoff starts
 * with, which would only be throttled again.
 */
final class ThrottleRetry implements RetryStrategy {
  private final ExponentialBackoff backoff;
  private final RateBudget budget;
  private final ReachedPolicy reached;

  ThrottleRetry(RateBudget budget, ReachedPolicy reached) {
    this.budget = budget;
    this.reached = reached;
    this.backoff =
        new ExponentialBackoff(
            new ExponentialBackoffOptions()
                .setMaxRetries(6)
                .setBaseDelay(Duration.ofMillis(200))
                .setMaxDelay(Duration.ofSeconds(10)));
  }

  @Override
  public int getMaxRetries() {
    return backoff.getMaxRetries();
  }

  @Override
  public Duration calculateRetryDelay(int retryAttempts) {
    return backoff.calculateRetryDelay(retryAttempts);
  }

  @Override
  public Duration calculateRetryDelay(RequestRetryCondition condition) {
    HttpResponse r = condition.getResponse();
    if (r != null && r.getStatusCode() == HTTP_STATUS_TOO_MANY_REQUESTS) {
      return budget.throttledDelay(RateBudget.scope(r.getRequest().getUrl().getPath()));
    }
    return backoff.calculateRetryDelay(condition.getTryCount());
  }

  @Override
  public boolean shouldRetry(HttpResponse response) {
    return backoff.shouldRetry(response);
  }

  @Override
  public boolean shouldRetryException(Throwable throwable) {
    if (!reached.answered() && ArmErrors.isUnreachable(throwable)) return false;
    return backoff.shouldRetryException(throwable);
  }
}
