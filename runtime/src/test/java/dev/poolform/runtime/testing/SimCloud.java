package dev.poolform.runtime.testing;

import dev.poolform.runtime.provider.CapacityRequest;
import dev.poolform.runtime.provider.CloudProvider;
import dev.poolform.runtime.provider.CloudSession;
import dev.poolform.runtime.provider.CloudTarget;
import dev.poolform.runtime.provider.GroupRef;
import dev.poolform.runtime.provider.GroupSpec;
import dev.poolform.runtime.provider.ObservedGroup;
import dev.poolform.runtime.provider.ObservedMachine;
import dev.poolform.runtime.provider.ObservedMachine.MachineState;
import dev.poolform.runtime.provider.ProviderContext;
import dev.poolform.runtime.provider.ProviderException;
import dev.poolform.stdlib.value.MapValue;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * A fast, deterministic scaling-group cloud for engine tests (kind {@code sim}). Groups keep their
 * desired size by launching machines from their current model (spec hash); machines boot in {@code
 * bootTime} on the shared {@link Clock}. Tests inject failures, count calls, and observe every step
 * to check rollout invariants.
 */
public final class SimCloud implements CloudProvider {
  public final class Machine {
    public final String id;
    public final String specHash;
    public final Instant launchedAt;
    public boolean fails;
    public Instant unhealthySince;

    /** Boot time when launched: changing the cloud's later does not re-boot running machines. */
    final Duration bootTime = SimCloud.this.bootTime;

    Machine(String id, String specHash, Instant launchedAt, boolean fails) {
      this.id = id;
      this.specHash = specHash;
      this.launchedAt = launchedAt;
      this.fails = fails;
    }

    public MachineState state(Instant now) {
      if (now.isBefore(launchedAt.plus(bootTime))) {
        return now.isBefore(launchedAt.plus(bootTime.dividedBy(2)))
            ? MachineState.PENDING
            : MachineState.RUNNING;
      }
      if (fails) return MachineState.FAILED;
      if (unhealthySince != null) return MachineState.UNHEALTHY;
      return MachineState.HEALTHY;
    }

    public ObservedMachine observe(Instant now) {
      MachineState s = state(now);
      Optional<Instant> hs =
          s == MachineState.HEALTHY || s == MachineState.UNHEALTHY
              ? Optional.of(launchedAt.plus(bootTime))
              : Optional.empty();
      Optional<Instant> bad =
          s == MachineState.UNHEALTHY ? Optional.of(unhealthySince) : Optional.empty();
      return new ObservedMachine(
          id, Optional.of("z1"), Optional.of(specHash), s, launchedAt, hs, bad);
    }
  }

  public final class Group {
    public final String name;
    public final String cloudId;
    public long min;
    public long max;
    public long desired;
    public String specHash;
    public Map<String, String> tags;
    public final List<Machine> machines = new ArrayList<>();
    public int updateModels;
    public String token;

    Group(String name, String cloudId) {
      this.name = name;
      this.cloudId = cloudId;
    }

    /**
     * Makes the group look as if another build had made it with spec hash {@code hash}: the group's
     * and every machine's hash (ids and launch times stay).
     */
    public void rehash(String hash) {
      specHash = hash;
      if (tags != null && tags.containsKey("poolform:spec-hash")) {
        tags = new java.util.HashMap<>(tags);
        tags.put("poolform:spec-hash", hash);
      }
      machines.replaceAll(
          m -> {
            Machine n = new Machine(m.id, hash, m.launchedAt, m.fails);
            n.unhealthySince = m.unhealthySince;
            return n;
          });
    }

    /** Launches or removes machines until the count matches desired (newest removed first). */
    void reconcile() {
      while (machines.size() < desired) {
        boolean fail = failNext.get() > 0 && failNext.getAndDecrement() > 0;
        machines.add(
            new Machine(name + "-m" + seq.incrementAndGet(), specHash, clock.instant(), fail));
      }
      while (machines.size() > desired) machines.remove(machines.size() - 1);
    }

    ObservedGroup observe() {
      return new ObservedGroup(
          new GroupRef(tags.getOrDefault("poolform:address", ""), name, cloudId),
          min,
          max,
          desired,
          Optional.ofNullable(specHash),
          MapValue.EMPTY,
          tags,
          machines.size(),
          Optional.empty());
    }
  }

