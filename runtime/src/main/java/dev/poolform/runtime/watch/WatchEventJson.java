package dev.poolform.runtime.watch;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.poolform.ir.json.CanonicalJson;

/**
 * A watch event as one JSON object (docs/json.md#watch-events): {@code {"time", "type", "address",
 * "message", "details": [...]}}; the same shape in {@code pool watch --json}, the event log and
 * {@code --notify} posts.
 */
public final class WatchEventJson {
  private WatchEventJson() {}

  public static ObjectNode toJson(WatchEvent e) {
    ObjectNode o = CanonicalJson.object();
    o.put("time", e.at().toString());
    o.put("type", e.kind().text());
    o.put("address", e.address());
    o.put("message", e.message());
    ArrayNode d = o.putArray("details");
    e.details().forEach(d::add);
    return o;
  }
}
