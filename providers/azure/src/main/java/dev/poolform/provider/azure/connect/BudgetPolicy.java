package dev.poolform.provider.azure.connect;

import com.azure.core.http.HttpPipelineCallContext;
import com.azure.core.http.HttpResponse;
import com.azure.core.http.policy.HttpPipelineSyncPolicy;

/**
 * Reads the rate-limit headers of every answer into the session's {@link RateBudget}. It sits below
 * the retry policy, so throttled attempts count too.
 */
final class BudgetPolicy extends HttpPipelineSyncPolicy {
  private final RateBudget budget;

  BudgetPolicy(RateBudget budget) {
    this.budget = budget;
  }

  @Override
  protected HttpResponse afterReceivedResponse(
      HttpPipelineCallContext context, HttpResponse response) {
    budget.record(
        RateBudget.scope(context.getHttpRequest().getUrl().getPath()), response.getHeaders());
    return response;
  }
}
