package dev.poolform.provider.azure.connect;

import com.azure.core.http.HttpPipelineCallContext;
import com.azure.core.http.HttpResponse;
import com.azure.core.http.policy.HttpPipelineSyncPolicy;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Remembers whether the endpoint has answered at all (any status) in this session. Until it has,
 * {@link ThrottleRetry} does not retry an endpoint that cannot be reached: a mistyped endpoint or a
 * missing network would only cost minutes of backoff before the same error. It sits below the retry
 * policy, so every attempt's answer counts.
 */
final class ReachedPolicy extends HttpPipelineSyncPolicy {
  private final AtomicBoolean answered = new AtomicBoolean();

  @Override
  protected HttpResponse afterReceivedResponse(
      HttpPipelineCallContext context, HttpResponse response) {
    answered.set(true);
    return response;
  }

  boolean answered() {
    return answered.get();
  }
}
