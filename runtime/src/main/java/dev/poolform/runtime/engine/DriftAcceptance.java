package dev.poolform.runtime.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.poolform.ir.json.CanonicalJson;
import dev.poolform.runtime.plan.Drift;
import dev.poolform.runtime.state.ObservedState;
import dev.poolform.runtime.state.ResourceState;
import dev.poolform.runtime.state.State;
import java.util.List;
import java.util.Optional;

/**
 * What applying a refresh-only plan does: the state takes what the clouds show where they drifted,
 * and nothing in the clouds changes (as Terraform's {@code -refresh-only}). A size or labels
 * changed outside Poolform become the applied values, a machine spec changed outside becomes the
 * applied spec hash (so the next plan rolls out to the configuration), and a group deleted outside
 * leaves the state (so the next plan creates the pool again). The next ordinary plan then shows the
 * way back to the configuration as changes, not as drift.
 */
public final class DriftAcceptance {
  private DriftAcceptance() {}

  public static State accept(State state, List<Drift> drift) {
    State s = state;
    for (Drift d : drift) {
      Optional<ResourceState> r = s.resource(d.address());
      if (r.isEmpty()) continue;
      if (d.path().equals("group")) {
        s = s.withoutResource(d.address());
      } else if (d.path().equals("machine")) {
        s = s.withResource(r.get().withSpec(r.get().spec(), d.live().asText()));
      } else {
        ResourceState next =
            r.get().withSpec(set(r.get().spec(), d.path(), d.live()), r.get().specHash());
        s = s.withResource(next.withObserved(observed(next.observed(), d)));
      }
    }
    return s;
  }

  /** What {@code pool show} reports: the drifted size, as the cloud has it. */
  private static ObservedState observed(ObservedState o, Drift d) {
    long v = d.live().asLong();
    return switch (d.path()) {
      case "capacity.min" ->
          new ObservedState(v, o.max(), o.desired(), o.specHash(), o.instances());
      case "capacity.max" ->
          new ObservedState(o.min(), v, o.desired(), o.specHash(), o.instances());
      case "capacity.desired" ->
          new ObservedState(o.min(), o.max(), v, o.specHash(), o.instances());
      default -> o;
    };
  }

  /** A copy of {@code spec} with the dotted {@code path} set to {@code value}. */
  private static JsonNode set(JsonNode spec, String path, JsonNode value) {
    ObjectNode copy = spec.deepCopy();
    List<String> parts = List.of(path.split("\\.", -1));
    ObjectNode at = copy;
    for (String part : parts.subList(0, parts.size() - 1)) {
      JsonNode next = at.path(part);
      if (!next.isObject()) {
        next = CanonicalJson.object();
        at.set(part, next);
      }
      at = (ObjectNode) next;
    }
    at.set(parts.get(parts.size() - 1), value);
    return CanonicalJson.normalize(copy);
  }
}
