package dev.poolform.runtime.provider;

import dev.poolform.ir.IrCapacity;
import dev.poolform.ir.IrRollout;
import java.util.Optional;

/**
 * A rollout run by the cloud itself ({@code engine = "cloud"}): AWS instance refresh, Azure rolling
 * upgrades. The engine starts it, polls it until done or {@code rollout.timeout}, and cancels it on
 * timeout.
 */
public interface CloudRollouts {
  /**
   * Starts replacing machines not on the group's current spec; returns the cloud's rollout id. The
   * settings sent are {@code ir.rollout.RolloutMapping}'s for the pool's rollout and capacity, the
   * mapping the compiler reported W0502/E0407 from.
   */
  String start(GroupRef ref, IrRollout rollout, IrCapacity capacity) throws ProviderException;

  /** The latest rollout of the group, if any. */
  Optional<CloudRolloutStatus> status(GroupRef ref) throws ProviderException;

  void cancel(GroupRef ref) throws ProviderException;
}
