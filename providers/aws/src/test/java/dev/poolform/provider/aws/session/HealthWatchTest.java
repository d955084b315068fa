package dev.poolform.provider.aws.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.poolform.runtime.provider.ObservedMachine.MachineState;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class HealthWatchTest {
  final Instant launch = Instant.parse("2026-01-01T00:00:00Z");
  final AtomicReference<Instant> now = new AtomicReference<>(launch.plusSeconds(10));
  final Clock clock =
      new Clock() {
        @Override
        public ZoneOffset getZone() {
          return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
          return this;
        }

        @Override
        public Instant instant() {
          return now.get();
        }
      };

  @Test
  void aWatchedInstanceIsHealthyFromTheFirstLookThatFoundItSo() {
    HealthWatch w = new HealthWatch(clock);
    assertThat(w.healthySince("i-1", MachineState.PENDING, launch)).isEmpty();
    now.set(launch.plusSeconds(90));
    assertThat(w.healthySince("i-1", MachineState.HEALTHY, launch))
        .contains(launch.plusSeconds(90));
    now.set(launch.plusSeconds(120));
    assertThat(w.healthySince("i-1", MachineState.HEALTHY, launch))
        .as("not moved by later looks")
        .contains(launch.plusSeconds(90));
    assertThat(w.healthySince("i-1", MachineState.UNHEALTHY, launch)).isEmpty();
    now.set(launch.plusSeconds(200));
    assertThat(w.healthySince("i-1", MachineState.HEALTHY, launch))
        .as("counted again after a relapse")
        .contains(launch.plusSeconds(200));
  }

  @Test
  void anInstanceHealthyAtTheFirstLookIsHealthySinceItsLaunch() {
    HealthWatch w = new HealthWatch(clock);
    assertThat(w.healthySince("i-2", MachineState.HEALTHY, launch)).contains(launch);
  }
}
