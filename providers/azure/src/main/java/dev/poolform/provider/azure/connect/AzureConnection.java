package dev.poolform.provider.azure.connect;

import com.azure.core.credential.TokenCredential;
import com.azure.core.credential.TokenRequestContext;
import com.azure.core.http.HttpClient;
import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpPipeline;
import com.azure.core.http.HttpPipelineBuilder;
import com.azure.core.http.HttpPipelineCallContext;
import com.azure.core.http.policy.AddDatePolicy;
import com.azure.core.http.policy.HttpPipelineSyncPolicy;
import com.azure.core.http.policy.RequestIdPolicy;
import com.azure.core.http.policy.RetryPolicy;
import com.azure.core.http.policy.UserAgentPolicy;
import com.azure.core.management.AzureEnvironment;
import com.azure.core.management.profile.AzureProfile;
import com.azure.identity.DefaultAzureCredentialBuilder;
import com.azure.resourcemanager.compute.ComputeManager;
import com.azure.resourcemanager.compute.fluent.ComputeManagementClient;
import com.azure.resourcemanager.compute.implementation.ComputeManagementClientBuilder;
import dev.poolform.runtime.provider.ProviderException;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * Builds the SDK client for one cloud block. Two modes, never mixed:
 *
 * <ul>
 *   <li>Normal: {@code DefaultAzureCredential} (environment variables, workload or managed
 *       identity, Azure CLI, ...) from {@code AZURE_AUTHORITY_HOST} or the public authority, public
 *       Azure or the {@code endpoint} given (https). A token is fetched once up front, so a missing
 *       credential is a clear CONFIGURATION error before any Resource Manager call.
 *   <li>Emulator: the endpoint is on loopback <em>and</em> {@code POOLFORM_AZURE_TEST_TOKEN} is
 *       set. The pipeline is built without the SDK's bearer-token policy (which refuses plain http)
 *       and sends that fixed token instead. Nothing else ever selects this mode.
 * </ul>
 *
 * Both pipelines retry 429 (honouring {@code Retry-After}), 408, 5xx and dropped connections with
 * the SDK's {@link RetryPolicy} ({@link ThrottleRetry}), and read every answer's rate-limit headers
 * into the session's {@link RateBudget}.
 */
public final class AzureConnection {
  public static final String TEST_TOKEN_ENV = "POOLFORM_AZURE_TEST_TOKEN";

  private AzureConnection() {}

  public static final String POLL_ENV = "POOLFORM_AZURE_POLL_INTERVAL_MS";

  /**
   * How often long-running operations are polled when ARM sends no {@code Retry-After} (it normally
   * does, and the SDK then waits what ARM says).
   */
  static Duration pollInterval(Map<String, String> env) {
    String v = env.get(POLL_ENV);
    try {
      return v == null
          ? Duration.ofSeconds(2)
          : Duration.ofMillis(Math.max(1, Long.parseLong(v.trim())));
    } catch (NumberFormatException e) {
      return Duration.ofSeconds(2);
    }
  }

  /**
   * The SDK's retry policy with {@link ThrottleRetry}: 408, 429 (as long as {@code Retry-After}
   * says, or until the bucket refills when it says nothing), 5xx and dropped connections.
   */
  static RetryPolicy retryPolicy(RateBudget budget, ReachedPolicy reached) {
    return new RetryPolicy(new ThrottleRetry(budget, reached));
  }

  /**
   * The client for one cloud block; {@code budget} takes in the rate-limit headers of every answer,
   * and {@code counting}, placed after the retry policy, sees every attempt.
   */
  public static ComputeManagementClient connect(
      AzureSettings s, Map<String, String> env, RateBudget budget, CallMetricsPolicy counting)
      throws ProviderException {
    ReachedPolicy reached = new ReachedPolicy();
    AzureEnvironment environment = AzureEnvironment.AZURE;
    if (s.endpoint().isPresent()) {
      Map<String, String> endpoints = new HashMap<>(AzureEnvironment.AZURE.getEndpoints());
      String url = s.endpoint().get().toString();
      endpoints.put("resourceManagerEndpointUrl", url);
      endpoints.put("managementEndpointUrl", url);
      environment = new AzureEnvironment(endpoints);
    }
    AzureProfile profile =
        new AzureProfile(env.get("AZURE_TENANT_ID"), s.subscription(), environment);
    String testToken = env.get(TEST_TOKEN_ENV);
    boolean http = s.endpoint().map(URI::getScheme).map("http"::equals).orElse(false);
    if (s.loopbackEndpoint() && testToken != null && !testToken.isBlank()) {
      // The generated client alone (what ComputeManager wraps), without the storage, network and
      // authorization managers ComputeManager also builds: far less to load for each run.
      return new ComputeManagementClientBuilder()
          .pipeline(emulatorPipeline(testToken, budget, counting, reached))
          .endpoint(environment.getResourceManagerEndpoint())
          .subscriptionId(s.subscription())
          .defaultPollInterval(pollInterval(env))
          .buildClient();
    }
    if (http) {
      throw new ProviderException(
          ProviderException.Kind.CONFIGURATION,
          null,
          "endpoint",
          "cloud `"
              + s.cloudName()
              + "`: endpoint "
              + s.endpoint().get()
              + " is plain http; Azure credentials are only"
              + " sent over https. Plain http is allowed only for an emulator on loopback with "
              + TEST_TOKEN_ENV
              + " set.",
          null);
    }
    TokenCredential credential = credential(env, environment);
    checkCredential(s, credential, environment);
    return ComputeManager.configure()
        .withRetryPolicy(retryPolicy(budget, reached))
        .withPolicy(counting)
        .withPolicy(reached)
        .withPolicy(new BudgetPolicy(budget))
        .authenticate(credential, profile)
        .serviceClient();
  }

