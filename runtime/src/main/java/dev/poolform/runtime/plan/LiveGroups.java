package dev.poolform.runtime.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * What moved in the clouds between a saved plan and now, said per group, so a stale plan names the
 * group and the values instead of only a hash. Reads the {@code live} object of a plan: one entry
 * per group read, keyed {@code CLOUD ADDRESS} (or {@code CLOUD ADDRESS owned CLOUD_ID} for a group
 * found by its lineage tag), holding {@code name}, {@code cloud_id}, {@code min}, {@code max},
 * {@code desired}, {@code spec_hash} and {@code tags}.
 */
public final class LiveGroups {
  private LiveGroups() {}

  /**
   * One line per group that changed, appeared or went away, e.g. {@code pool.web (group web on
   * local.default): desired 2 -> 5}. Empty when either side is unknown (a plan file of an earlier
   * version) or nothing differs. A group the plan read twice (by state and by its lineage tag) is
   * said once.
   */
  public static List<String> changes(ObjectNode before, ObjectNode now) {
    Set<String> out = new LinkedHashSet<>();
    if (before.isEmpty() || now.isEmpty()) return List.of();
    TreeSet<String> keys = new TreeSet<>();
    before.fieldNames().forEachRemaining(keys::add);
    now.fieldNames().forEachRemaining(keys::add);
    for (String key : keys) {
      JsonNode was = before.get(key);
      JsonNode is = now.get(key);
      if (was != null && was.equals(is)) continue;
      JsonNode any = is != null ? is : was;
      String where = where(key, any);
      if (was == null) out.add(where + " appeared");
      else if (is == null) out.add(where + " is gone");
      else out.add(where + ": " + String.join(", ", fields(was, is)));
    }
    return List.copyOf(out);
  }

  /** {@code pool.web (group web on local.default)}. */
  private static String where(String key, JsonNode group) {
    String[] parts = key.split(" ", -1);
    String cloud = parts[0];
    String address = parts.length > 1 ? parts[1] : "?";
    return address + " (group " + group.path("name").asText("?") + " on " + cloud + ")";
  }

  private static List<String> fields(JsonNode was, JsonNode is) {
    List<String> out = new ArrayList<>();
    TreeSet<String> names = new TreeSet<>();
    was.fieldNames().forEachRemaining(names::add);
    is.fieldNames().forEachRemaining(names::add);
    for (String f : names) {
      if (f.equals("tags")) {
        tags(was.path("tags"), is.path("tags"), out);
      } else if (!was.path(f).equals(is.path(f))) {
        out.add(f + " " + text(was.path(f)) + " -> " + text(is.path(f)));
      }
    }
    return out;
  }

  private static void tags(JsonNode was, JsonNode is, List<String> out) {
    TreeSet<String> names = new TreeSet<>();
    was.fieldNames().forEachRemaining(names::add);
    is.fieldNames().forEachRemaining(names::add);
    for (String t : names) {
      if (!was.path(t).equals(is.path(t))) {
        out.add("tag " + t + " " + text(was.path(t)) + " -> " + text(is.path(t)));
      }
    }
  }

  private static String text(JsonNode v) {
    return v.isMissingNode() ? "(none)" : v.asText();
  }
}
