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
 */
public record ResourceState(
    String address,
    StateCloud cloud,
    GroupRef group,
    JsonNode spec,
    String specHash,
    ObservedState observed,
    Optional<RolloutProgress> rollout) {

  public ResourceState {
    spec = dev.poolform.runtime.json.CanonicalJson.normalize(spec);
  }

  public ResourceState withRollout(Optional<RolloutProgress> r) {
    return new ResourceState(address, cloud, group, spec, specHash, observed, r);
  }

  public ResourceState withObserved(ObservedState o) {
    return new ResourceState(address, cloud, group, spec, specHash, o, rollout);
  }

  public ResourceState withSpec(JsonNode s, String hash) {
    return new ResourceState(address, cloud, group, s, hash, observed, rollout);
  }

  public ResourceState withAddress(String newAddress) {
    GroupRef g = new GroupRef(newAddress, group.name(), group.cloudId());
    JsonNode s = spec.deepCopy();
    if (s.isObject()) ((com.fasterxml.jackson.databind.node.ObjectNode) s).put("address", newAddress);
    return new ResourceState(newAddress, cloud, g, s, specHash, observed, rollout);
  }
}
