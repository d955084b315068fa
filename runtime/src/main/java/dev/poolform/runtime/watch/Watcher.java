package dev.poolform.runtime.watch;

import dev.poolform.ir.IrConfig;
import dev.poolform.runtime.ApplyResult;
import dev.poolform.runtime.Instants;
import dev.poolform.runtime.Workspace;
import dev.poolform.runtime.engine.Problem;
import dev.poolform.runtime.observe.Observation;
import dev.poolform.runtime.plan.Plan;
import dev.poolform.runtime.plan.PlanFileException;
import dev.poolform.runtime.plan.PoolChange;
import dev.poolform.runtime.state.LockInfo;
import dev.poolform.runtime.state.StateException;
import dev.poolform.runtime.watch.WatchEvent.Kind;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The reconcile loop of {@code pool watch}. Every interval it makes one refresh ({@link
 * Workspace#observe}, the reads of a plan, without the lock), reports what changed, and with {@code
 * apply} carries out the part of the plan {@code allow} covers through {@link Workspace#applyPlan}:
 * the lock is taken for that apply only, and the plan is checked against the state and the clouds
 * again under it. Failed refreshes back off; {@link #stop} ends the loop between steps.
 */
public final class Watcher {
  private final Workspace workspace;
  private final IrConfig config;
  private final WatchOptions options;
  private final WatchListener listener;
  private final Clock clock;
  private final CountDownLatch stop = new CountDownLatch(1);
  private final RoundDiff diff;
  private final Set<String> reported = new HashSet<>();
  private final Set<String> lockAlerts = new HashSet<>();

  public Watcher(Workspace workspace, IrConfig config, WatchOptions options, WatchListener l) {
    this.workspace = workspace;
    this.config = config;
    this.options = options;
    this.listener = l;
    this.clock = workspace.options().clock();
    this.diff = new RoundDiff(options.alertAfter());
  }

  /** Asks the loop to end after the step it is in; safe from any thread (a signal handler). */
  public void stop() {
    stop.countDown();
  }

  /** Runs until {@link #stop} or interruption. */
  public void run() {
    emit(
        Kind.WATCH_STARTED,
        "",
        "watching every "
            + words(options.interval())
            + (options.apply()
                ? ", correcting " + allowed()
                : ", reporting only (--apply corrects)"),
        List.of());
    int failures = 0;
    try {
      while (stop.getCount() > 0) {
        boolean ok = round();
        failures = ok ? 0 : failures + 1;
        Duration wait = ok ? options.interval() : options.backoff(failures);
        if (stop.await(wait.toMillis(), TimeUnit.MILLISECONDS)) break;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    emit(Kind.WATCH_STOPPED, "", "stopped", List.of());
  }

  /** One interval's work; false when the clouds or the state could not be read. */
  boolean round() {
    long t0 = System.nanoTime();
    Observation o;
    boolean locked;
    try {
      locked = checkLock();
      o = workspace.observe(config);
    } catch (StateException | RuntimeException e) {
      refreshFailed(List.of(Problem.of(null, String.valueOf(e.getMessage()))));
      return false;
    }
    if (!o.status().readOk() || o.plan().isEmpty()) {
      refreshFailed(o.status().problems());
      return false;
    }
    listener.observed(o.status(), Duration.ofNanos(System.nanoTime() - t0));
    diff.next(o.status()).forEach(listener::on);
    act(o.plan().get(), o, locked);
    return true;
  }

  private void refreshFailed(List<Problem> problems) {
    listener.refreshFailed(problems);
    emit(
        Kind.REFRESH_FAILED,
        "",
        "could not read the fleet; trying again later",
        problems.stream().map(Problem::toString).toList());
  }

  /**
   * Carries out the allowed changes; reports the others once. While another process holds the state
   * lock the changes seen may be its own work under way (an apply's rollout half done), so they are
   * not reported as waiting for a {@code pool apply} until the lock is free and they still stand.
   */
  private void act(Plan plan, Observation o, boolean locked) {
    List<PoolChange> changes = plan.changes().stream().filter(PoolChange::isChange).toList();
    List<PoolChange> allowed =
        options.apply()
            ? changes.stream()
                .filter(c -> options.allow().contains(c.action()))
                .filter(c -> c.adopt().isEmpty() && c.strays().isEmpty())
                .toList()
            : List.of();
    for (PoolChange c : changes) {
      if (allowed.contains(c) || locked) continue;
      String key = c.address() + " " + c.action().text() + " " + c.reasons();
      if (reported.add(key)) {
        emit(
            Kind.CHANGES_NOT_ALLOWED,
            c.address(),
            c.address()
                + " needs "
                + c.action().text()
                + (options.apply() ? ", which --allow does not cover" : "")
                + "; run `pool apply`",
            c.reasons());
      }
    }
    Set<String> still = new HashSet<>();
    for (PoolChange c : changes)
      still.add(c.address() + " " + c.action().text() + " " + c.reasons());
    boolean owed = owesWork(o);
    if (owed) still.add("owed");
    if (!locked) reported.retainAll(still);
    if (allowed.isEmpty()) return;
    if (owed) {
      // Under another's lock the owed record may be that apply's work in progress, not left over.
      if (!locked && reported.add("owed")) {
        emit(
            Kind.CHANGES_NOT_ALLOWED,
            "",
            "an interrupted apply left owed work; the watch does not correct until `pool apply` has"
                + " finished it",
            List.of());
      }
      return;
    }
    reported.remove("owed");
    apply(
        new Plan(
            plan.configHash(),
            plan.priorLineage(),
            plan.priorSerial(),
            plan.liveFingerprint(),
            allowed,
            plan.drift(),
            plan.live(),
            plan.request()));
  }

  /**
   * Work an earlier apply left unfinished (a pool's owed record, or a cloud call in flight when a
   * process was killed): the operator's {@code pool apply} finishes it, never the watch.
   */
  private static boolean owesWork(Observation o) {
    return !o.state().pending().isEmpty()
        || o.state().resources().values().stream().anyMatch(r -> r.owed().isPresent());
  }

  private void apply(Plan plan) {
    List<String> what =
        plan.changes().stream().map(c -> c.address() + ": " + c.action().text()).toList();
    emit(Kind.APPLY_STARTED, "", "correcting " + what.size() + " pool(s)", what);
    long t0 = System.nanoTime();
    try {
      ApplyResult r = workspace.applyPlan(plan, config, options.applyOptions(), listener.steps());
      Duration took = Duration.ofNanos(System.nanoTime() - t0);
      listener.applied(r.ok(), took);
      List<String> results =
          r.pools().stream()
              .map(
                  p ->
                      p.address()
                          + ": "
                          + p.status().name().toLowerCase(java.util.Locale.ROOT)
                          + (p.detail().isEmpty() ? "" : " (" + p.detail() + ")"))
              .toList();
      emit(
          r.ok() ? Kind.APPLY_FINISHED : Kind.APPLY_FAILED,
          "",
          r.ok() ? "corrected " + r.pools().size() + " pool(s)" : "the correction failed",
          r.ok() ? results : concat(results, r.problems()));
    } catch (StateException e) {
      if (e.kind() == StateException.Kind.LOCKED) {
        emit(Kind.LOCK_HELD, "", e.getMessage() + "; trying again next interval", List.of());
      } else {
        emit(Kind.APPLY_FAILED, "", "the correction failed: " + e.getMessage(), List.of());
      }
    } catch (PlanFileException e) {
      // The fleet or the state moved between the refresh and the lock: next interval sees it.
      emit(Kind.APPLY_FAILED, "", "not corrected now: " + e.getMessage(), List.of());
    }
  }

  private static List<String> concat(List<String> a, List<Problem> b) {
    return java.util.stream.Stream.concat(a.stream(), b.stream().map(Problem::toString)).toList();
  }

  /**
   * Raises {@code lock_held_too_long} once per lock held past the alert grace; true when the state
   * lock is held.
   */
  private boolean checkLock() throws StateException {
    Optional<LockInfo> lock = workspace.lockInfo();
    if (lock.isEmpty()) {
      lockAlerts.clear();
      return false;
    }
    LockInfo l = lock.get();
    if (!l.when().plus(options.alertAfter()).isAfter(clock.instant()) && lockAlerts.add(l.id())) {
      emit(
          Kind.LOCK_HELD_TOO_LONG,
          "",
          "the state lock has been held "
              + (l.recorded()
                  ? "by " + l.who() + " (" + l.operation() + ", pid " + l.pid() + ")"
                  : "with " + LockInfo.UNRECORDED)
              + " since "
              + Instants.text(l.when()),
          List.of("`pool force-unlock " + l.id() + "` removes it if that process is gone"));
    }
    return true;
  }

  /** {@code 300ms}, {@code 45s}, {@code 1m}, {@code 90s}: as the options are written. */
  static String words(Duration d) {
    long ms = d.toMillis();
    if (ms % 60_000 == 0) return ms / 60_000 + "m";
    if (ms % 1000 == 0) return ms / 1000 + "s";
    return ms + "ms";
  }

  private String allowed() {
    return String.join(", ", options.allow().stream().map(a -> a.text()).sorted().toList());
  }

  private void emit(Kind kind, String address, String message, List<String> details) {
    listener.on(new WatchEvent(clock.instant(), kind, address, message, details));
  }
}
