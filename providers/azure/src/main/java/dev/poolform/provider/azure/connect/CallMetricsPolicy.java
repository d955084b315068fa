package dev.poolform.provider.azure.connect;

import com.azure.core.http.HttpPipelineCallContext;
import com.azure.core.http.HttpPipelineNextPolicy;
import com.azure.core.http.HttpPipelineNextSyncPolicy;
import com.azure.core.http.HttpPipelinePosition;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.azure.core.http.policy.HttpPipelinePolicy;
import dev.poolform.runtime.provider.CloudCalls;
import dev.poolform.runtime.provider.CloudCalls.Outcome;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import reactor.core.publisher.Mono;

/**
 * Reports every request to Resource Manager to {@link CloudCalls}. It sits in the SDK's HTTP
 * pipeline after the retry policy ({@link HttpPipelinePosition#PER_RETRY}), so each attempt is one
 * request, as the cloud counts them: a 429 is a throttle, any other status of 400 or more (or no
 * answer) an error. ARM has no operation names on the wire, so the operation is the method and the
 * resource path with the names left out: {@code GET virtualMachineScaleSets/*}, {@code POST
 * virtualMachineScaleSets/* /delete}, {@code GET locations/* /operations/*} (no label per scale
 * set, so the series stay few).
 */
public final class CallMetricsPolicy implements HttpPipelinePolicy {
  private final String cloud;
  private final CloudCalls calls;

  public CallMetricsPolicy(String cloud, CloudCalls calls) {
    this.cloud = cloud;
    this.calls = calls;
  }

  @Override
  public HttpPipelinePosition getPipelinePosition() {
    return HttpPipelinePosition.PER_RETRY;
  }

  @Override
  public Mono<HttpResponse> process(HttpPipelineCallContext context, HttpPipelineNextPolicy next) {
    String operation = operation(context.getHttpRequest());
    return next.process()
        .doOnNext(r -> calls.completed(cloud, operation, outcome(r.getStatusCode())))
        .doOnError(e -> calls.completed(cloud, operation, Outcome.ERROR));
  }

  @Override
  public HttpResponse processSync(
      HttpPipelineCallContext context, HttpPipelineNextSyncPolicy next) {
    String operation = operation(context.getHttpRequest());
    HttpResponse r;
    try {
      r = next.processSync();
    } catch (RuntimeException e) {
      calls.completed(cloud, operation, Outcome.ERROR);
      throw e;
    }
    calls.completed(cloud, operation, outcome(r.getStatusCode()));
    return r;
  }

  static Outcome outcome(int status) {
    if (status == 429) return Outcome.THROTTLED;
    return status >= 400 ? Outcome.ERROR : Outcome.OK;
  }

  static String operation(HttpRequest request) {
    return request.getHttpMethod().name() + " " + resourcePath(request.getUrl().getPath());
  }

  /**
   * The path after the resource provider's namespace (or after the subscription or resource group
   * when there is none), with every name replaced by {@code *}: the segments alternate type, name,
   * type, name, and an action ({@code delete}, {@code manualUpgrade}) stands where a type would.
   */
  static String resourcePath(String path) {
    List<String> s = new ArrayList<>();
    for (String p : path.split("/", -1)) if (!p.isEmpty()) s.add(p);
    int start = 0;
    for (int i = 0; i < s.size(); i++) {
      String lower = s.get(i).toLowerCase(Locale.ROOT);
      if (lower.equals("providers") && i + 1 < s.size()) {
        start = i + 2;
      } else if ((lower.equals("subscriptions") || lower.equals("resourcegroups"))
          && i + 1 < s.size()
          && start <= i) {
        start = i + 2;
      }
    }
    StringBuilder b = new StringBuilder();
    for (int i = start; i < s.size(); i++) {
      if (b.length() > 0) b.append('/');
      b.append((i - start) % 2 == 1 ? "*" : s.get(i));
    }
    return b.length() == 0 ? "/" : b.toString();
  }
}
