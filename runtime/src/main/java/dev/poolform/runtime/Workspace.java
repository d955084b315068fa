package dev.poolform.runtime;

import dev.poolform.ir.IrBackend;
import dev.poolform.ir.IrCloud;
import dev.poolform.ir.IrConfig;
import dev.poolform.ir.IrPool;
import dev.poolform.runtime.backend.Backends;
import dev.poolform.runtime.backend.LocalBackend;
import dev.poolform.runtime.backend.StateBackend;
import dev.poolform.runtime.backend.StateHeader;
import dev.poolform.runtime.engine.Applier;
import dev.poolform.runtime.engine.ApplyOptions;
import dev.poolform.runtime.engine.ApplyOutcome;
import dev.poolform.runtime.engine.DriftAcceptance;
import dev.poolform.runtime.engine.Intents;
import dev.poolform.runtime.engine.Interruption;
import dev.poolform.runtime.engine.PlanOutcome;
import dev.poolform.runtime.engine.Planner;
import dev.poolform.runtime.engine.PoolResult;
import dev.poolform.runtime.engine.Problem;
import dev.poolform.runtime.engine.Sessions;
import dev.poolform.runtime.engine.StatePersister;
import dev.poolform.runtime.engine.StepContext;
import dev.poolform.runtime.event.ApplyListener;
import dev.poolform.runtime.observe.CloudEvents;
import dev.poolform.runtime.observe.FleetStatus;
import dev.poolform.runtime.observe.Observation;
import dev.poolform.runtime.observe.StatusReader;
import dev.poolform.runtime.plan.LiveGroups;
import dev.poolform.runtime.plan.Plan;
import dev.poolform.runtime.plan.PlanFileException;
import dev.poolform.runtime.plan.PlanRequest;
import dev.poolform.runtime.plan.PoolChange;
import dev.poolform.runtime.provider.ProviderContext;
import dev.poolform.runtime.provider.ProviderException;
import dev.poolform.runtime.secret.KeyRing;
import dev.poolform.runtime.secret.KeySource;
import dev.poolform.runtime.secret.KeySources;
import dev.poolform.runtime.secret.Redactor;
import dev.poolform.runtime.secret.Sealer;
import dev.poolform.runtime.spec.PoolSpecs;
import dev.poolform.runtime.state.LockInfo;
import dev.poolform.runtime.state.ResourceState;
import dev.poolform.runtime.state.State;
import dev.poolform.runtime.state.StateException;
import dev.poolform.runtime.state.StateStore;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One configuration directory and its state file: what the CLI's runtime commands call.
 *
 * <p>Plan reads state and clouds without taking the lock. Apply, destroy, import and the state
 * commands take the lock for their whole run and fail at once if another process holds it (or wait
 * for it, {@link #waitForLock}).
 */
public final class Workspace {
  private final WorkspaceOptions options;
  private final StateStore store;
  private StateBackend backend;

  /** How long the next lock takes wait for another run's lock ({@code --lock-timeout}). */
  private volatile java.time.Duration lockWait = java.time.Duration.ZERO;

  private Workspace(WorkspaceOptions options) {
    this.options = options;
    this.store = new StateStore(options.resolvedStatePath(), options.clock(), options.owner());
  }

  /**
   * From now on, taking the lock waits up to {@code wait} for another run to release it ({@link
   * StateBackend#lock(String, java.time.Duration)}), then fails naming the holder.
   */
  public void waitForLock(java.time.Duration wait) {
    this.lockWait = wait;
  }

  /** Where the state is shared: the {@code state} block's backend, or the local file. */
  public synchronized StateBackend backend() throws StateException {
    if (backend == null)
      backend = Backends.open(options.backend(), store, options.clock(), options.environment());
    return backend;
  }

  /** What the backend had to say while this workspace ran (e.g. a fast-forward), in order. */
  public List<String> notices() {
    StateBackend b;
    synchronized (this) {
      b = backend;
    }
    return b == null ? List.of() : b.notices();
  }

  /**
   * What an apply with nothing to change still owes: the journal of an apply killed after its last
   * step is folded into the state file (a plan reads through it, so it finds nothing to do, but the
   * file git commits would lack those steps), and a state this clone has and the shared copy lacks
   * (a run whose push failed, or that was killed before it) is published. Takes the lock only when
   * there is something to do.
   */
  public void publish(String operation) throws StateException {
    boolean journal = Files.exists(store.journalPath(), LinkOption.NOFOLLOW_LINKS);
    if (backend() instanceof LocalBackend && !journal) return;
    // Reading under the lock folds a journal a dead apply left (StateStore#read).
    locked(operation, () -> store.read(Optional.empty()));
  }

  /** A body run under the lock. */
  private interface Locked<T, X extends Exception> {
    T run() throws StateException, X;
  }

  /**
   * Takes the backend's lock, brings the state up to date, runs {@code body}, and publishes the
   * state before the lock is released. A body that fails still publishes what it wrote (the steps
   * it took are real); when publishing fails the backend keeps the lock and says what to run.
   */
  private <T, X extends Exception> T locked(String operation, Locked<T, X> body)
      throws StateException, X {
    return locked(operation, new Interruption(), body);
  }

  /**
   * As {@link #locked(String, Locked)}, for a run that {@code interruption} may abort: an abort
   * leaves the lock as a crash would ({@link StateBackend.Lock#abandon}).
   */
  private <T, X extends Exception> T locked(
      String operation, Interruption interruption, Locked<T, X> body) throws StateException, X {
    StateBackend b = backend();
    try (StateBackend.Lock lock = take(b, operation)) {
      interruption.onAbort(lock::abandon);
      try {
        b.sync();
        boolean done = false;
        try {
          T result = body.run();
          done = true;
          lock.publish(operation);
          return result;
        } finally {
          if (!done) publishAfterFailure(lock, operation);
        }
      } finally {
        interruption.clear();
      }
    }
  }

  private StateBackend.Lock take(StateBackend b, String operation) throws StateException {
    try {
      return b.lock(operation, lockWait);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StateException(
          StateException.Kind.LOCKED,
          "Interrupted while waiting for the state lock; nothing was changed.",
          e);
    }
  }

  private static void publishAfterFailure(StateBackend.Lock lock, String operation) {
    try {
      lock.publish(operation);
    } catch (StateException | RuntimeException e) {
      // The lock is kept and the state is in the working file; the failure that brought us here
      // is what the user is told, and the next run names the lock.
    }
  }

  public static Workspace open(WorkspaceOptions options) {
    return new Workspace(options);
  }

  public WorkspaceOptions options() {
    return options;
  }

  public Path statePath() {
    return store.path();
  }

  /** Reads the state, refusing a corrupt, foreign, newer-format or older-than-seen one. */
  public State state() throws StateException {
    backend().sync();
    return store.read(Optional.empty());
  }

  /** Who holds the lock, if anyone. */
  public Optional<LockInfo> lockInfo() throws StateException {
    return backend().holder();
  }

  // ---------------------------------------------------------------- plan

  /**
   * Refreshes the clouds and diffs the configuration against state and live.
   *
   * @throws StateException also of kind {@code KEY}, when a secret's digest cannot be checked
   */
  public PlanResult plan(IrConfig config) throws StateException {
    return plan(config, PlanRequest.ALL);
  }

  /**
   * A plan as {@code request} asks: limited to targets, with forced replacements, or deleting every
   * pool in state (then {@code config} only lends its clouds' settings).
   */
  public PlanResult plan(IrConfig config, PlanRequest request) throws StateException {
    State state = state();
    Sealer.Sealed sealed = request.destroy() ? new Sealer.Sealed(config) : seal(config, state);
    Redactor redactor = Redactor.of(sealed.config());
    try (Sessions sessions = sessions(state)) {
      PlanOutcome o = plan(new Planner(sessions, options.clock()), sealed.config(), state, request);
      return new PlanResult(
          o.plan(), redactor.redactProblems(o.problems()), o.state(), keptIfOk(sealed, o));
    }
  }

  /** A destroy is planned against no pools; the configuration then only lends its clouds. */
  private PlanOutcome plan(Planner planner, IrConfig config, State state, PlanRequest request) {
    return request.destroy()
        ? planner.plan(new IrConfig(config.version(), List.of()), state, clouds(config), request)
        : planner.plan(config, state, List.of(), request);
  }

  /**
   * The fleet as it is now: the same reads as {@link #plan} (no lock, no change), seen per pool.
   */
  public FleetStatus status(IrConfig config) throws StateException {
    return observe(config, true).status();
  }

  /** One refresh, seen per pool and as a plan: what {@code pool watch} does every interval. */
  public Observation observe(IrConfig config) throws StateException {
    return observe(config, false);
  }

  /** As {@link #observe(IrConfig)}; {@code events}: with the clouds' own recent events too. */
  private Observation observe(IrConfig config, boolean events) throws StateException {
    State state = state();
    // As plan: secrets sealed to their digests, problems redacted, so the plan can be applied.
    Sealer.Sealed sealed = seal(config, state);
    Redactor redactor = Redactor.of(sealed.config());
    try (Sessions sessions = sessions(state)) {
      PlanOutcome o = new Planner(sessions, options.clock()).plan(sealed.config(), state);
      keptIfOk(sealed, o);
      PlanOutcome shown =
          new PlanOutcome(o.plan(), redactor.redactProblems(o.problems()), o.refresh(), o.state());
      FleetStatus status =
          StatusReader.read(sealed.config(), o.state(), shown, options.clock().instant());
      if (events && status.readOk())
        status = CloudEvents.add(status, o.state(), sessions, options.clock().instant());
      return new Observation(status, o.plan(), o.state());
    }
  }

  /** A plan that deletes every pool in state; {@code config} only lends its clouds' settings. */
  public PlanResult planDestroy(IrConfig config) throws StateException {
    return plan(config, PlanRequest.DESTROY_ALL);
  }

  // ---------------------------------------------------------------- apply

  /** Plans and applies in one go, under the lock. */
  public ApplyResult apply(IrConfig config, ApplyOptions applyOptions, ApplyListener listener)
      throws StateException {
    return apply(config, PlanRequest.ALL, applyOptions, listener);
  }

  /** Deletes every pool in state, under the lock. */
  public ApplyResult destroy(IrConfig config, ApplyOptions applyOptions, ApplyListener listener)
      throws StateException {
    return apply(config, PlanRequest.DESTROY_ALL, applyOptions, listener);
  }

  /**
   * Plans as {@code request} asks and applies that plan in one go, under the lock (a destroy
   * request deletes what it covers).
   */
  public ApplyResult apply(
      IrConfig config, PlanRequest request, ApplyOptions applyOptions, ApplyListener listener)
      throws StateException {
    return locked(
        request.destroy() ? "destroy" : "apply",
        applyOptions.interruption(),
        () -> applyLocked(config, request, applyOptions, listener));
  }

  private ApplyResult applyLocked(
      IrConfig config, PlanRequest request, ApplyOptions applyOptions, ApplyListener listener)
      throws StateException {
    State state = store.read(Optional.empty());
    Sealer.Sealed sealing = request.destroy() ? new Sealer.Sealed(config) : seal(config, state);
    IrConfig sealed = sealing.config();
    try (Sessions sessions = sessions(state)) {
      PlanOutcome o = plan(new Planner(sessions, options.clock()), sealed, state, request);
      Redactor redactor = Redactor.of(sealed);
      if (!o.ok())
        return new ApplyResult(o.plan(), List.of(), redactor.redactProblems(o.problems()), state);
      keptIfOk(sealing, o);
      return execute(o.plan().get(), sealed, o.state(), sessions, applyOptions, listener);
    }
  }

  /**
   * Applies a saved plan after checking it is not stale: the state's lineage and serial, the
   * configuration's hash and what the clouds show must all be as when it was made.
   *
   * @throws PlanFileException the plan is stale; the message says what moved
   */
  public ApplyResult applyPlan(
      Plan plan, IrConfig config, ApplyOptions applyOptions, ApplyListener listener)
      throws StateException, PlanFileException {
    return locked(
        "apply",
        applyOptions.interruption(),
        () -> applyPlanLocked(plan, config, applyOptions, listener));
  }

  private ApplyResult applyPlanLocked(
      Plan plan, IrConfig config, ApplyOptions applyOptions, ApplyListener listener)
      throws StateException, PlanFileException {
    State state;
    try {
      state = store.read(Optional.of(plan.priorLineage()));
    } catch (StateException e) {
      if (e.kind() == StateException.Kind.FOREIGN_LINEAGE) {
        throw new PlanFileException(
            "The saved plan is stale: it was made for state lineage "
                + plan.priorLineage()
                + ", and the state now has another. Run `pool plan` again.");
      }
      throw e;
    }
    if (state.serial() != plan.priorSerial()) {
      throw new PlanFileException(
          "The saved plan is stale: it was made against state serial "
              + plan.priorSerial()
              + ", and the state is now at serial "
              + state.serial()
              + ". Run `pool plan` again.");
    }
    // A destroy plan was made against no pools; the configuration then only lends its clouds.
    IrConfig none = new IrConfig(config.version(), List.of());
    boolean destroyPlan = plan.request().destroy();
    IrConfig sealed = destroyPlan ? config : seal(config, state).config();
    if (!destroyPlan && !PoolSpecs.configHash(sealed).equals(plan.configHash())) {
      throw new PlanFileException(
          "The saved plan is stale: the configuration, compiled again, gives other pools than"
              + " the plan was made for. Either its files changed since, or its variables have"
              + " other values: apply a saved plan with the same `--var` and `--var-file` options"
              + " (and POOL_VAR_ variables) as `pool plan` had. Otherwise run `pool plan` again.");
    }
    try (Sessions sessions = sessions(state)) {
      PlanOutcome now = plan(new Planner(sessions, options.clock()), sealed, state, plan.request());
      if (!now.ok()) {
        return new ApplyResult(
            Optional.of(plan),
            List.of(),
            Redactor.of(sealed).redactProblems(now.problems()),
            state);
      }
      if (!now.plan().get().liveFingerprint().equals(plan.liveFingerprint())) {
        List<String> moved = LiveGroups.changes(plan.live(), now.plan().get().live());
        throw new PlanFileException(
            "The saved plan is stale: the clouds changed since it was made"
                + (moved.isEmpty()
                    ? " (a group was resized, retagged, created or deleted)"
                    : ": " + String.join("; ", moved))
                + ". Run `pool plan` again.");
      }
      return execute(
          plan, destroyPlan ? none : sealed, now.state(), sessions, applyOptions, listener);
    }
  }

  private ApplyResult execute(
      Plan plan,
      IrConfig config,
      State state,
      Sessions sessions,
      ApplyOptions applyOptions,
      ApplyListener listener)
      throws StateException {
    if (plan.request().refreshOnly()) {
      State next =
          plan.drift().isEmpty() ? state : store.write(DriftAcceptance.accept(state, plan.drift()));
      return new ApplyResult(Optional.of(plan), List.of(), List.of(), next);
    }
    if (!plan.hasChanges() && state.pending().isEmpty()) {
      return new ApplyResult(Optional.of(plan), List.of(), List.of(), state);
    }
    Redactor redactor = Redactor.of(config);
    StatePersister persister = new StatePersister(store, state);
    // A second interrupt halts the process: first no state write may be under way, then the lock
    // goes (abort runs the most recent registration first).
    applyOptions
        .interruption()
        .onAbort(
            () -> {
              if (!persister.freeze(java.time.Duration.ofSeconds(5)))
                throw new IllegalStateException("a state write did not end: the lock stays");
            });
    sessions.pollEvery(applyOptions.pollInterval());
    StepContext ctx =
        new StepContext(
            options.clock(),
            options.sleeper(),
            new Intents(persister, options.clock()),
            redactor.guard(listener),
            applyOptions);
    ApplyOutcome out;
    try {
      out = new Applier(sessions, ctx).apply(plan, config);
    } finally {
      // The steps were journaled; the committed file becomes canonical again here. If this fails
      // (or the process dies first), the next command that takes the lock does it.
      store.compact();
    }
    List<PoolResult> pools = out.pools().stream().map(redactor::redact).toList();
    return new ApplyResult(Optional.of(plan), pools, List.of(), out.state());
  }

  // ---------------------------------------------------------------- state commands

  /** Addresses in state, sorted. */
  public List<String> stateList() throws StateException {
    return new ArrayList<>(state().resources().keySet());
  }

  public Optional<ResourceState> stateShow(String address) throws StateException {
    return state().resource(address);
  }

  /**
   * Forgets a pool and releases its cloud group: the group's Poolform tags are removed and the
   * state remembers it as released, so this configuration never adopts or deletes it again.
   */
  public ReleaseResult stateRm(String address) throws StateException {
    return locked("state rm", () -> edits().rm(address));
  }

  /** Renames a pool's address in state (after renaming it in the configuration). */
  public State stateMv(String from, String to) throws StateException {
    return locked("state mv", () -> edits().mv(from, to));
  }

  /**
   * Adopts an existing cloud group as pool {@code address} of {@code config}; a group another
   * state's lineage claims needs {@code force}.
   */
  public ImportResult importGroup(IrConfig config, String address, String cloudId, boolean force)
      throws StateException, ProviderException {
    return locked("import", () -> edits().importGroup(config, address, cloudId, force));
  }

  /**
   * What restoring the state in {@code file} would mean, changing nothing: {@code config} planned
   * against it and the live clouds (what the next apply would do if it were restored). Refuses a
   * file that is corrupt, of another configuration or of another lineage.
   */
  public PlanResult previewRestore(IrConfig config, Path file) throws StateException {
    backend().sync();
    State restored = store.readRestore(file);
    Sealer.Sealed sealed = seal(config, restored);
    try (Sessions sessions = sessions(restored)) {
      PlanOutcome o = new Planner(sessions, options.clock()).plan(sealed.config(), restored);
      return new PlanResult(
          o.plan(),
          Redactor.of(sealed.config()).redactProblems(o.problems()),
          restored,
          keptIfOk(sealed, o));
    }
  }

  /**
   * Makes the state in {@code file} the state again (after {@link #previewRestore}), under the
   * lock: its serial moves past every serial this workspace has seen, so it is read from now on,
   * and the file it replaces is kept as the backup. A shared backend publishes it.
   */
  public State restore(Path file) throws StateException {
    return locked("state restore", () -> store.restore(store.readRestore(file)));
  }

  private StateEdits edits() {
    return new StateEdits(
        store,
        this::sessions,
        options.clock(),
        (c, s) -> {
          // An import writes the digests into the state at once: their key is kept first.
          Sealer.Sealed sealed = seal(c, s);
          sealed.keep();
          return sealed.config();
        });
  }

  /**
   * The state key after {@code pool state rekey}: its id, where the keys are kept, and the secrets
   * whose digests still need an older key (key id to {@code "ADDRESS PATH"}; {@code ""} for the
   * unkeyed digests of a state from before format 3).
   */
  public record Rekeyed(String keyId, String where, SortedMap<String, List<String>> older) {
    public Rekeyed {
      older = Collections.unmodifiableSortedMap(new TreeMap<>(older));
    }
  }

  /**
   * Makes a new state key and puts it first, keeping the older ones to verify the digests they made
   * (docs/runtime.md#rotating-the-key). Changes no state: an unchanged secret keeps its digest, so
   * nothing rolls out.
   *
   * @throws StateException of kind {@code KEY}: the keys come from {@code POOLFORM_STATE_KEY}, or
   *     the state holds digests under a key this run does not have (a new key would split them)
   */
  public Rekeyed rekey() throws StateException {
    State state = state();
    KeySource source = keySource();
    SortedMap<String, List<String>> use = Sealer.keyUse(state);
    Optional<KeyRing> ring = source.ring();
    List<String> lacking =
        use.keySet().stream()
            .filter(id -> !id.isEmpty() && ring.flatMap(r -> r.find(id)).isEmpty())
            .toList();
    if (!lacking.isEmpty()) {
      throw new StateException(
          StateException.Kind.KEY,
          "The state holds secret digests made with state key "
              + String.join(", ", lacking)
              + ", which "
              + source.where()
              + " does not hold. Get that key first (from whoever applied this state) and put it"
              + " in "
              + source.where()
              + ": a new key alone would leave those digests unverifiable.");
    }
    KeyRing rotated = source.rotate();
    String current = rotated.current().id();
    SortedMap<String, List<String>> older = new TreeMap<>(use);
    older.remove(current);
    return new Rekeyed(current, source.where(), older);
  }

  /** Removes the lock if its id is {@code id}. */
  public LockInfo forceUnlock(String id) throws StateException {
    return backend().forceUnlock(id);
  }

  // ---------------------------------------------------------------- migrate

  /**
   * What {@link #migrate} did: the state of {@code lineage} at {@code serial} is kept in {@code
   * to}.
   */
  public record Migration(String from, String to, String lineage, long serial) {}

  /**
   * Copies the state from {@code source} (another {@code state} block; empty: the local file) to
   * this workspace's backend, lineage and serial kept. Both locks are held: the source's while its
   * newest state is brought into the working file, the target's while it is published there. The
   * target must hold no state, or this lineage at a serial no newer than the source's; anything
   * else is refused before anything is written. The source keeps its copy.
   */
  public Migration migrate(Optional<IrBackend> source) throws StateException {
    StateBackend from = Backends.open(source, store, options.clock(), options.environment());
    StateBackend to = backend();
    if (from.describe().equals(to.describe())) {
      throw new StateException(
          StateException.Kind.IO,
          "The state is already kept in "
              + to.describe()
              + ": the source and the target of the migration are the same.");
    }
    try (StateBackend.Lock held = from.lock("state migrate")) {
      from.sync();
      if (!java.nio.file.Files.exists(store.path())) {
        throw new StateException(
            StateException.Kind.MISSING,
            "There is no state in " + from.describe() + " to migrate; nothing was changed.");
      }
      State mine = store.read(Optional.empty());
      Optional<StateHeader> theirs = to.peek();
      if (theirs.isPresent()) {
        StateHeader t = theirs.get();
        if (!t.lineage().equals(mine.lineage())) {
          throw new StateException(
              StateException.Kind.FOREIGN_LINEAGE,
              to.describe()
                  + " already holds another state (lineage "
                  + t.lineage()
                  + "; this one is "
                  + mine.lineage()
                  + "). Nothing was changed: a migration never replaces another configuration's"
                  + " state. Point the `state` block elsewhere, or remove that state first if it"
                  + " is truly abandoned.");
        }
        if (t.serial() > mine.serial()) {
          throw new StateException(
              StateException.Kind.OLDER_SERIAL,
              to.describe()
                  + " already holds this state at serial "
                  + t.serial()
                  + ", newer than the "
                  + mine.serial()
                  + " of "
                  + from.describe()
                  + ". Nothing was changed: it has moved on there, so there is nothing to"
                  + " migrate.");
        }
      }
      locked("state migrate", () -> null);
      return new Migration(from.describe(), to.describe(), mine.lineage(), mine.serial());
    }
  }

  // ---------------------------------------------------------------- helpers

  /**
   * Where this workspace's keys for secret digests come from: {@code POOLFORM_STATE_KEY}, else the
   * key file in the user's config directory (docs/runtime.md#secrets).
   */
  public KeySource keySource() {
    return KeySources.standard(options.environment());
  }

  /**
   * The notices of {@code sealed}, having kept the state key it made when the plan {@code o}
   * succeeded; a run that failed before (a missing credential) leaves no key behind.
   */
  private static List<String> keptIfOk(Sealer.Sealed sealed, PlanOutcome o) throws StateException {
    return o.ok() ? sealed.keep() : sealed.notices();
  }

  /** The configuration with every secret given its digest against {@code state}. */
  private Sealer.Sealed seal(IrConfig config, State state) throws StateException {
    return Sealer.seal(config, state, keySource());
  }

  private Sessions sessions(State state) {
    ProviderContext ctx =
        new ProviderContext(
            options.directory(), options.environment(), options.clock(), options.calls());
    return new Sessions(options.providers(), ctx, state.lineage());
  }

  private static Collection<IrCloud> clouds(IrConfig config) {
    Map<String, IrCloud> m = new LinkedHashMap<>();
    for (IrPool p : config.pools()) m.putIfAbsent(Sessions.key(p.cloud()), p.cloud());
    return m.values();
  }

  /** For callers that show a plan: the changes that do something. */
  public static List<PoolChange> effective(Plan plan) {
    return plan.changes().stream().filter(PoolChange::isChange).toList();
  }

  /** For callers reporting problems. */
  public static String describe(Problem p) {
    return p.toString();
  }
}
