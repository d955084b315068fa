package dev.poolform.runtime.poll;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.poolform.runtime.provider.GroupRef;
import dev.poolform.runtime.provider.Observation;
import dev.poolform.runtime.provider.ProviderException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * How steps wait on the poller: they never wake one another, and no wait is endless. The first test
 * is the hang the AWS crash test found: waiting steps woke each other with every wake-up (one
 * monitor for the steps and the poller), spinning without end, and on a loaded machine the poller
 * never got the lock to publish its look.
 */
class GroupPollerTest {
  static final Duration PERIOD = Duration.ofMillis(50);

  /** A cloud whose every look takes {@code delay}. */
  static final class SlowCloud extends PolledSessionTest.CountingCloud {
    final long delayMillis;

    SlowCloud(long delayMillis) {
      this.delayMillis = delayMillis;
    }

    @Override
    public Observation observe(Collection<GroupRef> groups, Collection<GroupRef> withMachines)
        throws ProviderException {
      try {
        Thread.sleep(delayMillis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return super.observe(groups, withMachines);
    }
  }

  @Test
  void stepsWaitingTogetherDoNotSpin() throws Exception {
    int steps = 8;
    int polls = 3;
    SlowCloud cloud = new SlowCloud(400);
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    AtomicLong cpu = new AtomicLong();
    List<Thread> threads = new ArrayList<>();
    List<Throwable> errors = new java.util.concurrent.CopyOnWriteArrayList<>();
    long t0 = System.nanoTime();
    try (GroupPoller poller = new GroupPoller(cloud, PERIOD, "test")) {
      for (int i = 0; i < steps; i++) {
        GroupRef r = PolledSessionTest.ref(i);
        Thread t =
            new Thread(
                () -> {
                  try {
                    for (int k = 0; k < polls; k++) poller.machines(r);
                  } catch (ProviderException | RuntimeException e) {
                    errors.add(e);
                  } finally {
                    cpu.addAndGet(mx.getCurrentThreadCpuTime());
                  }
                });
        threads.add(t);
        t.start();
      }
      for (Thread t : threads) {
        t.join(TimeUnit.SECONDS.toMillis(60));
        assertThat(t.isAlive()).as("a step still waits after 60 s").isFalse();
      }
      assertThat(errors).isEmpty();
      long periods = (System.nanoTime() - t0) / PERIOD.toNanos() + 1;
      // Each step wakes once per look and once per period at most, however many steps wait.
      assertThat(poller.wakeups()).isLessThanOrEqualTo(steps * (poller.calls() + periods + 2));
    }
    // Spinning steps burn CPU for the whole 400 ms of each look; waiting ones almost none.
    assertThat(Duration.ofNanos(cpu.get())).isLessThan(Duration.ofMillis(300));
  }

  @Test
  void aCloudThatNeverAnswersEndsTheWaitWithAClearError() throws Exception {
    CountDownLatch never = new CountDownLatch(1);
    PolledSessionTest.CountingCloud cloud =
        new PolledSessionTest.CountingCloud() {
          @Override
          public Observation observe(
              Collection<GroupRef> groups, Collection<GroupRef> withMachines) {
            try {
              never.await();
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
            return new Observation(java.util.Map.of(), java.util.Map.of());
          }
        };
    try (GroupPoller poller = new GroupPoller(cloud, PERIOD, "test", Duration.ofMillis(300))) {
      assertTheWaitEnds(poller, "No read of the cloud answered within");
    } finally {
      never.countDown();
    }
  }

  @Test
  void aPollerThatStoppedEndsTheWaitAtOnce() {
    PolledSessionTest.CountingCloud cloud =
        new PolledSessionTest.CountingCloud() {
          @Override
          public Observation observe(
              Collection<GroupRef> groups, Collection<GroupRef> withMachines) {
            throw new StackOverflowError("deep");
          }
        };
    try (GroupPoller poller = new GroupPoller(cloud, PERIOD, "test", Duration.ofMinutes(10))) {
      assertTheWaitEnds(poller, "Reading the cloud stopped");
    }
  }

  /**
   * A step's wait for pool p1 ends, within seconds, with a transient error that names the pool and
   * says {@code why}.
   */
  static void assertTheWaitEnds(GroupPoller poller, String why) {
    long t0 = System.nanoTime();
    assertThatThrownBy(() -> poller.machines(PolledSessionTest.ref(1)))
        .isInstanceOfSatisfying(
            ProviderException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(ProviderException.Kind.TRANSIENT);
              assertThat(e.getMessage()).contains(why).contains("pool.p1");
            });
    assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(10));
  }

  /**
   * A cloud that learns the end of its writes from the looks reports a failed one for its group:
   * the step waiting on that group gets the error as the cloud located it; the others their
   * machines.
   */
  @Test
  void aWriteTheLookReportsFailedEndsTheWaitOnItsGroupOnly() throws Exception {
    GroupRef failed = PolledSessionTest.ref(1);
    GroupRef fine = PolledSessionTest.ref(2);
    PolledSessionTest.CountingCloud cloud =
        new PolledSessionTest.CountingCloud() {
          @Override
          public Observation observe(Collection<GroupRef> groups, Collection<GroupRef> withMachines)
              throws ProviderException {
            Observation o = super.observe(groups, withMachines);
            return new Observation(
                o.groups(),
                o.machines(),
                java.util.Map.of(
                    failed.cloudId(),
                    new ProviderException(
                        ProviderException.Kind.INVALID_VALUE,
                        "OperationNotAllowed",
                        "machine.size",
                        "resize: the operation failed: quota",
                        null)));
          }
        };
    try (GroupPoller poller = new GroupPoller(cloud, PERIOD, "test")) {
      assertThatThrownBy(() -> poller.machines(failed))
          .isInstanceOfSatisfying(
              ProviderException.class,
              e -> {
                assertThat(e.kind()).isEqualTo(ProviderException.Kind.INVALID_VALUE);
                assertThat(e.attribute()).contains("machine.size");
                assertThat(e.cloudCode()).contains("OperationNotAllowed");
                assertThat(e.getMessage()).contains("quota");
              });
      assertThat(poller.machines(fine)).hasSize(1);
    }
  }

  @Test
  void theDefaultPatienceOutlastsTheLongestPeriod() {
    assertThat(GroupPoller.patience(Duration.ofSeconds(1))).isEqualTo(Duration.ofMinutes(5));
    assertThat(GroupPoller.patience(Duration.ofSeconds(30)))
        .isEqualTo(Duration.ofSeconds(30).multipliedBy(10L * GroupPoller.MAX_STRETCH));
  }
}
