package dev.poolform.runtime.state;

import com.fasterxml.jackson.databind.JsonNode;
import dev.poolform.runtime.provider.GroupRef;
import java.util.Optional;

/**
 * One pool as Poolform last applied it.
 *
 * @param address {@code pool.<name>}
 * @param cloud the cloud it lives on
 * @param group the cloud's ids for the group
 * @param spec the applied spec tree ({@link dev.poolform.runtime.spec.PoolSpecs#specOf}); secrets
 *     as digests
 * @param specHash the machine spec hash of the applied spec
 * @param observed what the cloud reported at the last apply
 * @param rollout a rollout in flight, if any
 * @param owed work a step started and has not seen through (machines not yet available), if any
 */
public record ResourceState(
    String address,
    StateCloud cloud,
    GroupRef group,
    JsonNode spec,
    String specHash,
    ObservedState observed,
    Optional<RolloutProgress> rollout,
    Optional<OwedWork> owed) {

  /**
   * {@code spec} is taken as is (not copied) because records are rebuilt on every state step; pass
   * a normalised tree ({@link dev.poolform.ir.json.CanonicalJson#normalize}) and never mutate it
   * afterwards.
   */
  public ResourceState {
    java.util.Objects.requireNonNull(spec, "spec");
    java.util.Objects.requireNonNull(owed, "owed");
  }

  /** An entry that owes nothing. */
  public ResourceState(
      String address,
      StateCloud cloud,
      GroupRef group,
      JsonNode spec,
      String specHash,
      ObservedState observed,
      Optional<RolloutProgress> rollout) {
    this(address, cloud, group, spec, specHash, observed, rollout, Optional.empty());
  }

  public ResourceState withRollout(Optional<RolloutProgress> r) {
    return new ResourceState(address, cloud, group, spec, specHash, observed, r, owed);
  }

  public ResourceState withObserved(ObservedState o) {
    return new ResourceState(address, cloud, group, spec, specHash, o, rollout, owed);
  }

  public ResourceState withSpec(JsonNode s, String hash) {
    return new ResourceState(address, cloud, group, s, hash, observed, rollout, owed);
  }

  public ResourceState withOwed(Optional<OwedWork> o) {
    return new ResourceState(address, cloud, group, spec, specHash, observed, rollout, o);
  }

  /** The same entry on another cloud key: the cloud was renamed, it points at the same place. */
  public ResourceState onCloud(StateCloud c) {
    return new ResourceState(address, c, group, spec, specHash, observed, rollout, owed);
  }

  public ResourceState withAddress(String newAddress) {
    GroupRef g = new GroupRef(newAddress, group.name(), group.cloudId());
    JsonNode s = spec.deepCopy();
    if (s.isObject())
      ((com.fasterxml.jackson.databind.node.ObjectNode) s).put("address", newAddress);
    s = dev.poolform.ir.json.CanonicalJson.normalize(s);
    return new ResourceState(newAddress, cloud, g, s, specHash, observed, rollout, owed);
  }
}