  /** Where tokens come from: {@code AZURE_AUTHORITY_HOST} if set, else the environment's. */
  static String authorityHost(Map<String, String> env, AzureEnvironment environment) {
    String host = env.get(AUTHORITY_HOST_ENV);
    return host != null && !host.isBlank() ? host : environment.getActiveDirectoryEndpoint();
  }

  /**
   * {@code DefaultAzureCredential} against the authority host. An authority that is not one of
   * Microsoft's clouds (Azure Stack Hub's AD FS, a private cloud, a test token endpoint) gets no
   * instance discovery: MSAL would otherwise ask login.microsoftonline.com to vouch for it.
   */
  static TokenCredential credential(Map<String, String> env, AzureEnvironment environment) {
    String host = authorityHost(env, environment);
    DefaultAzureCredentialBuilder b = new DefaultAzureCredentialBuilder().authorityHost(host);
    if (!MICROSOFT_AUTHORITIES.contains(
        host.replaceAll("/+$", "").toLowerCase(java.util.Locale.ROOT))) {
      b.disableInstanceDiscovery();
    }
    return b.build();
  }

  static final String AUTHORITY_HOST_ENV = "AZURE_AUTHORITY_HOST";
  private static final java.util.Set<String> MICROSOFT_AUTHORITIES =
      java.util.Set.of(
          "https://login.microsoftonline.com",
          "https://login.chinacloudapi.cn",
          "https://login.microsoftonline.us",
          "https://login.microsoftonline.de",
          "https://login.windows.net",
          "https://login.partner.microsoftonline.cn");

  private static void checkCredential(
      AzureSettings s, TokenCredential credential, AzureEnvironment environment)
      throws ProviderException {
    // The scope the SDK's bearer policy asks for (resource id + "/.default", hence ARM's
    // "https://management.core.windows.net//.default"): the token fetched here is then the one
    // MSAL has cached for the first Resource Manager call.
    String scope = environment.getManagementEndpoint() + "/.default";
    try {
      var token =
          credential
              .getToken(new TokenRequestContext().addScopes(scope))
              .block(Duration.ofSeconds(60));
      if (token == null) throw new IllegalStateException("no token returned");
    } catch (RuntimeException e) {
      throw new ProviderException(
          ProviderException.Kind.CONFIGURATION,
          "CredentialUnavailable",
          null,
          "No Azure credential for cloud `"
              + s.cloudName()
              + "`: set AZURE_TENANT_ID, AZURE_CLIENT_ID and AZURE_CLIENT_SECRET (a service"
              + " principal), run `az login`, or run where a managed identity is assigned."
              + reason(e).map(r -> " The last credential tried said: " + r).orElse(""),
          e);
    }
  }

  /**
   * The deepest cause's first line that says something: the SDK's outer messages only point at
   * their inner exception ("see inner exception for more information").
   */
  static java.util.Optional<String> reason(Throwable e) {
    String found = null;
    for (Throwable c = e; c != null && c.getCause() != c; c = c.getCause()) {
      String m = c.getMessage();
      if (m == null || m.isBlank()) continue;
      String line = firstLine(m).strip();
      if (line.toLowerCase(java.util.Locale.ROOT).contains("inner exception")) continue;
      found = line.endsWith(".") ? line : line + ".";
    }
    return java.util.Optional.ofNullable(found);
  }

  private static String firstLine(String m) {
    if (m == null) return "no detail";
    int nl = m.indexOf('\n');
    return nl < 0 ? m : m.substring(0, nl);
  }

  private static HttpPipeline emulatorPipeline(
      String token, RateBudget budget, CallMetricsPolicy counting, ReachedPolicy reached) {
    HttpPipelineSyncPolicy bearer =
        new HttpPipelineSyncPolicy() {
          @Override
          protected void beforeSendingRequest(HttpPipelineCallContext context) {
            context.getHttpRequest().setHeader(HttpHeaderName.AUTHORIZATION, "Bearer " + token);
          }
        };
    return new HttpPipelineBuilder()
        .httpClient(HttpClient.createDefault())
        .policies(
            new UserAgentPolicy("poolform-azure"),
            new RequestIdPolicy(),
            retryPolicy(budget, reached),
            counting,
            reached,
            new AddDatePolicy(),
            bearer,
            new BudgetPolicy(budget))
        .build();
  }
}
