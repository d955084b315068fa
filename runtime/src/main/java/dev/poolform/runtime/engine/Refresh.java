package dev.poolform.runtime.engine;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.poolform.ir.IrCloud;
import dev.poolform.ir.json.CanonicalJson;
import dev.poolform.runtime.provider.ObservedGroup;
import dev.poolform.runtime.provider.ObservedMachine;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Everything a plan read from the clouds: per cloud, the groups in state ({@code read}) and the
 * groups tagged with this lineage ({@code owned}); machines of pools with a health block.
 */
public record Refresh(
    SortedMap<String, CloudRead> clouds, SortedMap<String, List<ObservedMachine>> machines) {
  public Refresh {
    clouds = new TreeMap<>(clouds);
    machines = new TreeMap<>(machines);
  }

  /**
   * @param read the groups state names, keyed by address
   * @param owned every group tagged with the lineage (several per address during a replace)
   */
  public record CloudRead(
      IrCloud cloud, Map<String, ObservedGroup> read, List<ObservedGroup> owned) {
    public CloudRead {
      read = Map.copyOf(read);
      owned = List.copyOf(owned);
    }
  }

  public Optional<ObservedGroup> live(String cloudKey, String address) {
    CloudRead r = clouds.get(cloudKey);
    return r == null ? Optional.empty() : Optional.ofNullable(r.read().get(address));
  }

  /**
   * The groups read, flattened for the plan's fingerprint and for saying what moved when a saved
   * plan goes stale: one entry per group, {@code CLOUD ADDRESS} for the groups state names and
   * {@code CLOUD ADDRESS owned CLOUD_ID} for those tagged with the lineage (sizes, spec hashes,
   * tags, ids). Machines are left out: they boot and fail on their own all the time, and repair
   * re-checks them at apply anyway. So is the desired size of the pools in {@code desiredNotOwned}
   * ({@code desired = external}): an autoscaler changes it at will, and a plan neither sets nor
   * compares it.
   */
  public ObjectNode live(Set<String> desiredNotOwned) {
    ObjectNode all = CanonicalJson.object();
    for (Map.Entry<String, CloudRead> e : clouds.entrySet()) {
      String cloud = e.getKey();
      new TreeMap<>(e.getValue().read())
          .forEach((a, g) -> all.set(cloud + " " + a, group(g, desiredNotOwned)));
      for (ObservedGroup g : e.getValue().owned()) {
        all.set(
            cloud + " " + g.ref().address() + " owned " + g.ref().cloudId(),
            group(g, desiredNotOwned));
      }
    }
    return all;
  }

  private static ObjectNode group(ObservedGroup g, Set<String> desiredNotOwned) {
    ObjectNode o = group(g);
    String address = g.ref().address();
    int hash = address.indexOf('#');
    if (desiredNotOwned.contains(hash < 0 ? address : address.substring(0, hash))) {
      o.remove("desired");
    }
    return o;
  }

  static ObjectNode group(ObservedGroup g) {
    ObjectNode o = CanonicalJson.object();
    o.put("name", g.ref().name());
    o.put("cloud_id", g.ref().cloudId());
    o.put("min", g.min());
    o.put("max", g.max());
    o.put("desired", g.desired());
    o.put("spec_hash", g.specHash().orElse(""));
    ObjectNode tags = CanonicalJson.object();
    g.tags().forEach(tags::put);
    o.set("tags", tags);
    return o;
  }
}
