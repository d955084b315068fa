package dev.poolform.testing.arm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;

/**
 * The emulator's front door: an HTTP (or https) server on a free loopback port that does what ARM
 * does before a request reaches a resource provider. It counts the request under its operation
 * name, serves the token endpoint when there is an issuer, checks the bearer token and the {@code
 * api-version}, injects the configured {@link Faults}, hands the parsed body to the {@link Router}
 * under the emulator's lock, runs {@link ArmEmulator#afterEachRequest}, and answers with ARM's
 * headers.
 */
final class ArmHttp {
  private final ArmEmulator arm;
  private final Router router;
  private final ObjectMapper json = new ObjectMapper();
  private final HttpServer server;
  private final ExecutorService workers =
      Executors.newFixedThreadPool(
          16,
          r -> {
            Thread t = new Thread(r, "arm-emulator");
            t.setDaemon(true);
            return t;
          });
  private final boolean tls;
  private final String token;
  private final TokenIssuer issuer;

  ArmHttp(ArmEmulator arm, Router router, String token, SSLContext tls, TokenIssuer issuer)
      throws IOException {
    this.arm = arm;
    this.router = router;
    this.token = token;
    this.tls = tls != null;
    this.issuer = issuer;
    InetSocketAddress loopback = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
    if (tls != null) {
      HttpsServer https = HttpsServer.create(loopback, 128);
      https.setHttpsConfigurator(new HttpsConfigurator(tls));
      server = https;
    } else {
      server = HttpServer.create(loopback, 128);
    }
    server.createContext("/", this::handle);
    server.setExecutor(workers);
    server.start();
  }

  /** The base URL, e.g. {@code http://127.0.0.1:43121/}. */
  String endpoint() {
    return (tls ? "https" : "http") + "://127.0.0.1:" + server.getAddress().getPort() + "/";
  }

  void stop() {
    server.stop(0);
    workers.shutdownNow();
  }

  private void handle(HttpExchange ex) throws IOException {
    String method = ex.getRequestMethod();
    String path = ex.getRequestURI().getRawPath();
    if (path.length() > 1 && path.endsWith("/")) path = path.substring(0, path.length() - 1);
    Map<String, String> query = query(ex.getRequestURI().getRawQuery());
    String apiVersion = query.get("api-version");
    if (apiVersion != null) arm.apiVersions.add(apiVersion);
    String operation = ArmPaths.classify(method, path);
    arm.counters.computeIfAbsent(operation, k -> new AtomicInteger()).incrementAndGet();
    byte[] requestBody = ex.getRequestBody().readAllBytes();
    if (issuer != null && TokenIssuer.handles(method, path)) {
      var answer = issuer.token(path, requestBody);
      send(ex, Reply.of(answer.getKey(), answer.getValue()));
      return;
    }
    String auth = ex.getRequestHeaders().getFirst("Authorization");
    if (token != null && !("Bearer " + token).equals(auth)) {
      send(
          ex,
          Reply.error(
              new ArmError(
                  401,
                  "AuthenticationFailed",
                  null,
                  "Authentication failed. The 'Authorization' header is missing or invalid.")));
      return;
    }
    if (apiVersion == null) {
      send(
          ex,
          Reply.error(
              new ArmError(
                  400,
                  "MissingApiVersionParameter",
                  null,
                  "The api-version query parameter (?api-version=) is required for all requests.")));
      return;
    }
    ArmError denied = Rbac.refusal(arm.roleResourceGroup, method, path);
    if (denied != null) {
      send(ex, Reply.error(denied));
      return;
    }
    Throttling.Decision throttle = throttle(method, path, operation);
    if (throttle.throttled()) {
      send(ex, throttled(throttle, operation));
      return;
    }
    boolean write = !method.equals("GET");
    Faults.Kind fault = arm.faults.next(operation, write && !operation.startsWith("operation"));
    Reply injected = injected(fault, write);
    if (injected != null) {
      send(ex, injected);
      return;
    }
    Reply reply;
    try {
      JsonNode body = requestBody.length == 0 ? json.nullNode() : json.readTree(requestBody);
      arm.lastBodies.put(operation, body);
      synchronized (arm) {
        reply = router.route(method, path, query, body);
      }
    } catch (ArmError e) {
      reply = Reply.error(e);
    } catch (JsonProcessingException e) {
      reply =
          Reply.error(
              new ArmError(
                  400,
                  "InvalidRequestContent",
                  null,
                  "The request content was invalid and could not be deserialized."));
    }
    reply.headers().putAll(throttle.headers());
    Runnable hook = arm.afterEachRequest;
    if (hook != null) hook.run();
    if (fault == Faults.Kind.DROP) {
      // The request took effect; the client never hears back and must retry safely.
      throw new IOException("emulated dropped connection");
    }
    send(ex, reply);
  }

