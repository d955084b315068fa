package dev.poolform.runtime.observe;

import dev.poolform.runtime.provider.ObservedMachine;
import dev.poolform.runtime.provider.ObservedMachine.MachineState;
import java.util.List;

/**
 * A pool's machines by condition. {@code updated} and {@code outdated} split the live machines (all
 * but terminating ones) by whether they run the configured spec; a machine whose spec the cloud
 * does not report counts as outdated.
 *
 * @param live machines not terminating
 * @param ready healthy machines
 * @param booting pending or running machines whose health is not known yet
 * @param unhealthy unhealthy or failed machines
 * @param updated live machines on the configured spec
 * @param outdated live machines on an older (or unknown) spec
 */
public record MachineCounts(
    int live, int ready, int booting, int unhealthy, int updated, int outdated) {

  static MachineCounts of(List<ObservedMachine> machines, String currentHash) {
    int live = 0;
    int ready = 0;
    int booting = 0;
    int unhealthy = 0;
    int updated = 0;
    for (ObservedMachine m : machines) {
      if (m.state() == MachineState.TERMINATING) continue;
      live++;
      switch (m.state()) {
        case HEALTHY -> ready++;
        case PENDING, RUNNING -> booting++;
        case UNHEALTHY, FAILED -> unhealthy++;
        case TERMINATING -> {}
      }
      if (m.specHash().map(currentHash::equals).orElse(false)) updated++;
    }
    return new MachineCounts(live, ready, booting, unhealthy, updated, live - updated);
  }
}
