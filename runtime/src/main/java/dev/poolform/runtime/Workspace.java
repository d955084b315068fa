package dev.poolform.runtime;

import dev.poolform.ir.IrBackend;
import dev.poolform.ir.IrCloud;
import dev.poolform.ir.IrConfig;
import dev.poolform.ir.IrPool;
import dev.poolform.runtime.backend.LocalBackend;
import dev.poolform.runtime.backend.StateBackend;
import dev.poolform.runtime.engine.Applier;
import dev.poolform.runtime.engine.ApplyOptions;
import dev.poolform.runtime.engine.ApplyOutcome;
import dev.poolform.runtime.engine.DriftAcceptance;
import dev.poolform.runtime.engine.Intents;
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
import dev.poolform.runtime.plan.Plan;
import dev.poolform.runtime.plan.PlanFileException;
import dev.poolform.runtime.plan.PlanRequest;
import dev.poolform.runtime.plan.PoolChange;
import dev.poolform.runtime.provider.ProviderContext;
import dev.poolform.runtime.provider.ProviderException;
import dev.poolform.runtime.secret.KeySource;
import dev.poolform.runtime.secret.KeySources;
import dev.poolform.runtime.secret.Redactor;
import dev.poolform.runtime.secret.Sealer;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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
  private final LockedRuns locks;

  private Workspace(WorkspaceOptions options) {
    this.options = options;
    this.store = new StateStore(options.resolvedStatePath(), options.clock(), options.owner());
    this.locks = new LockedRuns(options, store);
  }

  /**
   * From now on, taking the lock waits up to {@code wait} for another run to release it ({@link
   * StateBackend#lock(String, java.time.Duration)}), then fails naming the holder.
   */
  public void waitForLock(java.time.Duration wait) {
    locks.waitForLock(wait);
  }

  /** Where the state is shared: the {@code state} block's backend, or the local file. */
  public StateBackend backend() throws StateException {
    return locks.backend();
  }

  /** What the backend had to say while this workspace ran (e.g. a fast-forward), in order. */
  public List<String> notices() {
    return locks.notices();
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
    locks.run(operation, () -> store.read(Optional.empty()));
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
    return locks.run(
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
    return locks.run(
        "apply",
        applyOptions.interruption(),
        () -> applyPlanLocked(plan, config, applyOptions, listener));
  }

  private ApplyResult applyPlanLocked(
      Plan plan, IrConfig config, ApplyOptions applyOptions, ApplyListener listener)
      throws StateException, PlanFileException {
    State state = StalePlans.state(store, plan);
    // A destroy plan was made against no pools; the configuration then only lends its clouds.
    IrConfig none = new IrConfig(config.version(), List.of());
    boolean destroyPlan = plan.request().destroy();
    IrConfig sealed = destroyPlan ? config : seal(config, state).config();
    if (!destroyPlan) StalePlans.checkConfig(sealed, plan);
    try (Sessions sessions = sessions(state)) {
      PlanOutcome now = plan(new Planner(sessions, options.clock()), sealed, state, plan.request());
      if (!now.ok()) {
        return new ApplyResult(
            Optional.of(plan),
            List.of(),
            Redactor.of(sealed).redactProblems(now.problems()),
            state);
      }
      StalePlans.checkLive(plan, now.plan().get());
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
    return locks.run("state rm", () -> edits().rm(address));
  }

  /** Renames a pool's address in state (after renaming it in the configuration). */
  public State stateMv(String from, String to) throws StateException {
    return locks.run("state mv", () -> edits().mv(from, to));
  }

  /**
   * Adopts an existing cloud group as pool {@code address} of {@code config}; a group another
   * state's lineage claims needs {@code force}.
   */
  public ImportResult importGroup(IrConfig config, String address, String cloudId, boolean force)
      throws StateException, ProviderException {
    return locks.run("import", () -> edits().importGroup(config, address, cloudId, force));
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
    return locks.run("state restore", () -> store.restore(store.readRestore(file)));
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
   * Makes a new state key and puts it first, keeping the older ones to verify the digests they made
   * ({@link KeyRotation}). Changes no state.
   *
   * @throws StateException of kind {@code KEY}: the keys come from {@code POOLFORM_STATE_KEY}, or
   *     the state holds digests under a key this run does not have (a new key would split them)
   */
  public Rekeyed rekey() throws StateException {
    return KeyRotation.rotate(state(), keySource());
  }

  /** Removes the lock if its id is {@code id}. */
  public LockInfo forceUnlock(String id) throws StateException {
    return backend().forceUnlock(id);
  }

  // ---------------------------------------------------------------- migrate

  /**
   * Copies the state from {@code source} (another {@code state} block; empty: the local file) to
   * this workspace's backend, lineage and serial kept ({@link StateMigration}: both locks held,
   * refused before anything is written when the target holds another lineage or a newer serial).
   */
  public Migration migrate(Optional<IrBackend> source) throws StateException {
    return StateMigration.migrate(source, options, store, locks);
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