  public final Clock clock;
  public Duration bootTime = Duration.ofSeconds(10);
  public final Map<String, Group> groups = new LinkedHashMap<>();
  public final AtomicInteger failNext = new AtomicInteger();
  public final AtomicInteger seq = new AtomicInteger();
  public final Map<String, AtomicInteger> calls = new TreeMap<>();

  /** Every SPI call's operation, in order (what a test of call order reads). */
  public final List<String> callLog = java.util.Collections.synchronizedList(new ArrayList<>());

  /** Operation (e.g. {@code create}, {@code setCapacity}) -> group names that fail it. */
  public final Map<String, Set<String>> failing = new HashMap<>();

  /** Called after every SPI call with the group it touched. */
  public volatile Consumer<Group> observer = g -> {};

  /** Artificial latency per mutating call (real sleep, for parallelism tests). */
  public volatile Duration latency = Duration.ZERO;

  private final Set<String> immutable;

  /** When set, sessions offer a cloud-run rollout that takes this long. */
  public volatile Duration cloudRolloutTime;

  public final Map<String, Instant> cloudRolloutStarted = new HashMap<>();
  public final Set<String> cloudRolloutCancelled = new java.util.HashSet<>();
  public final AtomicInteger inFlight = new AtomicInteger();
  public final AtomicInteger maxInFlight = new AtomicInteger();

  /**
   * When set, the next create makes its group and then "kills the process": it throws {@link
   * Crash}, which no engine code catches, so the state write after the call never happens — what a
   * SIGKILL between the create call and the state write leaves behind.
   */
  public volatile boolean crashAfterNextCreate;

  /**
   * Groups {@code findOwned} reports as partial (like an AWS launch template without its group).
   */
  public final Set<String> partial = java.util.concurrent.ConcurrentHashMap.newKeySet();

  /**
   * When true, groups rebalance on their own unless suspended (like AWS's AZRebalance): sessions
   * then suspend and resume it around Poolform's rollouts.
   */
  public volatile boolean rebalances;

  /** Groups whose rebalancing is suspended. */
  public final Set<String> rebalancingSuspended =
      java.util.concurrent.ConcurrentHashMap.newKeySet();

  /** When set, the next suspension of rebalancing goes through and then "kills the process". */
  public volatile boolean crashAfterNextSuspend;

  /** A simulated process death; an Error so that no {@code catch (RuntimeException)} absorbs it. */
  public static final class Crash extends Error {
    Crash() {
      this("simulated kill after the create call");
    }

    Crash(String what) {
      super(what);
    }
  }

  public SimCloud(Clock clock) {
    this(clock, Set.of("machine.orchestration"));
  }

  public SimCloud(Clock clock, Set<String> immutable) {
    this.clock = clock;
    this.immutable = immutable;
  }

  @Override
  public String kind() {
    return "sim";
  }

  @Override
  public Set<String> immutableAttributes() {
    return immutable;
  }

  public int calls(String op) {
    return calls.getOrDefault(op, new AtomicInteger()).get();
  }

  public synchronized Group group(String name) {
    return groups.get(name);
  }

  @Override
  public CloudSession connect(CloudTarget cloud, ProviderContext context) {
    return new Session();
  }

  private final class Session implements CloudSession {
    private void count(String op, String group) throws ProviderException {
      calls.computeIfAbsent(op, k -> new AtomicInteger()).incrementAndGet();
      callLog.add(op);
      if (failing.getOrDefault(op, Set.of()).contains(group)) {
        throw new ProviderException(
            ProviderException.Kind.INVALID_VALUE,
            "SimError",
            "machine.size",
            "the sim cloud refuses " + op + " of " + group,
            null);
      }
    }

