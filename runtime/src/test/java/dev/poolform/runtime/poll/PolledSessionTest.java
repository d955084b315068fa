package dev.poolform.runtime.poll;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.poolform.runtime.provider.CapacityRequest;
import dev.poolform.runtime.provider.CloudSession;
import dev.poolform.runtime.provider.GroupRef;
import dev.poolform.runtime.provider.GroupSpec;
import dev.poolform.runtime.provider.Observation;
import dev.poolform.runtime.provider.ObservedGroup;
import dev.poolform.runtime.provider.ObservedMachine;
import dev.poolform.runtime.provider.ProviderException;
import dev.poolform.stdlib.value.MapValue;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The shared poller against a cloud that counts its calls. Real time, short periods; the bounds
 * asserted leave room for a loaded machine but fail if every step read on its own.
 */
class PolledSessionTest {
  static final Duration PERIOD = Duration.ofMillis(100);

  /** A cloud whose every observe is one call and reports, as each group's desired, its number. */
  static class CountingCloud implements CloudSession {
    final AtomicInteger observes = new AtomicInteger();
    final AtomicInteger reads = new AtomicInteger();
    final List<Long> observeStarts = new CopyOnWriteArrayList<>();
    volatile boolean gone;
    volatile ProviderException failure;
    volatile boolean frozen;

    @Override
    public Observation observe(Collection<GroupRef> groups, Collection<GroupRef> withMachines)
        throws ProviderException {
      observeStarts.add(System.nanoTime());
      int n = observes.incrementAndGet();
      if (failure != null) throw failure;
      Map<String, ObservedGroup> gs = new HashMap<>();
      Map<String, List<ObservedMachine>> ms = new HashMap<>();
      if (!gone) {
        for (GroupRef r : groups) gs.put(r.cloudId(), group(r, frozen ? 0 : n));
        for (GroupRef r : withMachines) ms.put(r.cloudId(), List.of(machine(frozen ? 0 : n)));
      }
      return new Observation(gs, ms);
    }

    @Override
    public Map<String, ObservedGroup> read(Collection<GroupRef> refs) {
      reads.incrementAndGet();
      Map<String, ObservedGroup> out = new HashMap<>();
      for (GroupRef r : refs) out.put(r.address(), group(r, -1));
      return out;
    }

    @Override
    public List<ObservedGroup> findOwned(String lineage) {
      return List.of();
    }

    @Override
    public List<ObservedMachine> machines(GroupRef ref) {
      throw new AssertionError("waits must go through the poller");
    }

    @Override
    public GroupRef create(GroupSpec spec, CapacityRequest capacity, String token) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void updateModel(GroupRef ref, GroupSpec spec) {}

    @Override
    public void updateMetadata(GroupRef ref, GroupSpec spec) {}

    final AtomicInteger capacityWrites = new AtomicInteger();

    @Override
    public void setCapacity(GroupRef ref, CapacityRequest capacity) {
      capacityWrites.incrementAndGet();
    }

    @Override
    public void terminate(GroupRef ref, List<String> ids, boolean decrement) {}

    @Override
    public void delete(GroupRef ref) {}

    @Override
    public void release(GroupRef ref) {}

    @Override
    public Optional<ObservedGroup> adopt(String cloudId) {
      return Optional.empty();
    }

    @Override
    public boolean pollsInBatches() {
      return true;
    }
  }

  static ObservedGroup group(GroupRef r, long desired) {
    return new ObservedGroup(
        r, 0, 10, desired, Optional.empty(), MapValue.EMPTY, Map.of(), 1, Optional.empty());
  }

  static ObservedMachine machine(int look) {
    return new ObservedMachine(
        "i-" + look,
        Optional.empty(),
        Optional.of("h"),
        ObservedMachine.MachineState.HEALTHY,
        Instant.EPOCH,
        Optional.of(Instant.EPOCH));
  }

  static GroupRef ref(int i) {
    return new GroupRef("pool.p" + i, "p" + i, "p" + i);
  }

