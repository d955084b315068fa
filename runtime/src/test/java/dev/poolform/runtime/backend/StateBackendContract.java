package dev.poolform.runtime.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.poolform.runtime.state.LockInfo;
import dev.poolform.runtime.state.StateException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * What every {@link StateBackend} promises about its lock, whatever keeps it (a file, a git ref, an
 * object, a lease): of several runs that take it at once exactly one gets it and the others are
 * refused at once naming the holder; closing releases it; {@code force-unlock} needs the holder's
 * id and never reveals it; {@code --lock-timeout} waits, and of several waiters exactly one gets
 * the lock at a time. A backend's test class extends this (or {@link SharedStateBackendContract})
 * and says how to open a backend for a "machine": an operator's directory or clone.
 */
public abstract class StateBackendContract {

  /**
   * The backend as {@code machine} sees it, on {@code clock}. Machines share the one state the test
   * set up; each call opens a new backend, as each command does.
   */
  protected abstract StateBackend backend(String machine, Clock clock) throws Exception;

  /** The backend as {@code machine} sees it now. */
  protected final StateBackend backend(String machine) throws Exception {
    return backend(machine, Clock.systemUTC());
  }

  /** Whether the lock is held, as the store itself (not the backend) says. */
  protected abstract boolean lockPresent() throws Exception;

  /**
   * How many runs race for the lock, and how many times: a backend whose compare-and-swap has a
   * window (a git push that loses to a ref update still being committed) raises these so the race
   * test meets the window on every run, not once in a while under load.
   */
  protected int racers() {
    return 4;
  }

  protected int raceRounds() {
    return 1;
  }

  @Test
  void ofRunsTakingTheLockAtOnceExactlyOneGetsItAndTheOthersAreRefusedNamingIt() throws Exception {
    for (int round = 0; round < raceRounds(); round++) race();
  }

  private void race() throws Exception {
    List<String> machines = new ArrayList<>();
    for (int i = 0; i < racers(); i++) machines.add(String.valueOf((char) ('a' + i)));
    List<StateBackend> backends = new ArrayList<>();
    for (String m : machines) backends.add(backend(m));
    CountDownLatch go = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(machines.size());
    List<StateBackend.Lock> held = Collections.synchronizedList(new ArrayList<>());
    List<StateException> refused = Collections.synchronizedList(new ArrayList<>());
    try {
      List<Future<?>> runs = new ArrayList<>();
      for (StateBackend b : backends) {
        runs.add(
            pool.submit(
                () -> {
                  go.await();
                  try {
                    held.add(b.lock("apply"));
                  } catch (StateException e) {
                    refused.add(e);
                  }
                  return null;
                }));
      }
      go.countDown();
      for (Future<?> f : runs) f.get(2, TimeUnit.MINUTES);
    } finally {
      pool.shutdownNow();
    }
    assertThat(held).as("refused: %s", refused).hasSize(1);
    assertThat(refused).hasSize(machines.size() - 1);
    LockInfo winner = held.get(0).info();
    for (StateException e : refused) {
      assertThat(e.kind()).as(e.getMessage()).isEqualTo(StateException.Kind.LOCKED);
      // The winner runs on (in this JVM): the way out is to wait for it, never to force-unlock.
      assertThat(e.getMessage())
          .contains("locked by " + winner.who(), "`apply`", "still running on this host")
          .doesNotContain("pool force-unlock", winner.id());
    }
    assertThat(backend("e").holder()).map(LockInfo::id).contains(winner.id());
    held.get(0).close();
    assertThat(lockPresent()).as("closing releases the lock").isFalse();
    assertThat(backend("e").holder()).isEmpty();
    try (StateBackend.Lock again = backend("b").lock("apply")) {
      assertThat(again.info().id()).isNotEqualTo(winner.id());
    }
  }

  @Test
  void forceUnlockNeedsTheHoldersIdAndNeverRevealsIt() throws Exception {
    StateBackend.Lock held = backend("a").lock("apply"); // never closed, as a killed run leaves it
    StateBackend other = backend("b");
    assertThatThrownBy(() -> other.forceUnlock("wrong"))
        .isInstanceOf(StateException.class)
        .hasMessageContaining("another id than wrong")
        .hasMessageNotContaining(held.info().id());
    assertThat(lockPresent()).isTrue();
    other.forceUnlock(held.info().id());
    assertThat(lockPresent()).isFalse();
    assertThatThrownBy(() -> other.forceUnlock(held.info().id()))
        .isInstanceOf(StateException.class)
        .hasMessageContaining("not locked");
  }

