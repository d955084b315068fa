package dev.poolform.runtime.poll;

import dev.poolform.runtime.provider.CloudSession;
import dev.poolform.runtime.provider.GroupRef;
import dev.poolform.runtime.provider.Observation;
import dev.poolform.runtime.provider.ObservedGroup;
import dev.poolform.runtime.provider.ObservedMachine;
import dev.poolform.runtime.provider.ProviderException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One thread that reads, in one {@link CloudSession#observe} call per tick, every group of a
 * session that a step is waiting on, and hands each waiting step the newest look.
 *
 * <p>A step's request is answered at once from the newest look when that look is newer than the one
 * the step had last and began after the step's last write to the group, or, once per look, from the
 * look it had last when that began after the last write less than half a period ago (a step that
 * ends and hands the group to the next, which asks at once); otherwise the step waits for the next
 * tick. Ticks come every {@code period} while any group is watched (a group is watched from its
 * first request until it has not been asked for {@link #EXPIRY_PERIODS} periods), so steps that
 * poll at that pace are answered from the tick that fell into their pause, whatever their phase:
 * their reads cost one call per tick between them. A step that just wrote, or asks for a group for
 * the first time, may bring the next tick forward, but never closer than half a period to the
 * previous one. When a tick finds every group exactly as the one before and nothing was written in
 * between, the period grows by half, up to {@link #MAX_STRETCH} times the configured one (nothing
 * can change yet: machines still booting, a warm-up running); any change or write brings it back.
 *
 * <p>No wait here is endless: a step waits at most its patience ({@link #patience}) for a look, and
 * at once learns of a poller that stopped, either way as a transient error that names the pool.
 *
 * <p>Time here is real time ({@link System#nanoTime()}): only sessions of real clouds (and their
 * emulators) are polled this way ({@link CloudSession#pollsInBatches()}).
 */
final class GroupPoller implements AutoCloseable {
  /** A group not asked for during this many periods is no longer read. */
  static final int EXPIRY_PERIODS = 3;

  /** The longest period when nothing changes, as a multiple of the configured one. */
  static final int MAX_STRETCH = 5;

  /** How long a first or post-write request waits for others to join the tick it brings forward. */
  static final long GATHER_NANOS = Duration.ofMillis(25).toNanos();

  /** One tick: which groups it read (by cloud id), what it found, or what went wrong. */
  private record Look(
      long seq, long startedAt, Set<String> covered, Observation observation, Exception error) {}

  /** A group some step waits on; its machines are read with it. */
  private static final class Watch {
    final GroupRef ref;
    long askedAt;
    long wroteAt = Long.MIN_VALUE;
    long servedSeq = -1;
    long servedAgainSeq = -1;
    int waiting;
    long urgentSince = Long.MAX_VALUE;

    Watch(GroupRef ref) {
      this.ref = ref;
    }
  }

  private final CloudSession cloud;
  private final long period;
  private final long patience;
  private final ReentrantLock lock = new ReentrantLock();

  /**
   * The poller thread waits here for its next tick. Only the poller waits on it, so a step that
   * signals it (a first request, an urgent one, a write) wakes nobody else: with one monitor for
   * both, waiting steps woke each other with every wake-up, and on a loaded machine that storm kept
   * the poller from ever taking the lock to read (the AWS crash test hung on it).
   */
  private final Condition due = lock.newCondition();

  /** Steps wait here for a new look (or the end of the poller). */
  private final Condition looked = lock.newCondition();

  private final Map<String, Watch> watches = new LinkedHashMap<>();

  /**
   * When each group (by cloud id) was last written to, watched or not. A watch that begins later
   * starts from it: a group whose watch expired before a write to it (or that a look found missing
   * before its create) must not be answered from a look that predates the write.
   */
  private final Map<String, Long> writes = new HashMap<>();

  private final Thread thread;
  private Look latest;
  private long seq;
  private long lastStart;
  private boolean ticked;
  private long stretch;
  private boolean closed;
  private Throwable stopped;
  private int calls;
  private long wakeups;

  GroupPoller(CloudSession cloud, Duration period, String name) {
    this(cloud, period, name, patience(period));
  }

  /**
   * @param patience how long a step waits for a look before it gives up with a transient error
   */
  GroupPoller(CloudSession cloud, Duration period, String name, Duration patience) {
    this.cloud = cloud;
    this.period = Math.max(1, period.toNanos());
    this.patience = Math.max(1, patience.toNanos());
    this.stretch = this.period;
    this.thread = new Thread(this::run, "poolform-poll-" + name);
    this.thread.setDaemon(true);
    this.thread.start();
  }

  /**
   * How long a step waits for a look by default: five minutes, or ten of the longest periods if
   * that is longer. A tick is due at least every {@link #MAX_STRETCH} periods, so only a cloud call
   * that does not return (the SDKs' own timeouts and retries included) or a stopped poller makes a
   * step wait that long.
   */
  static Duration patience(Duration period) {
    Duration longest = period.multipliedBy(10L * MAX_STRETCH);
    Duration floor = Duration.ofMinutes(5);
    return longest.compareTo(floor) > 0 ? longest : floor;
  }

  /** The observe calls made so far (for tests). */
  int calls() {
    lock.lock();
    try {
      return calls;
    } finally {
      lock.unlock();
    }
  }

  /** How often waiting steps have woken up so far (for tests: no step spins). */
  long wakeups() {
    lock.lock();
    try {
      return wakeups;
    } finally {
      lock.unlock();
    }
  }

  /**
   * The machines of {@code ref} from a look newer than the caller's last one and its last write.
   *
   * @throws ProviderException as the look's read failed; TRANSIENT when no look came within the
   *     patience or the poller stopped
   */
  List<ObservedMachine> machines(GroupRef ref) throws ProviderException {
    lock.lock();
    try {
      Watch w = watches.get(ref.cloudId());
      if (w == null) {
        w = new Watch(ref);
        w.wroteAt = writes.getOrDefault(ref.cloudId(), Long.MIN_VALUE);
        watches.put(ref.cloudId(), w);
      }
      long asked = System.nanoTime();
      w.askedAt = asked;
      w.waiting++;
      try {
        while (true) {
          if (closed) throw new ProviderException(ProviderException.Kind.TRANSIENT, "closed");
          Look l = latest;
          if (l != null
              && l.seq() > w.servedSeq
              && l.startedAt() > w.wroteAt
              && (l.error() != null || l.covered().contains(ref.cloudId()))) {
            w.servedSeq = l.seq();
            return machinesIn(l, ref);
          }
          if (l != null && againFrom(l, w, System.nanoTime())) {
            w.servedAgainSeq = l.seq();
            return machinesIn(l, ref);
          }
          if (stopped != null) throw stoppedError(ref);
          long left = asked + patience - System.nanoTime();
          if (left <= 0) throw noLook(ref);
          if (l == null || l.startedAt() <= w.wroteAt || w.servedSeq < 0) {
            w.urgentSince = Math.min(w.urgentSince, System.nanoTime());
          }
          due.signal();
          long unused = looked.awaitNanos(Math.min(left, period));
          wakeups++;
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new ProviderException(
            ProviderException.Kind.TRANSIENT, "Interrupted while waiting for the cloud.");
      } finally {
        w.waiting--;
        w.urgentSince = Long.MAX_VALUE;
      }
    } finally {
      lock.unlock();
    }
  }

  /**
   * Whether a step that was just answered from {@code l} may be answered from it once more: the
   * look began after the last write to the group, less than half a period ago, and has not been
   * answered again yet. A step that ends its own wait and hands over to the next one (a rollout
   * that ends and the check for capacity after it) then needs no look of its own; a step that asks
   * without a pause still waits for a new look from its third request on.
   */
  private boolean againFrom(Look l, Watch w, long now) {
    return l.seq() == w.servedSeq
        && l.seq() != w.servedAgainSeq
        && l.error() == null
        && l.startedAt() > w.wroteAt
        && now - l.startedAt() < period / 2;
  }

  private ProviderException noLook(GroupRef ref) {
    return new ProviderException(
        ProviderException.Kind.TRANSIENT,
        "No read of the cloud answered within "
            + Duration.ofNanos(patience).toSeconds()
            + " s while waiting for the machines of "
            + ref.address()
            + " (group "
            + ref.name()
            + "): the cloud's API did not return. Nothing was changed by this wait; apply again"
            + " to continue.");
  }

  private ProviderException stoppedError(GroupRef ref) {
    return new ProviderException(
        ProviderException.Kind.TRANSIENT,
        "Reading the cloud stopped while waiting for the machines of "
            + ref.address()
            + ": "
            + stopped
            + ". Nothing was changed by this wait; apply again to continue.");
  }

  /**
   * {@code ref} as the newest look saw it, if that look began after the last write to it; empty
   * when no such look exists (the caller then reads it directly).
   */
  Optional<Optional<ObservedGroup>> group(GroupRef ref) throws ProviderException {
    lock.lock();
    try {
      Watch w = watches.get(ref.cloudId());
      Look l = latest;
      if (w == null
          || l == null
          || l.error() != null
          || l.startedAt() <= w.wroteAt
          || !l.covered().contains(ref.cloudId())) {
        return Optional.empty();
      }
      ObservedGroup g = l.observation().groups().get(ref.cloudId());
      return Optional.of(Optional.ofNullable(g).map(x -> x.withRef(ref)));
    } finally {
      lock.unlock();
    }
  }

  /** A write to {@code ref} has just ended: later requests need a look that began after it. */
  void wrote(GroupRef ref) {
    lock.lock();
    try {
      long now = System.nanoTime();
      writes.put(ref.cloudId(), now);
      Watch w = watches.get(ref.cloudId());
      if (w != null) w.wroteAt = now;
      stretch = period;
      due.signal();
    } finally {
      lock.unlock();
    }
  }

  private static List<ObservedMachine> machinesIn(Look l, GroupRef ref) throws ProviderException {
    if (l.error() instanceof ProviderException p) {
      throw new ProviderException(
          p.kind(), p.cloudCode().orElse(null), p.attribute().orElse(null), p.getMessage(), p);
    }
    if (l.error() instanceof RuntimeException r) throw new IllegalStateException(r.getMessage(), r);
    ProviderException failed = l.observation().failures().get(ref.cloudId());
    if (failed != null) {
      throw new ProviderException(
          failed.kind(),
          failed.cloudCode().orElse(null),
          failed.attribute().orElse(null),
          failed.getMessage(),
          failed);
    }
    if (!l.observation().groups().containsKey(ref.cloudId())) {
      throw new ProviderException(
          ProviderException.Kind.NOT_FOUND,
          "group " + ref.name() + " of " + ref.address() + " does not exist");
    }
    return l.observation().machines().getOrDefault(ref.cloudId(), List.of());
  }

  private void run() {
    Throwable cause = null;
    try {
      tickUntilClosed();
    } catch (RuntimeException | Error e) {
      // Not rethrown: the waiting steps report it (as a located error, without a stack trace).
      cause = e;
    } finally {
      lock.lock();
      try {
        stopped = cause != null ? cause : new IllegalStateException("the poller ended");
        looked.signalAll();
      } finally {
        lock.unlock();
      }
    }
  }

  private void tickUntilClosed() {
    while (true) {
      List<GroupRef> groups = new ArrayList<>();
      long start;
      long number;
      lock.lock();
      try {
        if (!awaitTick()) return;
        start = System.nanoTime();
        lastStart = start;
        ticked = true;
        number = ++seq;
        calls++;
        for (Watch w : watches.values()) groups.add(w.ref);
      } catch (InterruptedException e) {
        return;
      } finally {
        lock.unlock();
      }
      Observation o = null;
      Exception error = null;
      try {
        o = cloud.observe(groups, groups);
      } catch (ProviderException | RuntimeException e) {
        error = e;
      }
      Set<String> covered = new HashSet<>();
      groups.forEach(r -> covered.add(r.cloudId()));
      lock.lock();
      try {
        Look previous = latest;
        latest = new Look(number, start, covered, o, error);
        adapt(previous, latest);
        looked.signalAll();
      } finally {
        lock.unlock();
      }
    }
  }

  /** Waits (holding the lock) until the next tick is due; false once closed. */
  private boolean awaitTick() throws InterruptedException {
    while (!closed) {
      long now = System.nanoTime();
      expire(now);
      if (watches.isEmpty()) {
        due.await();
        continue;
      }
      long at = ticked ? lastStart + stretch : now;
      long urgent = Long.MAX_VALUE;
      for (Watch w : watches.values()) if (w.waiting > 0) urgent = Math.min(urgent, w.urgentSince);
      if (urgent != Long.MAX_VALUE) {
        long soonest = ticked ? lastStart + period / 2 : now;
        at = Math.min(at, Math.max(soonest, urgent + GATHER_NANOS));
      }
      if (at <= now) return true;
      long unused = due.awaitNanos(at - now);
    }
    return false;
  }

  private void expire(long now) {
    long expiry = EXPIRY_PERIODS * period;
    watches.values().removeIf(w -> w.waiting == 0 && now - w.askedAt > expiry);
  }

  /**
   * Stretches the period when this look equals the last for every group and nothing was written
   * since the last one began; any difference or write resets it.
   */
  private void adapt(Look previous, Look now) {
    boolean wrote = false;
    for (Watch w : watches.values()) {
      if (previous == null || w.wroteAt >= previous.startedAt()) wrote = true;
    }
    boolean same =
        previous != null
            && previous.error() == null
            && now.error() == null
            && previous.observation().equals(now.observation());
    stretch = same && !wrote ? Math.min(stretch + stretch / 2, MAX_STRETCH * period) : period;
  }

  @Override
  public void close() {
    lock.lock();
    try {
      closed = true;
      due.signalAll();
      looked.signalAll();
    } finally {
      lock.unlock();
    }
    thread.interrupt();
  }
}