  final CountingCloud cloud = new CountingCloud();
  final PolledSession session = new PolledSession(cloud, PERIOD, "test");

  @AfterEach
  void close() {
    session.close();
  }

  @Test
  void stepsPollingTogetherShareOneReadPerTick() throws Exception {
    int steps = 10;
    int polls = 6;
    ExecutorService pool = Executors.newFixedThreadPool(steps);
    long t0 = System.nanoTime();
    List<Future<Integer>> answers = new ArrayList<>();
    for (int i = 0; i < steps; i++) {
      GroupRef r = ref(i);
      answers.add(
          pool.submit(
              () -> {
                int got = 0;
                for (int k = 0; k < polls; k++) {
                  got += session.machines(r).size();
                  Thread.sleep(PERIOD.toMillis());
                }
                return got;
              }));
    }
    for (Future<Integer> f : answers) assertThat(f.get(30, TimeUnit.SECONDS)).isEqualTo(polls);
    pool.shutdown();
    long periods = (System.nanoTime() - t0) / PERIOD.toNanos();
    // 60 requests; at most two ticks a period, however many steps ask.
    assertThat(cloud.observes.get()).isLessThanOrEqualTo((int) (2 * periods + 2));
    assertThat(cloud.observes.get()).isLessThan(steps * polls / 2);
  }

  @Test
  void afterAWriteTheNextAnswerComesFromALookThatBeganAfterIt() throws Exception {
    GroupRef r = ref(1);
    List<ObservedMachine> first = session.machines(r);
    session.setCapacity(r, CapacityRequest.of(0, 10, 3));
    long wrote = System.nanoTime();
    // A read right after the write is not answered from the look before it: it goes to the cloud.
    assertThat(session.read(List.of(r)).get("pool.p1").desired()).isEqualTo(-1);
    assertThat(cloud.reads).hasValue(1);
    List<ObservedMachine> next = session.machines(r);
    assertThat(next.get(0).id()).isNotEqualTo(first.get(0).id());
    assertThat(cloud.observeStarts.get(cloud.observeStarts.size() - 1)).isGreaterThan(wrote);
    // With no write since, a read is answered from that look.
    long desired = session.read(List.of(r)).get("pool.p1").desired();
    assertThat(desired).isEqualTo(Long.parseLong(next.get(0).id().substring(2)));
    assertThat(cloud.reads).hasValue(1);
  }

  /**
   * A step that ends and the one after it on the same group (a rollout, then the wait for capacity)
   * ask one right after the other: the second is answered from the same look, once; a third request
   * and a request after a write wait for a new look.
   */
  @Test
  void aRequestRightAfterAnAnswerIsAnsweredFromTheSameLookOnce() throws Exception {
    CountingCloud slow = new CountingCloud();
    try (PolledSession s = new PolledSession(slow, Duration.ofSeconds(2), "again")) {
      GroupRef r = ref(1);
      String first = s.machines(r).get(0).id();
      assertThat(s.machines(r).get(0).id()).isEqualTo(first);
      assertThat(slow.observes).hasValue(1);
      String third = s.machines(r).get(0).id();
      assertThat(third).isNotEqualTo(first);
      assertThat(slow.observes).hasValue(2);
      s.setCapacity(r, CapacityRequest.of(0, 10, 7));
      assertThat(s.machines(r).get(0).id()).isNotEqualTo(third);
      assertThat(slow.observes).hasValue(3);
    }
  }

  @Test
  void sizesTheNewestLookAlreadyShowsAreNotWrittenAgain() throws Exception {
    GroupRef r = ref(1);
    cloud.frozen = true; // every look: min 0, max 10, desired 0
    session.machines(r);
    session.setCapacity(r, CapacityRequest.of(0, 10, 0));
    assertThat(cloud.capacityWrites).hasValue(0);
    // A skipped write leaves the look good for what follows.
    session.read(List.of(r));
    assertThat(cloud.reads).hasValue(0);
    session.setCapacity(r, CapacityRequest.of(0, 10, 2));
    assertThat(cloud.capacityWrites).hasValue(1);
    // After a write the look no longer counts: the same request goes to the cloud.
    session.setCapacity(r, CapacityRequest.of(0, 10, 0));
    assertThat(cloud.capacityWrites).hasValue(2);
  }

