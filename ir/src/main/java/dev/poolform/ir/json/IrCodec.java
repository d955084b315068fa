package dev.poolform.ir.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.poolform.ir.IntOrPercent;
import dev.poolform.ir.IrConfig;
import dev.poolform.ir.IrHealth;
import dev.poolform.ir.IrMove;
import dev.poolform.ir.IrPool;
import dev.poolform.ir.IrVariable;
import dev.poolform.stdlib.value.Literals;
import dev.poolform.stdlib.value.NullValue;
import java.time.Duration;

/**
 * The one JSON form of the IR: what {@code pool compile --emit ir} prints, and, without the parts
 * only the compiler's output carries, the applied spec that state records and plans show.
 *
 * <p>Keys are sorted at every level; counts are numbers; durations, percentages and byte sizes are
 * their canonical literal text ({@code "1h30m"}, {@code "25%"}, {@code "64GiB"}); {@code desired =
 * external} is {@code "external"}; a secret is {@code "(sensitive)"} in the compiler's output and
 * its keyed digest in the runtime's specs, never its value (values through {@link ValueJson}).
 * Trees come out {@linkplain CanonicalJson#normalize normalised}, so one built here equals the same
 * one read back from a file.
 */
public final class IrCodec {
  private IrCodec() {}

  /** The configuration as canonical text, a trailing newline included. */
  public static String write(IrConfig config) {
    ObjectNode root = CanonicalJson.object();
    root.put("version", config.version());
    ArrayNode pools = root.putArray("pools");
    for (IrPool p : config.pools()) pools.add(pool(p));
    if (!config.variables().isEmpty()) root.set("variables", variables(config));
    if (!config.moves().isEmpty()) {
      ArrayNode moves = root.putArray("moves");
      for (IrMove m : config.moves()) {
        ObjectNode o = moves.addObject();
        o.put("from", m.from());
        o.put("to", m.to());
        o.put("source", m.span().file().displayPath() + ":" + m.span().line());
      }
    }
    return CanonicalJson.write(root);
  }

  /**
   * {@code "variables": {NAME: {"value": V, "source": "FILE:LINE"}}}; a sensitive variable has
   * {@code "sensitive": true} and no value. Only present when the configuration declares variables,
   * so the IR of one that does not is unchanged.
   */
  private static ObjectNode variables(IrConfig config) {
    ObjectNode vars = CanonicalJson.object();
    for (IrVariable v : config.variables()) {
      ObjectNode o = vars.putObject(v.name());
      if (v.sensitive()) o.put("sensitive", true);
      else o.set("value", ValueJson.toJson(v.value().orElse(NullValue.INSTANCE)));
      o.put("source", v.source());
    }
    return vars;
  }

  /**
   * One pool as the IR document has it: its {@link #spec} plus the {@code capi} block (when given),
   * the cloud's {@code settings} and {@code source}, the file and line it was declared at.
   */
  public static ObjectNode pool(IrPool p) {
    ObjectNode o = specTree(p);
    ((ObjectNode) o.get("cloud")).set("settings", ValueJson.toJson(p.cloud().settings()));
    p.capi().ifPresent(c -> o.set("capi", ValueJson.toJson(c)));
    o.put("source", p.origin().pool().file().displayPath() + ":" + p.origin().pool().line());
    return (ObjectNode) CanonicalJson.normalize(o);
  }

  /**
   * The applied spec of a pool, as state records it: {@code address, name, cloud {kind, name},
   * capacity, machine, rollout, health, labels, after}. Cloud settings are left to state's own
   * per-resource record, and the {@code capi} block and the source position are the compiler's
   * output only: none of them is something a cloud is changed for.
   */
  public static ObjectNode spec(IrPool p) {
    return (ObjectNode) CanonicalJson.normalize(specTree(p));
  }

  private static ObjectNode specTree(IrPool p) {
    ObjectNode o = CanonicalJson.object();
    o.put("address", p.address());
    o.put("name", p.name());
    ObjectNode cloud = o.putObject("cloud");
    cloud.put("kind", p.cloud().kind());
    cloud.put("name", p.cloud().name());
    ObjectNode cap = o.putObject("capacity");
    cap.put("min", p.capacity().min());
    cap.put("max", p.capacity().max());
    if (p.capacity().external()) cap.put("desired", "external");
    else cap.put("desired", p.capacity().desired().getAsLong());
    o.set("machine", ValueJson.toJson(p.machine()));
    ObjectNode r = o.putObject("rollout");
    r.set("max_surge", amount(p.rollout().maxSurge()));
    r.set("max_unavailable", amount(p.rollout().maxUnavailable()));
    r.put("min_ready", duration(p.rollout().minReady()));
    r.put("pause", duration(p.rollout().pause()));
    r.put("delete_order", p.rollout().deleteOrder().text());
    r.put("timeout", duration(p.rollout().timeout()));
    r.put("auto_rollback", p.rollout().autoRollback());
    r.put("engine", p.rollout().engine().text());
    // Only when set: the applied specs state already holds have no such key, and an empty list
    // there would read as a change of every pool.
    if (!p.rollout().alarms().isEmpty()) {
      ArrayNode alarms = r.putArray("alarms");
      p.rollout().alarms().forEach(alarms::add);
    }
    o.set("health", health(p.health()));
    ObjectNode labels = o.putObject("labels");
    p.labels().forEach(labels::put);
    ArrayNode after = o.putArray("after");
    p.after().forEach(after::add);
    return o;
  }

  /** The health block: {@code grace}, {@code max_unhealthy}, {@code repair}. */
  public static ObjectNode health(IrHealth health) {
    ObjectNode h = CanonicalJson.object();
    h.put("grace", duration(health.grace()));
    h.set("max_unhealthy", amount(health.maxUnhealthy()));
    h.put("repair", health.repair().text());
    return h;
  }

  /** A count as a number, a percentage as its text: {@code 1}, {@code "25%"}. */
  public static JsonNode amount(IntOrPercent a) {
    return a.percent()
        ? CanonicalJson.NODES.textNode(a.toString())
        : CanonicalJson.NODES.numberNode((long) a.value());
  }

  private static String duration(Duration d) {
    return Literals.formatDuration(d.toMillis());
  }
}
