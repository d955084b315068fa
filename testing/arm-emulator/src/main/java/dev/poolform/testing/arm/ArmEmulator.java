package dev.poolform.provider.azure.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The ARM emulator: Microsoft.Compute virtualMachineScaleSets over plain HTTP on loopback (or https
 * with a {@link TokenIssuer} at the same address, {@link #startTls}).
 *
 * <p>Served: scale set PUT (201 create / 200 update, {@code Azure-AsyncOperation} + {@code
 * Retry-After}), GET, PATCH (200 + {@code Azure-AsyncOperation}; the SDK expects exactly 200),
 * DELETE (202 + {@code Azure-AsyncOperation} + {@code Location}, 204 when absent), list by resource
 * group and by subscription with {@code nextLink} paging, the instances list (paged, {@code
 * $expand=instanceView}), instance GET/DELETE (all three Uniform only: on a Flexible scale set they
 * answer {@code OperationNotAllowed}, and its machines are served by the Virtual Machines API,
 * {@link VirtualMachinesApi}), the {@code delete} and {@code manualupgrade} actions, {@code
 * osRollingUpgrade}, {@code rollingUpgrades/latest} and {@code /cancel}, and the operation status
 * endpoints ({@code InProgress} for {@link #pollsBeforeDone} polls). Instances boot ({@code
 * Creating} to {@code Succeeded} after {@link #bootMillis}), capacity changes add and remove
 * instances (newest first), instances carry {@code latestModelApplied}, and a rolling upgrade
 * replaces old instances in batches per the policy. {@code upgradePolicy.mode = Rolling} without a
 * health signal is refused as ARM refuses it. Every request is counted per operation, the {@code
 * api-version}s seen are recorded, and {@link #afterEachRequest} runs between a request taking
 * effect and its answer.
 */
public final class ArmEmulator implements AutoCloseable {
  private static final String SS =
      "/subscriptions/([^/]+)/resourceGroups/([^/]+)/providers/Microsoft\\.Compute/virtualMachineScaleSets";
  private static final Pattern LIST_ALL =
      Pattern.compile(
          "/subscriptions/([^/]+)/providers/Microsoft\\.Compute/virtualMachineScaleSets",
          Pattern.CASE_INSENSITIVE);
  private static final Pattern LIST_RG = Pattern.compile(SS, Pattern.CASE_INSENSITIVE);
  private static final Pattern ONE =
      Pattern.compile(SS + "/([^/]+)(/.*)?", Pattern.CASE_INSENSITIVE);
  private static final Pattern VM_LIST =
      Pattern.compile(
          "/subscriptions/([^/]+)/resourceGroups/([^/]+)/providers/Microsoft\\.Compute/virtualMachines",
          Pattern.CASE_INSENSITIVE);
  private static final Pattern VM_ONE =
      Pattern.compile(
          "/subscriptions/([^/]+)/resourceGroups/([^/]+)/providers/Microsoft\\.Compute/virtualMachines/([^/]+)",
          Pattern.CASE_INSENSITIVE);
  private static final Pattern OPERATION =
      Pattern.compile(
          "/subscriptions/([^/]+)/providers/Microsoft\\.Compute/locations/([^/]+)/operations/([^/]+)",
          Pattern.CASE_INSENSITIVE);
  private static final Pattern NAME =
      Pattern.compile("[A-Za-z0-9]([A-Za-z0-9._-]{0,62}[A-Za-z0-9_])?");
  private static final Pattern SKU = Pattern.compile("(Standard|Basic)_[A-Za-z0-9_]+");

  private final ObjectMapper json = new ObjectMapper();
  private final HttpServer server;
  private final ScheduledExecutorService ticker =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "arm-emulator-tick");
            t.setDaemon(true);
            return t;
          });

  /** Scale sets by lower-cased resource id. */
  private final Map<String, EmulatedScaleSet> scaleSets = new TreeMap<>();

  private final Map<String, AsyncOperation> operations = new HashMap<>();
  private final Map<String, AtomicInteger> counters = new ConcurrentHashMap<>();

  /**
   * Runs after a request took effect and before its answer is sent (e.g. a crash test killing the
   * client there: the nastiest moment, as the client never learns what happened).
   */
  public volatile Runnable afterEachRequest;

  private final Set<String> apiVersions = ConcurrentHashMap.newKeySet();
  private final Map<String, JsonNode> lastBodies = new ConcurrentHashMap<>();

  public final Faults faults = new Faults();

  /** Status polls answered {@code InProgress} before an operation reports its end. */
  public volatile int pollsBeforeDone = 1;

  /** An operation nobody polls still ends after this long (ARM does not wait for pollers). */
  public volatile long operationMillis = 1500;

  public volatile int pageSize = 50;
  public volatile long bootMillis = 100;
  public volatile long deleteMillis = 50;

  /** Retry-After seconds on 201/202 responses and operation polls. */
  public volatile int pollRetryAfterSeconds = 0;

  /** Answer 409 to a write on a scale set whose previous operation has not ended. */
  public volatile boolean conflictWhileBusy;

  /** The next N operations end {@code Failed}. */
  public final AtomicInteger failNextOperations = new AtomicInteger();

  /** Image URNs ({@code publisher:offer:sku:version}) ARM answers "not available" for. */
  public final Set<String> unavailableImages = ConcurrentHashMap.newKeySet();

  private final String token;
  private final boolean tls;
  private final TokenIssuer issuer;

  private ArmEmulator(String token, javax.net.ssl.SSLContext tls, TokenIssuer issuer)
      throws IOException {
    this.token = token;
    this.tls = tls != null;
    this.issuer = issuer;
    if (tls != null) {
      com.sun.net.httpserver.HttpsServer https =
          com.sun.net.httpserver.HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 128);
      https.setHttpsConfigurator(new com.sun.net.httpserver.HttpsConfigurator(tls));
      server = https;
    } else {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 128);
    }
    server.createContext("/", this::handle);
    server.setExecutor(
        Executors.newFixedThreadPool(
            16,
            r -> {
              Thread t = new Thread(r, "arm-emulator");
              t.setDaemon(true);
              return t;
            }));
    server.start();
    ticker.scheduleWithFixedDelay(this::tick, 20, 20, TimeUnit.MILLISECONDS);
  }

  /** Starts an emulator that requires {@code Authorization: Bearer <token>} on every request. */
  public static ArmEmulator start(String token) throws IOException {
    return new ArmEmulator(token, null, null);
  }

  /**
   * Starts an emulator on https that also serves the identity platform's token endpoint ({@link
   * TokenIssuer}) at the same address, for tests of the production credential path: the base URL is
   * then both the Resource Manager endpoint and the authority host.
   */
  public static ArmEmulator startTls(String token, javax.net.ssl.SSLContext tls, TokenIssuer issuer)
      throws IOException {
    return new ArmEmulator(token, tls, issuer);
  }

  /**
   * The VMs of a Flexible scale set as the Virtual Machines API lists them (with instance view).
   */
  public synchronized List<ObjectNode> virtualMachines(String resourceGroup, String name) {
    EmulatedScaleSet s = find(resourceGroup, name);
    List<ObjectNode> out = new ArrayList<>();
    if (s != null && s.flexible())
      for (EmulatedVm vm : s.vms.values()) out.add(VirtualMachinesApi.render(s, vm, true));
    return out;
  }

  /** The base URL, e.g. {@code http://127.0.0.1:43121/}. */
  public String endpoint() {
    return (tls ? "https" : "http") + "://127.0.0.1:" + server.getAddress().getPort() + "/";
  }

  @Override
  public void close() {
    ticker.shutdownNow();
    server.stop(0);
  }

  // ---- inspection and outside changes, for tests ------------------------------------------

  public int count(String operation) {
    AtomicInteger c = counters.get(operation);
    return c == null ? 0 : c.get();
  }

  public Map<String, Integer> counts() {
    Map<String, Integer> out = new TreeMap<>();
    counters.forEach((k, v) -> out.put(k, v.get()));
    return out;
  }

  public void resetCounts() {
    counters.clear();
  }

  /** The body of the last request of an operation (e.g. {@code update}), as sent. */
  public Optional<JsonNode> lastRequestBody(String operation) {
    return Optional.ofNullable(lastBodies.get(operation));
  }

  /**
   * Puts a scale set in place directly, as if created long ago by anyone (no request counted): for
   * tests that need many scale sets fast.
   */
  public synchronized void seed(
      String subscription,
      String resourceGroup,
      String name,
      Map<String, String> tags,
      long capacity) {
    ObjectNode body = json.createObjectNode();
    body.put("location", "westeurope");
    ObjectNode t = body.putObject("tags");
    tags.forEach(t::put);
    body.putObject("sku")
        .put("name", "Standard_B1s")
        .put("tier", "Standard")
        .put("capacity", capacity);
    ObjectNode props = body.putObject("properties");
    props.put("orchestrationMode", "Flexible");
    props.put("platformFaultDomainCount", 1);
    props.putObject("upgradePolicy").put("mode", "Manual");
    ObjectNode image =
        props
            .putObject("virtualMachineProfile")
            .putObject("storageProfile")
            .putObject("imageReference");
    image
        .put("publisher", "Canonical")
        .put("offer", "ubuntu-24_04-lts")
        .put("sku", "server")
        .put("version", "latest");
    String id = id(subscription, resourceGroup, name);
    EmulatedScaleSet s =
        new EmulatedScaleSet(id, resourceGroup, name, body, System.currentTimeMillis());
    s.provisioningState = "Succeeded";
    s.reconcileCapacity(System.currentTimeMillis());
    scaleSets.put(id.toLowerCase(), s);
  }

  public Set<String> apiVersionsSeen() {
    return Set.copyOf(apiVersions);
  }

  public synchronized int scaleSetCount() {
    return scaleSets.size();
  }

  public synchronized List<String> scaleSetNames() {
    List<String> out = new ArrayList<>();
    for (EmulatedScaleSet s : scaleSets.values()) out.add(s.name);
    return out;
  }

  /** The scale set as GET returns it (user data included), if it exists. */
  public synchronized Optional<ObjectNode> scaleSet(String resourceGroup, String name) {
    EmulatedScaleSet s = find(resourceGroup, name);
    return Optional.ofNullable(s).map(x -> x.render(true));
  }

  /**
   * The emulator's own view of a scale set's instances (for assertions): the VMSS-VM shape with
   * instance view and {@code latestModelApplied}, for both orchestration modes, although over HTTP
   * a Flexible scale set's machines are only served by the Virtual Machines API.
   */
  public synchronized List<ObjectNode> instances(String resourceGroup, String name) {
    EmulatedScaleSet s = find(resourceGroup, name);
    List<ObjectNode> out = new ArrayList<>();
    if (s != null) for (EmulatedVm vm : s.vms.values()) out.add(s.renderVm(vm, true, false));
    return out;
  }

  /** An outside change (portal, another tool): mutate the stored body, then reconcile. */
  public synchronized void outsideChange(
      String resourceGroup, String name, Consumer<ObjectNode> change) {
    EmulatedScaleSet s = find(resourceGroup, name);
    if (s == null) throw new IllegalArgumentException("no scale set " + name);
    ObjectNode before = EmulatedScaleSet.modelOf(s.body);
    change.accept(s.body);
    if (!before.equals(EmulatedScaleSet.modelOf(s.body))) s.modelVersion++;
    s.reconcileCapacity(System.currentTimeMillis());
  }

  private EmulatedScaleSet find(String resourceGroup, String name) {
    for (EmulatedScaleSet s : scaleSets.values())
      if (s.resourceGroup.equalsIgnoreCase(resourceGroup) && s.name.equalsIgnoreCase(name))
        return s;
    return null;
  }

  // ---- HTTP -------------------------------------------------------------------------------

  private record Reply(int status, JsonNode body, Map<String, String> headers) {
    static Reply of(int status, JsonNode body) {
      return new Reply(status, body, new LinkedHashMap<>());
    }
  }

  private void handle(HttpExchange ex) throws IOException {
    {
      String method = ex.getRequestMethod();
      String path = ex.getRequestURI().getRawPath();
      if (path.length() > 1 && path.endsWith("/")) path = path.substring(0, path.length() - 1);
      Map<String, String> query = query(ex.getRequestURI().getRawQuery());
      String apiVersion = query.get("api-version");
      if (apiVersion != null) apiVersions.add(apiVersion);
      String operation = classify(method, path);
      counters.computeIfAbsent(operation, k -> new AtomicInteger()).incrementAndGet();
      byte[] requestBody = ex.getRequestBody().readAllBytes();
      Reply reply;
      if (issuer != null && TokenIssuer.handles(method, path)) {
        var answer = issuer.token(path, requestBody);
        send(ex, Reply.of(answer.getKey(), answer.getValue()));
        return;
      }
      String auth = ex.getRequestHeaders().getFirst("Authorization");
      if (token != null && !("Bearer " + token).equals(auth)) {
        reply =
            error(
                new ArmError(
                    401,
                    "AuthenticationFailed",
                    null,
                    "Authentication failed. The 'Authorization' header is missing or invalid."));
        send(ex, reply);
        return;
      }
      if (apiVersion == null) {
        send(
            ex,
            error(
                new ArmError(
                    400,
                    "MissingApiVersionParameter",
                    null,
                    "The api-version query parameter (?api-version=) is required for all requests.")));
        return;
      }
      boolean write = !method.equals("GET");
      Faults.Kind fault = faults.next(operation, write && !operation.startsWith("operation"));
      switch (fault) {
        case THROTTLE -> {
          Reply r =
              error(
                  new ArmError(
                      429,
                      "TooManyRequests",
                      null,
                      "The request is being throttled as the limit has been reached for operation type - "
                          + (write ? "Write" : "Read")
                          + "."));
          r.headers().put("Retry-After", Integer.toString(faults.retryAfterSeconds));
          send(ex, r);
          return;
        }
        case SERVER_ERROR -> {
          send(
              ex,
              error(
                  new ArmError(
                      500,
                      "InternalServerError",
                      null,
                      "An internal execution error occurred. Please retry later.")));
          return;
        }
        case CONFLICT -> {
          send(
              ex,
              error(
                  new ArmError(
                      409,
                      "OperationNotAllowed",
                      null,
                      "Operation is not allowed since the Virtual Machine Scale Set is currently being updated: another operation is in progress.")));
          return;
        }
        default -> {}
      }
      try {
        JsonNode body = requestBody.length == 0 ? json.nullNode() : json.readTree(requestBody);
        lastBodies.put(operation, body);
        synchronized (this) {
          reply = route(method, path, query, body);
        }
      } catch (ArmError e) {
        reply = error(e);
      } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
        reply =
            error(
                new ArmError(
                    400,
                    "InvalidRequestContent",
                    null,
                    "The request content was invalid and could not be deserialized."));
      }
      Runnable hook = afterEachRequest;
      if (hook != null) hook.run();
      if (fault == Faults.Kind.DROP) {
        // The request took effect; the client never hears back and must retry safely.
        throw new IOException("emulated dropped connection");
      }
      send(ex, reply);
    }
  }

  /** Writes the reply and ends the exchange. */
  private void send(HttpExchange ex, Reply reply) throws IOException {
    reply.headers().forEach((k, v) -> ex.getResponseHeaders().set(k, v));
    ex.getResponseHeaders().set("x-ms-ratelimit-remaining-subscription-reads", "11999");
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

  private Reply error(ArmError e) {
    ObjectNode body = json.createObjectNode();
    ObjectNode err = body.putObject("error");
    err.put("code", e.code);
    err.put("message", e.getMessage());
    if (e.target != null) err.put("target", e.target);
    return Reply.of(e.status, body);
  }

  private static Map<String, String> query(String raw) {
    Map<String, String> out = new HashMap<>();
    if (raw == null) return out;
    for (String part : raw.split("&")) {
      int eq = part.indexOf('=');
      String k = URLDecoder.decode(eq < 0 ? part : part.substring(0, eq), StandardCharsets.UTF_8);
      String v = eq < 0 ? "" : URLDecoder.decode(part.substring(eq + 1), StandardCharsets.UTF_8);
      out.put(k, v);
    }
    return out;
  }

  private static String classify(String method, String path) {
    if (LIST_ALL.matcher(path).matches()) return "listAll";
    if (LIST_RG.matcher(path).matches()) return "listByResourceGroup";
    Matcher m = OPERATION.matcher(path);
    if (m.matches()) return "operationStatus";
    if (VM_LIST.matcher(path).matches()) return "listVirtualMachines";
    if (VM_ONE.matcher(path).matches())
      return method.equals("DELETE") ? "deleteVirtualMachine" : "getVirtualMachine";
    m = ONE.matcher(path);
    if (!m.matches()) return "unknown";
    String rest = m.group(4) == null ? "" : m.group(4).toLowerCase();
    if (rest.isEmpty()) {
      return switch (method) {
        case "GET" -> "get";
        case "PUT" -> "createOrUpdate";
        case "PATCH" -> "update";
        case "DELETE" -> "delete";
        default -> "unknown";
      };
    }
    if (rest.equals("/virtualmachines")) return "listVMs";
    if (rest.startsWith("/virtualmachines/")) return method.equals("DELETE") ? "deleteVM" : "getVM";
    return switch (rest) {
      case "/delete" -> "deleteInstances";
      case "/manualupgrade" -> "manualUpgrade";
      case "/osrollingupgrade" -> "osRollingUpgrade";
      case "/rollingupgrades/latest" -> "rollingUpgradeLatest";
      case "/rollingupgrades/cancel" -> "rollingUpgradeCancel";
      default -> "unknown";
    };
  }

  private static String id(String sub, String rg, String name) {
    return "/subscriptions/"
        + sub
        + "/resourceGroups/"
        + rg
        + "/providers/Microsoft.Compute/virtualMachineScaleSets/"
        + name;
  }

  // ---- routing ----------------------------------------------------------------------------

  private Reply route(String method, String path, Map<String, String> q, JsonNode body) {
    long now = System.currentTimeMillis();
    Matcher m = LIST_ALL.matcher(path);
    if (m.matches() && method.equals("GET")) return list(path, q, s -> true);
    m = LIST_RG.matcher(path);
    if (m.matches() && method.equals("GET")) {
      String rg = m.group(2);
      return list(path, q, s -> s.resourceGroup.equalsIgnoreCase(rg));
    }
    m = OPERATION.matcher(path);
    if (m.matches() && method.equals("GET"))
      return operation(m.group(3), q.containsKey("monitor"), path, q);
    m = VM_LIST.matcher(path);
    if (m.matches() && method.equals("GET")) {
      return Reply.of(
          200,
          VirtualMachinesApi.list(inGroup(m.group(1), m.group(2)), endpoint(), path, q, pageSize));
    }
    m = VM_ONE.matcher(path);
    if (m.matches())
      return virtualMachine(
          method,
          m.group(1),
          m.group(2),
          URLDecoder.decode(m.group(3), StandardCharsets.UTF_8),
          q,
          now);
    m = ONE.matcher(path);
    if (!m.matches())
      throw new ArmError(
          404,
          "NoRegisteredProviderFound",
          null,
          "No registered resource provider found for " + path + ".");
    String sub = m.group(1);
    String rg = URLDecoder.decode(m.group(2), StandardCharsets.UTF_8);
    String name = URLDecoder.decode(m.group(3), StandardCharsets.UTF_8);
    String rest = m.group(4) == null ? "" : m.group(4);
    String id = id(sub, rg, name);
    EmulatedScaleSet s = scaleSets.get(id.toLowerCase());
    String expand = q.getOrDefault("$expand", "");
    if (rest.isEmpty()) {
      switch (method) {
        case "GET":
          if (s == null)
            throw ArmError.notFound("Microsoft.Compute/virtualMachineScaleSets/" + name);
          return Reply.of(200, s.render(expand.equalsIgnoreCase("userData")));
        case "PUT":
          return put(sub, rg, name, id, s, (ObjectNode) body, now);
        case "PATCH":
          if (s == null)
            throw ArmError.notFound("Microsoft.Compute/virtualMachineScaleSets/" + name);
          return patch(s, (ObjectNode) body, now);
        case "DELETE":
          if (s == null) return Reply.of(204, null);
          return delete(s, now);
        default:
          throw new ArmError(405, "MethodNotAllowed", null, "The HTTP method is not supported.");
      }
    }
    if (s == null) throw ArmError.notFound("Microsoft.Compute/virtualMachineScaleSets/" + name);
    String r = rest.toLowerCase();
    if (s.flexible() && (r.equals("/virtualmachines") || r.startsWith("/virtualmachines/"))) {
      throw VirtualMachinesApi.refuseScaleSetVmApi(name, method);
    }
    if (r.equals("/virtualmachines") && method.equals("GET")) return listVms(s, path, q);
    if (r.startsWith("/virtualmachines/")) {
      String instanceId =
          URLDecoder.decode(rest.substring("/virtualMachines/".length()), StandardCharsets.UTF_8);
      EmulatedVm vm = s.vms.get(instanceId);
      if (method.equals("GET")) {
        if (vm == null)
          throw ArmError.notFound(
              "Microsoft.Compute/virtualMachineScaleSets/"
                  + name
                  + "/virtualMachines/"
                  + instanceId);
        return Reply.of(
            200,
            s.renderVm(
                vm, expand.equalsIgnoreCase("instanceView"), expand.equalsIgnoreCase("userData")));
      }
      if (method.equals("DELETE")) {
        if (vm == null || vm.deleting()) return Reply.of(204, null);
        deleteInstances(s, List.of(instanceId), now);
        return accepted(s, "DeleteVM", now, null);
      }
    }
    if (method.equals("POST")) {
      switch (r) {
        case "/delete":
          {
            List<String> ids = new ArrayList<>();
            body.path("instanceIds").forEach(n -> ids.add(n.asText()));
            if (ids.isEmpty())
              throw ArmError.invalid(
                  "instanceIds", "Required parameter 'instanceIds' is missing (null).");
            deleteInstances(s, ids, now);
            return accepted(s, "DeleteInstances", now, null);
          }
        case "/manualupgrade":
          {
            body.path("instanceIds")
                .forEach(
                    n -> {
                      EmulatedVm vm = s.vms.get(n.asText());
                      if (vm != null && !vm.deleting()) {
                        vm.model = EmulatedScaleSet.modelOf(s.body);
                        vm.modelVersion = s.modelVersion;
                        vm.enter("Updating", now);
                      }
                    });
            return accepted(s, "ManualUpgrade", now, null);
          }
        case "/osrollingupgrade":
          {
            String mode =
                s.body.path("properties").path("upgradePolicy").path("mode").asText("Manual");
            if (!mode.equalsIgnoreCase("Rolling")) {
              throw new ArmError(
                  409,
                  "OperationNotAllowed",
                  null,
                  "Rolling Upgrade is only supported when the upgrade policy mode is 'Rolling'; it is '"
                      + mode
                      + "'.");
            }
            if (s.rollingUpgrade == null || !s.rollingUpgrade.active()) startRollingUpgrade(s, now);
            return accepted(s, "OSRollingUpgrade", now, null);
          }
        case "/rollingupgrades/cancel":
          {
            if (s.rollingUpgrade == null || !s.rollingUpgrade.active()) {
              throw new ArmError(
                  409,
                  "OperationNotAllowed",
                  null,
                  "There is no rolling upgrade in progress to cancel.");
            }
            s.rollingUpgrade.status = "Cancelled";
            s.rollingUpgrade.endedAt = now;
            return accepted(s, "CancelRollingUpgrade", now, null);
          }
        default:
          break;
      }
    }
    if (r.equals("/rollingupgrades/latest") && method.equals("GET")) {
      if (s.rollingUpgrade == null)
        throw new ArmError(
            404, "NotFound", null, "No rolling upgrade has been run on scale set '" + name + "'.");
      return Reply.of(200, s.renderRollingUpgrade(s.rollingUpgrade));
    }
    throw new ArmError(
        404, "NoRegisteredProviderFound", null, "No route for " + method + " " + path + ".");
  }

  private List<EmulatedScaleSet> inGroup(String subscription, String resourceGroup) {
    List<EmulatedScaleSet> out = new ArrayList<>();
    String prefix =
        ("/subscriptions/" + subscription + "/resourceGroups/" + resourceGroup + "/").toLowerCase();
    for (EmulatedScaleSet s : scaleSets.values())
      if (s.id.toLowerCase().startsWith(prefix)) out.add(s);
    return out;
  }

  /** GET (optionally {@code $expand=instanceView}) or DELETE of one VM of a Flexible scale set. */
  private Reply virtualMachine(
      String method, String sub, String rg, String vmName, Map<String, String> q, long now) {
    var found = VirtualMachinesApi.find(inGroup(sub, rg), vmName);
    if (method.equals("GET")) {
      var f =
          found.orElseThrow(() -> ArmError.notFound("Microsoft.Compute/virtualMachines/" + vmName));
      return Reply.of(
          200,
          VirtualMachinesApi.render(
              f.getKey(),
              f.getValue(),
              q.getOrDefault("$expand", "").equalsIgnoreCase("instanceView")));
    }
    if (method.equals("DELETE")) {
      if (found.isEmpty() || found.get().getValue().deleting()) return Reply.of(204, null);
      // Deleting a Flexible scale set's VM shrinks the scale set, like the batch delete.
      deleteInstances(found.get().getKey(), List.of(found.get().getValue().instanceId), now);
      return accepted(found.get().getKey(), "DeleteVirtualMachine", now, null);
    }
    throw new ArmError(405, "MethodNotAllowed", null, "The HTTP method is not supported.");
  }

  private Reply list(
      String path, Map<String, String> q, java.util.function.Predicate<EmulatedScaleSet> filter) {
    List<EmulatedScaleSet> all = new ArrayList<>();
    for (EmulatedScaleSet s : scaleSets.values()) if (filter.test(s)) all.add(s);
    all.sort((a, b) -> a.id.compareToIgnoreCase(b.id));
    int from = Integer.parseInt(q.getOrDefault("$skiptoken", "0"));
    int to = Math.min(all.size(), from + pageSize);
    ObjectNode out = json.createObjectNode();
    ArrayNode value = out.putArray("value");
    for (int i = from; i < to; i++) value.add(all.get(i).render(false));
    if (to < all.size())
      out.put(
          "nextLink",
          endpoint()
              + path.substring(1)
              + "?api-version="
              + q.get("api-version")
              + "&$skiptoken="
              + to);
    return Reply.of(200, out);
  }

  private Reply listVms(EmulatedScaleSet s, String path, Map<String, String> q) {
    List<EmulatedVm> vms = new ArrayList<>(s.vms.values());
    boolean instanceView = q.getOrDefault("$expand", "").equalsIgnoreCase("instanceView");
    int from = Integer.parseInt(q.getOrDefault("$skiptoken", "0"));
    int to = Math.min(vms.size(), from + pageSize);
    ObjectNode out = json.createObjectNode();
    ArrayNode value = out.putArray("value");
    for (int i = from; i < to; i++) value.add(s.renderVm(vms.get(i), instanceView, false));
    if (to < vms.size()) {
      String next =
          endpoint()
              + path.substring(1)
              + "?api-version="
              + q.get("api-version")
              + "&$skiptoken="
              + to
              + (instanceView ? "&$expand=instanceView" : "");
      out.put("nextLink", next);
    }
    return Reply.of(200, out);
  }

  private void validate(String name, ObjectNode body, EmulatedScaleSet existing) {
    if (!NAME.matcher(name).matches()) {
      throw new ArmError(
          400,
          "InvalidResourceName",
          null,
          "Resource name "
              + name
              + " is invalid. The name can be up to 64 characters long. It can contain only letters, numbers, underscores, periods and hyphens; it must start with a letter or number and end with a letter, number or underscore.");
    }
    if (!body.path("location").isTextual())
      throw new ArmError(
          400, "LocationRequired", null, "The location property is required for this definition.");
    String sku = body.path("sku").path("name").asText("");
    if (!SKU.matcher(sku).matches())
      throw ArmError.invalid(
          "sku.name", "The value " + sku + " provided for the VM size is not valid.");
    JsonNode props = body.path("properties");
    String mode = props.path("orchestrationMode").asText("Uniform");
    if (existing != null) {
      String before = existing.body.path("properties").path("orchestrationMode").asText("Uniform");
      if (!before.equalsIgnoreCase(mode))
        throw new ArmError(
            400,
            "PropertyChangeNotAllowed",
            "orchestrationMode",
            "Changing property 'orchestrationMode' is not allowed.");
    }
    if (mode.equalsIgnoreCase("Flexible") && !props.has("platformFaultDomainCount")) {
      throw ArmError.invalid(
          "platformFaultDomainCount",
          "Parameter 'platformFaultDomainCount' is required for scale sets in Flexible orchestration mode.");
    }
    JsonNode profile = props.path("virtualMachineProfile");
    if (props.path("upgradePolicy").path("mode").asText("Manual").equalsIgnoreCase("Rolling")
        && !healthSignal(profile, mode)) {
      // ARM's answer (terraform-provider-azurerm#5430); Flexible counts the extension only.
      throw new ArmError(
          400,
          "BadRequest",
          null,
          "Rolling Upgrade mode is not supported for this Virtual Machine Scale Set because a health probe or health extension was not provided.");
    }
    JsonNode image = profile.path("storageProfile").path("imageReference");
    if (!image.has("id")) {
      String urn =
          image.path("publisher").asText("")
              + ":"
              + image.path("offer").asText("")
              + ":"
              + image.path("sku").asText("")
              + ":"
              + image.path("version").asText("");
      if (!image.has("publisher")
          || !image.has("offer")
          || !image.has("sku")
          || unavailableImages.contains(urn)) {
        throw ArmError.invalid(
            "imageReference",
            "The platform image '"
                + urn
                + "' is not available. Verify that all fields in the storage profile are correct.");
      }
    }
    if (profile.path("priority").asText("Regular").equalsIgnoreCase("Spot")
        && !profile.has("evictionPolicy")) {
      throw ArmError.invalid(
          "evictionPolicy",
          "Eviction policy must be specified for Spot priority virtual machines.");
    }
    JsonNode userData = profile.path("userData");
    if (userData.isTextual()) {
      try {
        java.util.Base64.getDecoder().decode(userData.asText());
      } catch (IllegalArgumentException e) {
        throw ArmError.invalid("userData", "UserData must be a base64-encoded string.");
      }
    }
  }

  /** The Application Health extension, or (Uniform only) a load balancer health probe. */
  private static boolean healthSignal(JsonNode profile, String mode) {
    for (JsonNode ext : profile.path("extensionProfile").path("extensions")) {
      String type = ext.path("properties").path("type").asText("");
      if (type.equals("ApplicationHealthLinux") || type.equals("ApplicationHealthWindows"))
        return true;
    }
    return !mode.equalsIgnoreCase("Flexible")
        && profile.path("networkProfile").path("healthProbe").has("id");
  }

  private void busyCheck(EmulatedScaleSet s) {
    if (conflictWhileBusy && s.busy != null && !s.busy.done) {
      throw new ArmError(
          409,
          "OperationNotAllowed",
          null,
          "Operation '"
              + "write"
              + "' is not allowed on VM scale set '"
              + s.name
              + "' since another operation is in progress.");
    }
  }

  private static void stripReadOnly(ObjectNode body) {
    body.remove(List.of("id", "name", "type", "etag"));
    JsonNode props = body.path("properties");
    if (props instanceof ObjectNode p)
      p.remove(List.of("provisioningState", "uniqueId", "timeCreated"));
  }

  private Reply put(
      String sub,
      String rg,
      String name,
      String id,
      EmulatedScaleSet existing,
      ObjectNode body,
      long now) {
    if (body == null)
      throw new ArmError(400, "InvalidRequestContent", null, "The request content was invalid.");
    ObjectNode copy = body.deepCopy();
    stripReadOnly(copy);
    validate(name, copy, existing);
    if (existing == null) {
      EmulatedScaleSet s = new EmulatedScaleSet(id, rg, name, copy, now);
      scaleSets.put(id.toLowerCase(), s);
      s.reconcileCapacity(now);
      s.provisioningState = "Creating";
      Reply r = asyncReply(201, s, "CreateOrUpdate", now, false);
      return r;
    }
    busyCheck(existing);
    apply(existing, copy, now);
    return asyncReply(200, existing, "CreateOrUpdate", now, false);
  }

  private Reply patch(EmulatedScaleSet s, ObjectNode patch, long now) {
    busyCheck(s);
    ObjectNode merged = s.body.deepCopy();
    mergePatch(merged, patch);
    stripReadOnly(merged);
    validate(s.name, merged, s);
    apply(s, merged, now);
    return asyncReply(200, s, "Update", now, false);
  }

  /** JSON merge patch: objects merge recursively, everything else (arrays too) replaces. */
  private static void mergePatch(ObjectNode target, JsonNode patch) {
    for (Map.Entry<String, JsonNode> e : patch.properties()) {
      JsonNode cur = target.get(e.getKey());
      if (e.getValue().isNull()) target.remove(e.getKey());
      else if (e.getValue().isObject() && cur instanceof ObjectNode o && !e.getKey().equals("tags"))
        mergePatch(o, e.getValue());
      else target.set(e.getKey(), e.getValue().deepCopy());
    }
  }

  private void apply(EmulatedScaleSet s, ObjectNode newBody, long now) {
    boolean modelChanged =
        !EmulatedScaleSet.modelOf(s.body).equals(EmulatedScaleSet.modelOf(newBody));
    s.body = newBody;
    if (modelChanged) s.modelVersion++;
    s.provisioningState = "Updating";
    s.reconcileCapacity(now);
    String mode = newBody.path("properties").path("upgradePolicy").path("mode").asText("Manual");
    if (modelChanged
        && mode.equalsIgnoreCase("Rolling")
        && (s.rollingUpgrade == null || !s.rollingUpgrade.active())) {
      // ARM starts a rolling upgrade by itself when the model of a Rolling scale set changes.
      startRollingUpgrade(s, now);
    }
  }

  private Reply delete(EmulatedScaleSet s, long now) {
    busyCheck(s);
    s.provisioningState = "Deleting";
    for (EmulatedVm vm : s.vms.values()) if (!vm.deleting()) vm.enter("Deleting", now);
    if (s.rollingUpgrade != null && s.rollingUpgrade.active())
      s.rollingUpgrade.status = "Cancelled";
    Reply r = asyncReply(202, s, "Delete", now, true);
    return r;
  }

  private void deleteInstances(EmulatedScaleSet s, List<String> ids, long now) {
    int removed = 0;
    for (String instanceId : ids) {
      EmulatedVm vm = s.vms.get(instanceId);
      // Already gone (e.g. a retried request): nothing to do for it.
      if (vm == null || vm.deleting()) continue;
      vm.enter("Deleting", now);
      removed++;
    }
    // Deleting instances shrinks the scale set, as in ARM.
    ObjectNode sku = s.body.withObjectProperty("sku");
    sku.put("capacity", Math.max(0, s.capacity() - removed));
  }

  private void startRollingUpgrade(EmulatedScaleSet s, long now) {
    JsonNode p = s.body.path("properties").path("upgradePolicy").path("rollingUpgradePolicy");
    s.rollingUpgrade =
        new RollingUpgrade(
            UUID.randomUUID().toString(),
            now,
            p.path("maxBatchInstancePercent").asInt(20),
            p.path("maxSurge").asBoolean(false),
            EmulatedScaleSet.isoMillis(p.path("pauseTimeBetweenBatches").asText("PT0S")));
  }

  private AsyncOperation newOperation(EmulatedScaleSet s, String name, long now) {
    ArmError failure = null;
    if (failNextOperations.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0) {
      failure =
          new ArmError(
              500,
              "InternalExecutionError",
              null,
              "An internal execution error occurred while running operation " + name + ".");
    }
    AsyncOperation op =
        new AsyncOperation(UUID.randomUUID().toString(), name, now, pollsBeforeDone, failure, null);
    operations.put(op.id, op);
    s.busy = op;
    return op;
  }

  private String operationUrl(EmulatedScaleSet s, AsyncOperation op, boolean monitor) {
    String sub = s.id.split("/")[2];
    String location = s.body.path("location").asText("westus");
    return endpoint()
        + "subscriptions/"
        + sub
        + "/providers/Microsoft.Compute/locations/"
        + location
        + "/operations/"
        + op.id
        + "?"
        + (monitor ? "monitor=true&" : "")
        + "api-version=2025-11-01";
  }

  private Reply asyncReply(int status, EmulatedScaleSet s, String name, long now, boolean deletes) {
    AsyncOperation op = newOperation(s, name, now);
    if (deletes) {
      op.onDone = () -> scaleSets.remove(s.id.toLowerCase());
    } else {
      op.onDone = () -> s.provisioningState = "Succeeded";
    }
    op.onFail = () -> s.provisioningState = "Failed";
    Reply r = Reply.of(status, status == 202 ? null : s.render(false));
    r.headers().put("Azure-AsyncOperation", operationUrl(s, op, false));
    if (status == 202) r.headers().put("Location", operationUrl(s, op, true));
    r.headers().put("Retry-After", Integer.toString(pollRetryAfterSeconds));
    if (pollsBeforeDone == 0) op.finish();
    return r;
  }

  private Reply accepted(EmulatedScaleSet s, String name, long now, Runnable onDone) {
    AsyncOperation op = newOperation(s, name, now);
    op.onDone = onDone;
    Reply r = Reply.of(202, null);
    r.headers().put("Azure-AsyncOperation", operationUrl(s, op, false));
    r.headers().put("Location", operationUrl(s, op, true));
    r.headers().put("Retry-After", Integer.toString(pollRetryAfterSeconds));
    if (pollsBeforeDone == 0) op.finish();
    return r;
  }

  private Reply operation(String id, boolean monitor, String path, Map<String, String> q) {
    AsyncOperation op = operations.get(id);
    if (op == null) throw ArmError.notFound("operations/" + id);
    boolean inProgress = !op.done && op.pollsLeft > 0;
    if (inProgress) {
      op.pollsLeft--;
    } else {
      op.finish();
    }
    if (monitor) {
      if (inProgress) {
        Reply r = Reply.of(202, null);
        r.headers()
            .put(
                "Location",
                endpoint()
                    + path.substring(1)
                    + "?monitor=true&api-version="
                    + q.get("api-version"));
        r.headers().put("Retry-After", Integer.toString(pollRetryAfterSeconds));
        return r;
      }
      if (op.failure != null) return error(op.failure);
      return Reply.of(200, null);
    }
    ObjectNode out = json.createObjectNode();
    out.put("name", op.id);
    out.put("startTime", Instant.ofEpochMilli(op.startedAt).toString());
    out.put("status", inProgress ? "InProgress" : op.finalStatus);
    if (!inProgress) out.put("endTime", Instant.now().toString());
    if (!inProgress && op.failure != null) {
      ObjectNode err = out.putObject("error");
      err.put("code", op.failure.code);
      err.put("message", op.failure.getMessage());
    }
    Reply r = Reply.of(200, out);
    if (inProgress) r.headers().put("Retry-After", Integer.toString(pollRetryAfterSeconds));
    return r;
  }

  // ---- time passes ------------------------------------------------------------------------

  private synchronized void tick() {
    try {
      long now = System.currentTimeMillis();
      for (AsyncOperation op : new ArrayList<>(operations.values())) {
        if (!op.done && now - op.startedAt >= operationMillis) op.finish();
        if (op.done && now - op.startedAt > 60_000) operations.remove(op.id);
      }
      for (EmulatedScaleSet s : new ArrayList<>(scaleSets.values())) {
        for (Iterator<EmulatedVm> it = s.vms.values().iterator(); it.hasNext(); ) {
          EmulatedVm vm = it.next();
          if (vm.deleting() && now - vm.stateSince >= deleteMillis) it.remove();
          else if ((vm.provisioningState.equals("Creating")
                  || vm.provisioningState.equals("Updating"))
              && now - vm.stateSince >= bootMillis) vm.enter("Succeeded", now);
        }
        roll(s, now);
      }
    } catch (RuntimeException e) {
      e.printStackTrace();
    }
  }

  private void roll(EmulatedScaleSet s, long now) {
    RollingUpgrade ru = s.rollingUpgrade;
    if (ru == null || !ru.active()) return;
    if (!ru.batchOld.isEmpty() || !ru.batchNew.isEmpty()) {
      for (String id : ru.batchNew) {
        EmulatedVm vm = s.vms.get(id);
        if (vm != null && !vm.provisioningState.equals("Succeeded")) return;
      }
      if (ru.maxSurge)
        for (String id : ru.batchOld) {
          EmulatedVm vm = s.vms.get(id);
          if (vm != null && !vm.deleting()) vm.enter("Deleting", now);
        }
      ru.successful += ru.batchNew.size();
      ru.batchOld.clear();
      ru.batchNew.clear();
      ru.pauseUntil = now + ru.pauseMillis;
      return;
    }
    if (now < ru.pauseUntil) return;
    List<EmulatedVm> active = s.activeVms();
    List<EmulatedVm> old = new ArrayList<>();
    for (EmulatedVm vm : active) if (vm.modelVersion != s.modelVersion) old.add(vm);
    if (old.isEmpty()) {
      ru.status = "Completed";
      ru.endedAt = now;
      return;
    }
    int batch = (int) Math.max(1, Math.floor(active.size() * ru.batchPercent / 100.0));
    for (EmulatedVm vm : old.subList(0, Math.min(batch, old.size()))) {
      ru.batchOld.add(vm.instanceId);
      if (!ru.maxSurge) vm.enter("Deleting", now);
      ru.batchNew.add(s.addVm(now).instanceId);
    }
  }
}