  @Test
  void aGroupNobodyWaitsOnIsReadDirectly() throws Exception {
    assertThat(session.read(List.of(ref(7)))).containsKey("pool.p7");
    assertThat(cloud.reads).hasValue(1);
    assertThat(cloud.observes).hasValue(0);
  }

  @Test
  void aGroupThatIsGoneIsNotFound() {
    cloud.gone = true;
    assertThatThrownBy(() -> session.machines(ref(1)))
        .isInstanceOfSatisfying(
            ProviderException.class,
            e -> assertThat(e.kind()).isEqualTo(ProviderException.Kind.NOT_FOUND));
  }

  @Test
  void aFailedLookReachesTheStepsWaitingOnIt() {
    cloud.failure =
        new ProviderException(
            ProviderException.Kind.TRANSIENT, "Throttling", null, "slow down", null);
    assertThatThrownBy(() -> session.machines(ref(1)))
        .isInstanceOfSatisfying(
            ProviderException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(ProviderException.Kind.TRANSIENT);
              assertThat(e.cloudCode()).contains("Throttling");
            });
  }

  @Test
  void whileNothingChangesTicksComeLessOften() throws Exception {
    cloud.frozen = true;
    GroupRef r = ref(1);
    long until = System.nanoTime() + 30 * PERIOD.toNanos();
    while (System.nanoTime() < until) session.machines(r);
    List<Long> starts = cloud.observeStarts;
    long last = starts.get(starts.size() - 1) - starts.get(starts.size() - 2);
    // Stretched by half each unchanged tick, up to five periods.
    assertThat(last).isGreaterThan(3 * PERIOD.toNanos());
    assertThat(last).isLessThan((GroupPoller.MAX_STRETCH + 2) * PERIOD.toNanos());
  }

  /**
   * A look found the group missing, nobody asked for it for a while (its watch expired), then it
   * was written to (created, or scaled after a long pause): the next request must come from a look
   * that began after the write. A write to a group nobody watched was not remembered, so that
   * request was answered from the older look ("group p1 of pool.p1 does not exist").
   */
  @Test
  void aWriteToAGroupNoLongerWatchedOutdatesTheLooksBeforeIt() throws Exception {
    GroupRef r = ref(1);
    cloud.gone = true;
    assertThatThrownBy(() -> session.machines(r))
        .isInstanceOfSatisfying(
            ProviderException.class,
            e -> assertThat(e.kind()).isEqualTo(ProviderException.Kind.NOT_FOUND));
    awaitNoWatch();
    cloud.gone = false;
    session.setCapacity(r, CapacityRequest.of(0, 10, 1));
    long wrote = System.nanoTime();
    assertThat(session.machines(r)).hasSize(1);
    assertThat(cloud.observeStarts.get(cloud.observeStarts.size() - 1)).isGreaterThan(wrote);
  }

  /** Waits until the poller no longer reads: nobody asked, so every watch expired. */
  private void awaitNoWatch() throws InterruptedException {
    int seen;
    do {
      seen = cloud.observes.get();
      // A watched group is read at least every MAX_STRETCH periods.
      Thread.sleep((GroupPoller.MAX_STRETCH + 1) * PERIOD.toMillis());
    } while (cloud.observes.get() != seen);
  }

  @Test
  void aGroupNoLongerAskedForIsNoLongerRead() throws Exception {
    session.machines(ref(1));
    Thread.sleep((GroupPoller.EXPIRY_PERIODS + 3) * PERIOD.toMillis());
    int settled = cloud.observes.get();
    Thread.sleep(5 * PERIOD.toMillis());
    assertThat(cloud.observes.get()).isEqualTo(settled);
  }
}
