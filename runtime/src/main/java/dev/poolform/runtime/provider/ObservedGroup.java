package dev.poolform.runtime.provider;

import dev.poolform.stdlib.value.MapValue;
import java.util.Map;
import java.util.Optional;

/**
 * A group as the cloud reports it now.
 *
 * @param ref how to find it again
 * @param min the group's minimum size
 * @param max the group's maximum size
 * @param desired the group's desired size as the cloud reports it
 * @param specHash the hash of the machine spec new machines are launched with (the template
 *     version's or model's {@code poolform:spec-hash} tag); empty if the cloud does not say
 * @param machine the machine attributes the cloud reports, in the IR's shape (only the ones it can
 *     read back), for drift
 * @param tags the group's tags, {@code poolform:*} included
 * @param instanceCount machines currently in the group (any state)
 * @param cloudRollout a rollout the cloud is running on its own ({@code engine = "cloud"}), if any
 * @param partial only part of a group exists, e.g. an AWS launch template whose Auto Scaling Group
 *     a killed create never made: {@link CloudSession#findOwned} reports it so that it can be
 *     deleted ({@link CloudSession#delete} removes what there is), but it is no group to adopt or
 *     act on
 */
public record ObservedGroup(
    GroupRef ref,
    long min,
    long max,
    long desired,
    Optional<String> specHash,
    MapValue machine,
    Map<String, String> tags,
    int instanceCount,
    Optional<CloudRolloutStatus> cloudRollout,
    boolean partial) {
  public ObservedGroup {
    tags = Map.copyOf(tags);
  }

  /** A whole group. */
  public ObservedGroup(
      GroupRef ref,
      long min,
      long max,
      long desired,
      Optional<String> specHash,
      MapValue machine,
      Map<String, String> tags,
      int instanceCount,
      Optional<CloudRolloutStatus> cloudRollout) {
    this(ref, min, max, desired, specHash, machine, tags, instanceCount, cloudRollout, false);
  }

  /** The same observation under {@code ref}: a cloud read by name answers with its own ref. */
  public ObservedGroup withRef(GroupRef ref) {
    return new ObservedGroup(
        ref, min, max, desired, specHash, machine, tags, instanceCount, cloudRollout, partial);
  }
}
