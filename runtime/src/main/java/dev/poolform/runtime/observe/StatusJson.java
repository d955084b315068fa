package dev.poolform.runtime.observe;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.poolform.ir.json.CanonicalJson;
import dev.poolform.runtime.engine.Problem;
import dev.poolform.runtime.provider.CloudEvent;
import java.util.List;

/**
 * The {@code pool status --json} document (docs/json.md#status):
 *
 * <pre>
 * {"time", "healthy", "current", "problems": [{"address", "message"}],
 *  "pools": [{"address", "cloud", "group", "missing_group", "desired", "instances",
 *             "machines": {"live", "ready", "booting", "unhealthy", "updated", "outdated"} | null,
 *             "launches_current_spec", "rollout": {"engine", "percent", "phase", "message"} | null,
 *             "healthy", "current", "health": [...], "drift": [...], "action", "reasons": [...],
 *             "owed": [...], "events": [{"time", "status", "description", "cause"}]}]}
 * </pre>
 */
public final class StatusJson {
  private StatusJson() {}

  public static ObjectNode toJson(FleetStatus s) {
    ObjectNode o = CanonicalJson.object();
    o.put("time", s.at().toString());
    o.put("healthy", s.healthy());
    o.put("current", s.current());
    ArrayNode problems = o.putArray("problems");
    for (Problem p : s.problems()) {
      ObjectNode n = problems.addObject();
      if (p.address().isPresent()) n.put("address", p.address().get());
      else n.putNull("address");
      n.put("message", p.message());
    }
    ArrayNode pools = o.putArray("pools");
    for (PoolStatus p : s.pools()) pools.add(pool(p));
    return o;
  }

  public static String write(FleetStatus s) {
    return CanonicalJson.write(toJson(s));
  }

  static ObjectNode pool(PoolStatus p) {
    ObjectNode o = CanonicalJson.object();
    o.put("address", p.address());
    o.put("cloud", p.cloud());
    if (p.group().isPresent()) o.put("group", p.group().get());
    else o.putNull("group");
    if (p.missingGroup().isPresent()) o.put("missing_group", p.missingGroup().get());
    else o.putNull("missing_group");
    o.put("desired", p.desired());
    o.put("instances", p.instances());
    if (p.machines().isPresent()) {
      MachineCounts m = p.machines().get();
      ObjectNode n = o.putObject("machines");
      n.put("live", m.live());
      n.put("ready", m.ready());
      n.put("booting", m.booting());
      n.put("unhealthy", m.unhealthy());
      n.put("updated", m.updated());
      n.put("outdated", m.outdated());
    } else {
      o.putNull("machines");
    }
    o.put("launches_current_spec", p.launchesCurrentSpec());
    if (p.rollout().isPresent()) {
      RolloutState r = p.rollout().get();
      ObjectNode n = o.putObject("rollout");
      n.put("engine", r.engine());
      n.put("percent", r.percent());
      n.put("phase", r.phase());
      n.put("message", r.message());
    } else {
      o.putNull("rollout");
    }
    o.put("healthy", p.healthy());
    o.put("current", p.current());
    strings(o, "health", p.health());
    strings(o, "drift", p.drift());
    o.put("action", p.action());
    strings(o, "reasons", p.reasons());
    strings(o, "owed", p.owed());
    ArrayNode events = o.putArray("events");
    for (CloudEvent e : p.events()) {
      ObjectNode n = events.addObject();
      n.put("time", e.time().toString());
      n.put("status", e.status());
      n.put("description", e.description());
      n.put("cause", e.cause());
    }
    return o;
  }

  private static void strings(ObjectNode o, String field, List<String> values) {
    ArrayNode a = o.putArray(field);
    values.forEach(a::add);
  }
}
