package dev.poolform.provider.azure.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.resourcemanager.compute.models.InstanceViewStatus;
import dev.poolform.runtime.provider.ObservedMachine.MachineState;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** How a VM's provisioning and power states map onto a machine's state. */
class ObservedTest {
  static MachineState state(String provisioning, String power) {
    return Observed.machine(
            "vm-1",
            provisioning,
            List.of(new InstanceViewStatus().withCode("PowerState/" + power)),
            null,
            false,
            OffsetDateTime.parse("2026-12-05T12:00:00Z"),
            List.of(),
            Optional.empty())
        .state();
  }

  @Test
  void aVmThatIsStillStartingIsOnItsWayNotUnhealthy() {
    // The model and the instance view come from separate reads: Succeeded beside the power state
    // of a moment before is a machine booting (a scale failed at once on it as "unhealthy").
    assertThat(state("Succeeded", "starting")).isEqualTo(MachineState.RUNNING);
  }

  @Test
  void runningIsHealthyAndStoppedOrDeallocatedIsUnhealthy() {
    assertThat(state("Succeeded", "running")).isEqualTo(MachineState.HEALTHY);
    assertThat(state("Succeeded", "stopped")).isEqualTo(MachineState.UNHEALTHY);
    assertThat(state("Succeeded", "deallocated")).isEqualTo(MachineState.UNHEALTHY);
    assertThat(state("Creating", "starting")).isEqualTo(MachineState.PENDING);
  }
}
