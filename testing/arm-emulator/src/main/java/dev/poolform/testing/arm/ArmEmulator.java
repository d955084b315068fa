package dev.poolform.testing.arm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import javax.net.ssl.SSLContext;

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
 * instances (newest first), instances carry {@code latestModelApplied}, and on a Rolling scale set
 * any write starts a rolling upgrade of the instances behind the model, which replaces them in
 * batches per the policy and waits for the Application Health extension to report each new one
 * healthy. Every request is counted per operation, the {@code api-version}s seen are recorded, and
 * {@link #afterEachRequest} runs between a request taking effect and its answer.
 *
 * <p>This class holds the state, the knobs and what tests inspect. The rest, one concern each:
 * {@link ArmHttp} (the front door: auth, api-version, throttling, faults, counting), {@link
 * Throttling} (Compute's and ARM's token buckets), {@link Router} (which handler serves a path),
 * {@link ScaleSetRules}, {@link CreateTimeRules} and {@link ScaleSetLimits} (what ARM refuses),
 * {@link ScaleSetWrites} (what writes do), {@link Operations} (long-running operations and their
 * polls), {@link Clockwork} (time passing: boots, deletes, rolling upgrades), {@link AppHealth}
 * (what the health extension reports) and {@link Defaults} (what GET reports that nobody set).
 */
public final class ArmEmulator implements AutoCloseable {
  private final ObjectMapper json = new ObjectMapper();
  private final ScheduledExecutorService ticker =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "arm-emulator-tick");
            t.setDaemon(true);
            return t;
          });
  private final ArmHttp http;
  private final ScheduledFuture<?> ticking;

  /** Scale sets by lower-cased resource id; guarded by this emulator's lock. */
  final Map<String, EmulatedScaleSet> scaleSets = new TreeMap<>();

  /** Requests by operation name ({@link ArmPaths#classify}). */
  final Map<String, AtomicInteger> counters = new ConcurrentHashMap<>();

  /**
   * Runs after a request took effect and before its answer is sent (e.g. a crash test killing the
   * client there: the nastiest moment, as the client never learns what happened).
   */
  public volatile Runnable afterEachRequest;

  final Set<String> apiVersions = ConcurrentHashMap.newKeySet();
  final Map<String, JsonNode> lastBodies = new ConcurrentHashMap<>();

  public final Faults faults = new Faults();

  /** Compute's and ARM's throttling (token buckets, 429 + Retry-After); off unless enabled. */
  public final Throttling throttling = new Throttling();

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

  /** The next N operations end {@code Failed} (ARM's retryable {@code InternalExecutionError}). */
  public final AtomicInteger failNextOperations = new AtomicInteger();

  /**
   * The next operation ends {@code Failed} with this error code and message, an error ARM reports
   * in the operation rather than in its answer to the write (e.g. a scale-out that runs into the
   * subscription's core quota or finds no capacity, {@code AllocationFailed}); null: none.
   */
  public final java.util.concurrent.atomic.AtomicReference<String[]> failNextOperationWith =
      new java.util.concurrent.atomic.AtomicReference<>();

  /** Image URNs ({@code publisher:offer:sku:version}) ARM answers "not available" for. */
  public final Set<String> unavailableImages = ConcurrentHashMap.newKeySet();

  /**
   * Fill in, on GET and list, the defaults ARM reports for properties the client never set ({@link
   * Defaults}); on by default, as on ARM.
   */
  public volatile boolean fillDefaults = true;

  /** The OS disk size of every image, in GB: a smaller {@code diskSizeGB} is refused. */
  public volatile int imageDiskSizeGb = 30;

  /** The newest version of every platform image: what {@code latest} resolves to. */
  public volatile String latestImageVersion = "1.0.0";

  /** The subscription's regional vCPU quota; scale sets beyond it are refused. */
  public volatile long regionalCoreQuota = Long.MAX_VALUE;

  /** What the application on every machine answers the Application Health extension. */
  public volatile Application application = Application.PLAIN_200;

  /**
   * The one resource group the caller's role is assigned on, or null for a role on the whole
   * subscription. Requests outside that scope (a subscription-wide list, another group) are
   * answered as ARM answers a scope no role covers ({@link Rbac}).
   */
  public volatile String roleResourceGroup;

  private ArmEmulator(String token, SSLContext tls, TokenIssuer issuer) throws IOException {
    Operations operations = new Operations(this);
    Router router = new Router(this, operations, new ScaleSetWrites(this, operations));
    http = new ArmHttp(this, router, token, tls, issuer);
    Clockwork clock = new Clockwork(this, operations);
    ticking = ticker.scheduleWithFixedDelay(clock::tick, 20, 20, TimeUnit.MILLISECONDS);
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
  public static ArmEmulator startTls(String token, SSLContext tls, TokenIssuer issuer)
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
    return http.endpoint();
  }

  @Override
  public void close() {
    ticking.cancel(false);
    ticker.shutdownNow();
    http.stop();
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
    String id = ArmPaths.id(subscription, resourceGroup, name);
    EmulatedScaleSet s =
        new EmulatedScaleSet(this, id, resourceGroup, name, body, System.currentTimeMillis());
    s.provisioningState = "Succeeded";
    s.reconcileCapacity(System.currentTimeMillis());
    scaleSets.put(id.toLowerCase(Locale.ROOT), s);
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
    return Optional.ofNullable(s).map(x -> x.renderStored(true));
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

  /** The scale sets of one resource group. */
  List<EmulatedScaleSet> inGroup(String subscription, String resourceGroup) {
    List<EmulatedScaleSet> out = new ArrayList<>();
    String prefix =
        ("/subscriptions/" + subscription + "/resourceGroups/" + resourceGroup + "/")
            .toLowerCase(Locale.ROOT);
    for (EmulatedScaleSet s : scaleSets.values())
      if (s.id.toLowerCase(Locale.ROOT).startsWith(prefix)) out.add(s);
    return out;
  }
}
