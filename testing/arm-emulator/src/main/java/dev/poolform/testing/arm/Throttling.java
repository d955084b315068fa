package dev.poolform.testing.arm;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Request throttling as ARM and the Compute resource provider do it, when {@link #enabled}: token
 * buckets that each request takes one token from, refilled continuously, and a 429 when a bucket is
 * empty.
 *
 * <p>Compute's policies and their sizes are "Compute throttling limits"
 * (https://learn.microsoft.com/azure/virtual-machines/compute-throttling-limits): per resource and
 * per subscription, a maximum capacity and a refill rate per minute, for scale sets (Put, Update,
 * Delete, Low Cost Get, High Cost Get; the lists are subscription-level only), scale set VMs (Get,
 * Delete), VMs (Low Cost Get, High Cost Get, Delete) and operation status polls (Get Operation).
 * Where that table does not list an operation the emulator serves, the bucket it uses here is our
 * choice, marked below. Azure Resource Manager itself keeps per-subscription buckets of 250 reads
 * (25 a second) and 200 writes and deletes (10 a second)
 * (https://learn.microsoft.com/azure/azure-resource-manager/management/request-limits-and-throttling).
 *
 * <p>Every response carries {@code x-ms-ratelimit-remaining-resource} ({@code
 * Microsoft.Compute/<policy>;<remaining>} pairs, comma-separated, as in the recorded sessions; the
 * policy names here are ours, as Microsoft publishes none for the token-bucket policies), {@code
 * x-ms-ratelimit-remaining-subscription-reads|writes|deletes} and {@code x-ms-request-charge}. A
 * 429 carries {@code Retry-After} (seconds until a token is back) except every {@link
 * #omitRetryAfterEvery}th, since ARM does not always send it.
 */
public final class Throttling {
  /**
   * One Compute policy: refill per minute and capacity, for one resource (0: the policy is
   * subscription-level only) and for the subscription.
   */
  record Policy(
      String name,
      int resourceRefill,
      int resourceCapacity,
      int subscriptionRefill,
      int subscriptionCapacity) {}

  static final Policy PUT_VMSS = new Policy("PutVMScaleSet", 4, 12, 125, 375);
  static final Policy UPDATE_VMSS = new Policy("UpdateVMScaleSet", 4, 12, 500, 1500);
  static final Policy DELETE_VMSS = new Policy("DeleteVMScaleSet", 4, 12, 175, 525);
  static final Policy LOW_COST_GET_VMSS = new Policy("LowCostGetVMScaleSet", 12, 36, 800, 2400);
  static final Policy HIGH_COST_GET_VMSS = new Policy("HighCostGetVMScaleSet", 0, 0, 360, 1080);
  static final Policy GET_VMSS_VM = new Policy("GetVMScaleSetVM", 12, 36, 2000, 6000);
  static final Policy DELETE_VMSS_VM = new Policy("DeleteVMScaleSetVM", 4, 12, 500, 1500);
  static final Policy LOW_COST_GET_VM = new Policy("LowCostGetVM", 12, 36, 8000, 24000);
  static final Policy HIGH_COST_GET_VM = new Policy("HighCostGetVM", 0, 0, 300, 900);
  static final Policy DELETE_VM = new Policy("DeleteVM", 4, 12, 500, 1500);
  static final Policy GET_OPERATION = new Policy("GetOperation", 15, 45, 5000, 15000);

  /** Whether requests are throttled at all; off by default, so most tests need not wait. */
  public volatile boolean enabled;

  /** Every Nth 429 comes without Retry-After. */
  public volatile int omitRetryAfterEvery = 3;

  private final Map<String, Bucket> buckets = new TreeMap<>();
  private int throttled;

  /** A token bucket; capacity and refill per millisecond. */
  private static final class Bucket {
    final double capacity;
    final double perMilli;
    double tokens;
    long at;
    double lowest;

    Bucket(double capacity, double perMilli, long now) {
      this.capacity = capacity;
      this.perMilli = perMilli;
      this.tokens = capacity;
      this.at = now;
      this.lowest = capacity;
    }

    void refill(long now) {
      tokens = Math.min(capacity, tokens + (now - at) * perMilli);
      at = now;
    }

    /** Milliseconds until one token is back. */
    long millisUntilToken(long now) {
      refill(now);
      return tokens >= 1 ? 0 : (long) Math.ceil((1 - tokens) / perMilli);
    }
  }

  /** What throttling decided for one request. */
  record Decision(long retryAfterMillis, Map<String, String> headers) {
    boolean throttled() {
      return retryAfterMillis > 0;
    }
  }

  /** The Compute policy an operation (an {@link ArmPaths#classify} name) counts against. */
  static Policy policy(String operation, boolean creates) {
    return switch (operation) {
      case "createOrUpdate" -> creates ? PUT_VMSS : UPDATE_VMSS;
      // Manual and OS upgrades are not in the table: counted as scale set updates (our choice).
      case "update", "rollingUpgradeCancel", "manualUpgrade", "osRollingUpgrade" -> UPDATE_VMSS;
      case "delete" -> DELETE_VMSS;
      case "get", "rollingUpgradeLatest" -> LOW_COST_GET_VMSS;
      case "listByResourceGroup", "listAll" -> HIGH_COST_GET_VMSS;
      // The VMSS-VM list is not in the table: counted as a Get of scale set VMs (our choice).
      case "listVMs", "getVM" -> GET_VMSS_VM;
      // The batch delete action is not in the table: counted as a delete of scale set VMs.
      case "deleteInstances", "deleteVM" -> DELETE_VMSS_VM;
      case "listVirtualMachines", "listAllVirtualMachines" -> HIGH_COST_GET_VM;
      case "getVirtualMachine" -> LOW_COST_GET_VM;
      case "deleteVirtualMachine" -> DELETE_VM;
      case "operationStatus" -> GET_OPERATION;
      default -> null;
    };
  }

  /**
   * Takes a token for a request from every bucket it counts against, or none if one of them is
   * empty (then the request is throttled).
   *
   * @param resource the resource the policy's resource-level bucket is kept for (scale set id, VM
   *     id, operation id)
   * @param method the HTTP method: which of ARM's subscription buckets counts it
   */
  synchronized Decision take(
      String operation,
      boolean creates,
      String method,
      String subscription,
      String resource,
      long now) {
    Map<String, String> headers = new TreeMap<>();
    headers.put("x-ms-request-charge", "1");
    if (!enabled) return new Decision(0, headers);
    String armKind =
        switch (method) {
          case "GET" -> "reads";
          case "DELETE" -> "deletes";
          default -> "writes";
        };
    List<String> keys = new ArrayList<>();
    List<String> names = new ArrayList<>();
    String armKey = "arm/" + armKind + "|" + subscription;
    // ARM: reads 250, refilled 25 a second; writes and deletes 200, refilled 10 a second.
    bucket(armKey, armKind.equals("reads") ? 250 : 200, armKind.equals("reads") ? 1500 : 600, now);
    keys.add(armKey);
    Policy p = policy(operation, creates);
    if (p != null) {
      if (p.resourceCapacity() > 0) {
        String k = p.name() + "|" + resource.toLowerCase(java.util.Locale.ROOT);
        bucket(k, p.resourceCapacity(), p.resourceRefill(), now);
        keys.add(k);
        names.add(p.name());
      }
      String k = p.name() + "Subscription|" + subscription;
      bucket(k, p.subscriptionCapacity(), p.subscriptionRefill(), now);
      keys.add(k);
      names.add(p.name() + "Subscription");
    }
    long wait = 0;
    for (String k : keys) wait = Math.max(wait, buckets.get(k).millisUntilToken(now));
    if (wait == 0) {
      for (String k : keys) {
        Bucket b = buckets.get(k);
        b.tokens -= 1;
        b.lowest = Math.min(b.lowest, b.tokens);
      }
    } else {
      throttled++;
    }
    headers.put(
        "x-ms-ratelimit-remaining-subscription-" + armKind,
        Long.toString((long) Math.floor(buckets.get(armKey).tokens)));
    if (!names.isEmpty()) {
      StringBuilder v = new StringBuilder();
      for (int i = 0; i < names.size(); i++) {
        if (v.length() > 0) v.append(',');
        v.append("Microsoft.Compute/")
            .append(names.get(i))
            .append(';')
            .append((long) Math.floor(buckets.get(keys.get(i + 1)).tokens));
      }
      headers.put("x-ms-ratelimit-remaining-resource", v.toString());
    }
    if (wait > 0 && (omitRetryAfterEvery <= 0 || throttled % omitRetryAfterEvery != 0))
      headers.put("Retry-After", Long.toString((wait + 999) / 1000));
    return new Decision(wait, headers);
  }

  /** The bucket of a key, created full: its capacity and refill in tokens per minute. */
  private void bucket(String key, double capacity, double perMinute, long now) {
    buckets.computeIfAbsent(key, k -> new Bucket(capacity, perMinute / 60_000.0, now));
  }

  /**
   * Empties a Compute policy's bucket for one resource, as a burst of requests would have, so a
   * test gets a throttled request without racing the refill on a slow machine.
   *
   * @param policy a policy name as the headers give it, e.g. {@code UpdateVMScaleSet}
   * @param resource the resource's id (a scale set's), as ARM addresses it
   */
  public synchronized void empty(String policy, String resource) {
    Policy p =
        java.util.stream.Stream.of(
                PUT_VMSS,
                UPDATE_VMSS,
                DELETE_VMSS,
                LOW_COST_GET_VMSS,
                HIGH_COST_GET_VMSS,
                GET_VMSS_VM,
                DELETE_VMSS_VM,
                LOW_COST_GET_VM,
                HIGH_COST_GET_VM,
                DELETE_VM,
                GET_OPERATION)
            .filter(x -> x.name().equals(policy) && x.resourceCapacity() > 0)
            .findFirst()
            .orElseThrow(() -> new IllegalArgumentException("no per-resource policy " + policy));
    long now = System.currentTimeMillis();
    String k = p.name() + "|" + resource.toLowerCase(java.util.Locale.ROOT);
    bucket(k, p.resourceCapacity(), p.resourceRefill(), now);
    Bucket b = buckets.get(k);
    b.refill(now);
    b.tokens = 0;
    b.lowest = 0;
  }

  /** Requests answered 429 so far. */
  public synchronized int throttledCount() {
    return throttled;
  }

  /**
   * For every bucket used, the lowest share of its capacity it held (0..1) after a request was
   * charged: what a client that never uses more than half of a bucket keeps at 0.5 or above.
   */
  public synchronized Map<String, Double> lowestShares() {
    Map<String, Double> out = new TreeMap<>();
    buckets.forEach((k, b) -> out.put(k, b.lowest / b.capacity));
    return out;
  }

  /** Starts every bucket afresh (full) and forgets the counts. */
  public synchronized void reset() {
    buckets.clear();
    throttled = 0;
  }
}
