package dev.poolform.runtime.engine;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.poolform.ir.IrCloud;
import dev.poolform.ir.json.CanonicalJson;
import dev.poolform.runtime.json.Hashes;
import dev.poolform.runtime.provider.ObservedGroup;
import dev.poolform.runtime.provider.ObservedMachine;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
   * A hash of the groups read (sizes, spec hashes, tags, ids). Machines are left out: they boot and
   * fail on their own all the time, and repair re-checks them at apply anyway.
   */
  public String fingerprint() {
    ArrayNode all = CanonicalJson.array();
    for (Map.Entry<String, CloudRead> e : clouds.entrySet()) {
      ObjectNode c = CanonicalJson.object();
      c.put("cloud", e.getKey());
      c.set("read", groups(e.getValue().read()));
      ArrayNode owned = CanonicalJson.array();
      e.getValue().owned().stream()
          .sorted(
              java.util.Comparator.comparing((ObservedGroup g) -> g.ref().address())
                  .thenComparing(g -> g.ref().cloudId()))
          .forEach(g -> owned.add(group(g).put("address", g.ref().address())));
      c.set("owned", owned);
      all.add(c);
    }
    return Hashes.of(all);
  }

  private static ObjectNode groups(Map<String, ObservedGroup> gs) {
    ObjectNode o = CanonicalJson.object();
    new TreeMap<>(gs).forEach((a, g) -> o.set(a, group(g)));
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