  /** Takes the request's tokens ({@link Throttling}); a PUT of a new scale set is a create. */
  private Throttling.Decision throttle(String method, String path, String operation) {
    boolean creates;
    synchronized (arm) {
      creates =
          operation.equals("createOrUpdate")
              && !arm.scaleSets.containsKey(
                  ArmPaths.throttlingResource(path).toLowerCase(java.util.Locale.ROOT));
    }
    return arm.throttling.take(
        operation,
        creates,
        method,
        ArmPaths.subscription(path),
        ArmPaths.throttlingResource(path),
        System.currentTimeMillis());
  }

  /**
   * Compute's 429, shaped as in "Troubleshooting API throttling errors"
   * (https://learn.microsoft.com/troubleshoot/azure/virtual-machines/troubleshooting-throttling-errors):
   * code {@code OperationNotAllowed} with a {@code TooManyRequests} detail naming the policy.
   */
  private Reply throttled(Throttling.Decision d, String operation) {
    ArmError e =
        new ArmError(
            429,
            "OperationNotAllowed",
            null,
            "The server rejected the request because too many requests have been received for this subscription.");
    Reply r = Reply.error(e);
    com.fasterxml.jackson.databind.node.ObjectNode detail =
        ((com.fasterxml.jackson.databind.node.ObjectNode) r.body().get("error"))
            .putArray("details")
            .addObject();
    detail.put("code", "TooManyRequests");
    Throttling.Policy p = Throttling.policy(operation, false);
    detail.put("target", p == null ? "Subscription" : p.name());
    detail.put("message", "The request is throttled; retry after the time Retry-After gives.");
    r.headers().putAll(d.headers());
    return r;
  }

  /** The answer a fault gives instead of the request's own, or null to serve the request. */
  private Reply injected(Faults.Kind fault, boolean write) {
    return switch (fault) {
      case THROTTLE -> {
        Reply r =
            Reply.error(
                new ArmError(
                    429,
                    "TooManyRequests",
                    null,
                    "The request is being throttled as the limit has been reached for operation type - "
                        + (write ? "Write" : "Read")
                        + "."));
        r.headers().put("Retry-After", Integer.toString(arm.faults.retryAfterSeconds));
        yield r;
      }
      case SERVER_ERROR ->
          Reply.error(
              new ArmError(
                  500,
                  "InternalServerError",
                  null,
                  "An internal execution error occurred. Please retry later."));
      case CONFLICT ->
          Reply.error(
              new ArmError(
                  409,
                  "OperationNotAllowed",
                  null,
                  "Operation is not allowed since the Virtual Machine Scale Set is currently being updated: another operation is in progress."));
      case NONE, DROP -> null;
    };
  }

  /** Writes the reply and ends the exchange. */
  private void send(HttpExchange ex, Reply reply) throws IOException {
    reply.headers().forEach((k, v) -> ex.getResponseHeaders().set(k, v));
    if (!ex.getResponseHeaders().containsKey("x-ms-ratelimit-remaining-subscription-reads")
        && !ex.getResponseHeaders().containsKey("x-ms-ratelimit-remaining-subscription-writes")
        && !ex.getResponseHeaders().containsKey("x-ms-ratelimit-remaining-subscription-deletes"))
      ex.getResponseHeaders().set("x-ms-ratelimit-remaining-subscription-reads", "249");
    ex.getResponseHeaders().set("x-ms-request-id", UUID.randomUUID().toString());
    if (reply.body() == null) {
      ex.sendResponseHeaders(reply.status(), -1);
      ex.close();
      return;
    }
    byte[] bytes = json.writeValueAsBytes(reply.body());
    ex.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
    ex.sendResponseHeaders(reply.status(), bytes.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(bytes);
    }
    ex.close();
  }

  private static Map<String, String> query(String raw) {
    Map<String, String> out = new HashMap<>();
    if (raw == null) return out;
    for (String part : raw.split("&", -1)) {
      int eq = part.indexOf('=');
      String k = URLDecoder.decode(eq < 0 ? part : part.substring(0, eq), StandardCharsets.UTF_8);
      String v = eq < 0 ? "" : URLDecoder.decode(part.substring(eq + 1), StandardCharsets.UTF_8);
      out.put(k, v);
    }
    return out;
  }
}