    private void slow() {
      if (latency.isZero()) return;
      int n = inFlight.incrementAndGet();
      maxInFlight.accumulateAndGet(n, Math::max);
      try {
        Thread.sleep(latency.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } finally {
        inFlight.decrementAndGet();
      }
    }

    private Group find(GroupRef ref) throws ProviderException {
      Group g = groups.get(ref.name());
      if (g == null || !g.cloudId.equals(ref.cloudId())) {
        throw new ProviderException(ProviderException.Kind.NOT_FOUND, "no group " + ref.name());
      }
      return g;
    }

    @Override
    public Map<String, ObservedGroup> read(Collection<GroupRef> refs) throws ProviderException {
      synchronized (SimCloud.this) {
        count("read", "");
        Map<String, ObservedGroup> out = new HashMap<>();
        for (GroupRef r : refs) {
          Group g = groups.get(r.name());
          if (g != null && g.cloudId.equals(r.cloudId())) {
            g.reconcile();
            ObservedGroup o = g.observe();
            out.put(
                r.address(),
                new ObservedGroup(
                    r,
                    o.min(),
                    o.max(),
                    o.desired(),
                    o.specHash(),
                    o.machine(),
                    o.tags(),
                    o.instanceCount(),
                    o.cloudRollout()));
          }
        }
        return out;
      }
    }

    @Override
    public List<ObservedGroup> findOwned(String lineage) throws ProviderException {
      synchronized (SimCloud.this) {
        count("findOwned", "");
        List<ObservedGroup> out = new ArrayList<>();
        for (Group g : groups.values()) {
          if (!lineage.equals(g.tags.get("poolform:lineage"))) continue;
          ObservedGroup o = g.observe();
          out.add(
              partial.contains(g.name)
                  ? new ObservedGroup(
                      o.ref(),
                      0,
                      0,
                      0,
                      Optional.empty(),
                      o.machine(),
                      o.tags(),
                      0,
                      Optional.empty(),
                      true)
                  : o);
        }
        return out;
      }
    }

    @Override
    public List<ObservedMachine> machines(GroupRef ref) throws ProviderException {
      synchronized (SimCloud.this) {
        count("machines", ref.name());
        Group g = find(ref);
        g.reconcile();
        Instant now = clock.instant();
        List<ObservedMachine> out = g.machines.stream().map(m -> m.observe(now)).toList();
        observer.accept(g);
        return out;
      }
    }

    @Override
    public GroupRef create(GroupSpec spec, CapacityRequest capacity, String token)
        throws ProviderException {
      slow();
      synchronized (SimCloud.this) {
        count("create", spec.name());
        Group existing = groups.get(spec.name());
        if (existing != null) {
          if (token.equals(existing.token))
            return new GroupRef(spec.address(), existing.name, existing.cloudId);
          throw new ProviderException(
              ProviderException.Kind.CONFLICT, "group " + spec.name() + " exists");
        }
        Group g = new Group(spec.name(), "sim-" + spec.name() + "-" + seq.incrementAndGet());
        g.min = capacity.min();
        g.max = capacity.max();
        g.desired = capacity.desired().orElse(capacity.min());
        g.specHash = spec.specHash();
        g.tags = new LinkedHashMap<>(spec.tags());
        g.token = token;
        groups.put(g.name, g);
        g.reconcile();
        observer.accept(g);
        if (crashAfterNextCreate) {
          crashAfterNextCreate = false;
          throw new Crash();
        }
        return new GroupRef(spec.address(), g.name, g.cloudId);
      }
    }

    @Override
    public void updateModel(GroupRef ref, GroupSpec spec) throws ProviderException {
      slow();
      synchronized (SimCloud.this) {
        count("updateModel", ref.name());
        Group g = find(ref);
        g.specHash = spec.specHash();
        g.updateModels++;
        observer.accept(g);
      }
    }

    @Override
    public void updateMetadata(GroupRef ref, GroupSpec spec) throws ProviderException {
      slow();
      synchronized (SimCloud.this) {
        count("updateMetadata", ref.name());
        Group g = find(ref);
        Map<String, String> tags = new LinkedHashMap<>(spec.tags());
        tags.put("poolform:spec-hash", g.specHash);
        g.tags = tags;
      }
    }

    @Override
    public void setCapacity(GroupRef ref, CapacityRequest c) throws ProviderException {
      slow();
      synchronized (SimCloud.this) {
        count("setCapacity", ref.name());
        Group g = find(ref);
        long d = c.desired().orElse(Math.max(c.min(), Math.min(c.max(), g.desired)));
        if (c.min() > d || d > c.max()) {
          throw new ProviderException(
              ProviderException.Kind.INVALID_VALUE,
              "ValidationError",
              "capacity",
              "desired " + d + " outside [" + c.min() + ", " + c.max() + "]",
              null);
        }
        g.min = c.min();
        g.max = c.max();
        g.desired = d;
        g.reconcile();
        observer.accept(g);
      }
    }

    @Override
    public void terminate(GroupRef ref, List<String> ids, boolean decrementDesired)
        throws ProviderException {
      slow();
      synchronized (SimCloud.this) {
        count("terminate", ref.name());
        Group g = find(ref);
        for (String id : ids) {
          boolean removed = g.machines.removeIf(m -> m.id.equals(id));
          if (!removed)
            throw new ProviderException(ProviderException.Kind.NOT_FOUND, "no machine " + id);
          if (decrementDesired) {
            if (g.desired - 1 < g.min) {
              throw new ProviderException(
                  ProviderException.Kind.CONFLICT, "desired would go below min");
            }
            g.desired--;
          }
        }
        g.reconcile();
        observer.accept(g);
      }
    }

    @Override
    public void release(GroupRef ref) throws ProviderException {
      synchronized (SimCloud.this) {
        count("release", ref.name());
        Group g = find(ref);
        Map<String, String> tags = new LinkedHashMap<>(g.tags);
        tags.remove("poolform:address");
        tags.remove("poolform:lineage");
        g.tags = tags;
      }
    }

    @Override
    public boolean suspendRebalancing(GroupRef ref) throws ProviderException {
      synchronized (SimCloud.this) {
        count("suspendRebalancing", ref.name());
        find(ref);
        if (!rebalances || !rebalancingSuspended.add(ref.name())) return false;
        if (crashAfterNextSuspend) {
          crashAfterNextSuspend = false;
          throw new Crash("simulated kill after suspending rebalancing");
        }
        return true;
      }
    }

    @Override
    public void resumeRebalancing(GroupRef ref) throws ProviderException {
      synchronized (SimCloud.this) {
        count("resumeRebalancing", ref.name());
        find(ref);
        rebalancingSuspended.remove(ref.name());
      }
    }

    @Override
    public void delete(GroupRef ref) throws ProviderException {
      slow();
      synchronized (SimCloud.this) {
        count("delete", ref.name());
        find(ref);
        groups.remove(ref.name());
      }
    }

    @Override
    public Optional<dev.poolform.runtime.provider.CloudRollouts> cloudRollouts() {
      if (cloudRolloutTime == null) return Optional.empty();
      return Optional.of(
          new dev.poolform.runtime.provider.CloudRollouts() {
            @Override
            public String start(
                GroupRef ref,
                dev.poolform.ir.IrRollout rollout,
                dev.poolform.ir.IrCapacity capacity)
                throws ProviderException {
              synchronized (SimCloud.this) {
                count("cloudRolloutStart", ref.name());
                find(ref);
                cloudRolloutStarted.put(ref.name(), clock.instant());
                return "refresh-" + seq.incrementAndGet();
              }
            }

            @Override
            public Optional<dev.poolform.runtime.provider.CloudRolloutStatus> status(GroupRef ref)
                throws ProviderException {
              synchronized (SimCloud.this) {
                Group g = find(ref);
                Instant start = cloudRolloutStarted.get(ref.name());
                if (start == null) return Optional.empty();
                String id = "refresh";
                if (cloudRolloutCancelled.contains(ref.name())) {
                  return Optional.of(
                      new dev.poolform.runtime.provider.CloudRolloutStatus(
                          id,
                          dev.poolform.runtime.provider.CloudRolloutStatus.Phase.CANCELLED,
                          0,
                          "cancelled"));
                }
                long pct =
                    Math.min(
                        100,
                        Duration.between(start, clock.instant()).toMillis()
                            * 100
                            / Math.max(1, cloudRolloutTime.toMillis()));
                if (pct >= 100) {
                  List<Machine> fresh = new ArrayList<>();
                  for (Machine m : g.machines)
                    fresh.add(
                        m.specHash.equals(g.specHash)
                            ? m
                            : new Machine(m.id + "r", g.specHash, clock.instant(), false));
                  g.machines.clear();
                  g.machines.addAll(fresh);
                  return Optional.of(
                      new dev.poolform.runtime.provider.CloudRolloutStatus(
                          id,
                          dev.poolform.runtime.provider.CloudRolloutStatus.Phase.SUCCEEDED,
                          100,
                          ""));
                }
                return Optional.of(
                    new dev.poolform.runtime.provider.CloudRolloutStatus(
                        id,
                        dev.poolform.runtime.provider.CloudRolloutStatus.Phase.IN_PROGRESS,
                        (int) pct,
                        ""));
              }
            }

            @Override
            public void cancel(GroupRef ref) {
              synchronized (SimCloud.this) {
                cloudRolloutCancelled.add(ref.name());
              }
            }
          });
    }

    @Override
    public Optional<ObservedGroup> adopt(String cloudId) {
      synchronized (SimCloud.this) {
        return groups.values().stream()
            .filter(g -> g.cloudId.equals(cloudId))
            .findFirst()
            .map(Group::observe);
      }
    }
  }
}