  /**
   * Leaves the lock as a run killed at the worst point of taking it leaves it. Where the take is
   * one atomic step that carries the holder's record (a lock file linked whole, a ref pushed with
   * its commit, an object created with its body), that point is just after it: the lock is held and
   * never released. A backend whose take is two steps (azurerm: the lease, then its record on the
   * blob) leaves the first without the second.
   */
  protected void leaveTheLockOfARunKilledWhileTakingIt() throws Exception {
    // Never closed. The record names this JVM's pid, taken before this JVM started: as a run killed
    // long ago whose pid was reused, its holder reads as gone, so force-unlock is offered.
    backend("killed", Clock.fixed(LONG_AGO, ZoneOffset.UTC)).lock("apply");
  }

  private static final Instant LONG_AGO = Instant.parse("2020-01-01T00:00:00Z");

  /**
   * The lock a run killed while taking it leaves is named with the id that removes it, to a run
   * that finds it and to one that waits for it ({@code --lock-timeout}); {@code force-unlock} with
   * another id leaves it, with that id removes it, and the next run takes the lock.
   */
  @Test
  void aLockLeftByARunKilledWhileTakingItIsNamedAndForceUnlockRemovesIt() throws Exception {
    leaveTheLockOfARunKilledWhileTakingIt();
    assertThat(lockPresent()).isTrue();
    StateBackend b = backend("b");
    StateException refused = catchThrowableOfType(StateException.class, () -> b.lock("apply"));
    assertThat(refused.kind()).as(refused.getMessage()).isEqualTo(StateException.Kind.LOCKED);
    Matcher m = FORCE_UNLOCK.matcher(refused.getMessage());
    assertThat(m.find()).as(refused.getMessage()).isTrue();
    String id = m.group(1);
    assertThatThrownBy(() -> b.lock("apply", Duration.ofMillis(700)))
        .isInstanceOf(StateException.class)
        .hasMessage(refused.getMessage());
    assertThatThrownBy(() -> b.forceUnlock("wrong"))
        .isInstanceOf(StateException.class)
        .hasMessageContaining("another id than wrong")
        .hasMessageNotContaining(id);
    assertThat(lockPresent()).isTrue();
    assertThat(backend("c").forceUnlock(id).id()).isEqualTo(id);
    assertThat(lockPresent()).isFalse();
    try (StateBackend.Lock next = b.lock("apply")) {
      assertThat(backend("c").holder()).map(LockInfo::id).contains(next.info().id());
    }
    assertThat(lockPresent()).isFalse();
  }

  private static final Pattern FORCE_UNLOCK = Pattern.compile("pool force-unlock (\\S+)`");

  @Test
  void aLockTimeoutRunsOutNamingTheHolder() throws Exception {
    try (StateBackend.Lock held = backend("a").lock("apply")) {
      long t0 = System.nanoTime();
      assertThatThrownBy(() -> backend("b").lock("apply", Duration.ofMillis(700)))
          .isInstanceOf(StateException.class)
          .hasMessageContaining("locked by " + held.info().who())
          .hasMessageContaining("still running on this host: wait for it to finish")
          .hasMessageNotContaining(held.info().id());
      assertThat(Duration.ofNanos(System.nanoTime() - t0)).isGreaterThanOrEqualTo(ms(700));
      assertThat(backend("c").holder()).map(LockInfo::id).contains(held.info().id());
    }
  }

  /**
   * Two runs wait for one lock with {@code --lock-timeout}: when it is released exactly one takes
   * it, the other waits on and takes it after that one is done. No two hold it at once.
   */
  @Test
  void waitersTakeTheLockOneAtATimeWhenItIsReleased() throws Exception {
    StateBackend.Lock first = backend("a").lock("apply");
    List<long[]> spans = Collections.synchronizedList(new ArrayList<>());
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      List<Future<String>> waiters = new ArrayList<>();
      for (String m : List.of("b", "c")) {
        StateBackend b = backend(m);
        waiters.add(
            pool.submit(
                () -> {
                  try (StateBackend.Lock l = b.lock("apply", Duration.ofMinutes(2))) {
                    long start = System.nanoTime();
                    Thread.sleep(600);
                    spans.add(new long[] {start, System.nanoTime()});
                    return l.info().id();
                  }
                }));
      }
      Thread.sleep(800);
      assertThat(spans).as("no waiter got a held lock").isEmpty();
      long released = System.nanoTime();
      first.close();
      List<String> ids = new ArrayList<>();
      for (Future<String> w : waiters) ids.add(w.get(3, TimeUnit.MINUTES));
      assertThat(ids).doesNotHaveDuplicates().doesNotContain(first.info().id());
      assertThat(spans).hasSize(2);
      spans.sort((x, y) -> Long.compare(x[0], y[0]));
      assertThat(spans.get(0)[0]).isGreaterThanOrEqualTo(released);
      assertThat(spans.get(1)[0])
          .as("the second waiter took the lock only after the first released it")
          .isGreaterThanOrEqualTo(spans.get(0)[1]);
    } finally {
      pool.shutdownNow();
    }
    assertThat(lockPresent()).isFalse();
  }

  private static Duration ms(long n) {
    return Duration.ofMillis(n);
  }
}
