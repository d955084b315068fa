package dev.poolform.ir;

import dev.poolform.stdlib.value.BoolValue;
import dev.poolform.stdlib.value.BytesValue;
import dev.poolform.stdlib.value.CloudValue;
import dev.poolform.stdlib.value.DurationValue;
import dev.poolform.stdlib.value.ExternalValue;
import dev.poolform.stdlib.value.IntValue;
import dev.poolform.stdlib.value.ListValue;
import dev.poolform.stdlib.value.Literals;
import dev.poolform.stdlib.value.MapValue;
import dev.poolform.stdlib.value.NullValue;
import dev.poolform.stdlib.value.NumberValue;
import dev.poolform.stdlib.value.PercentValue;
import dev.poolform.stdlib.value.SecretValue;
import dev.poolform.stdlib.value.StringValue;
import dev.poolform.stdlib.value.Value;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The canonical JSON of the IR (docs/json.md#ir): keys sorted at every level, two-space indent,
 * {@code "key": value}, a trailing newline, byte-identical across runs. Durations, percentages and
 * byte sizes are their canonical text ({@code "1h30m"}, {@code "25%"}, {@code "64GiB"}); secrets
 * are {@code "sha256:<hex>"}, never their value.
 */
public final class IrJson {
  private IrJson() {}

  public static String write(IrConfig config) {
    TreeMap<String, Object> root = new TreeMap<>();
    root.put("version", (long) config.version());
    List<Object> pools = new java.util.ArrayList<>(config.pools().size());
    for (IrPool p : config.pools()) pools.add(pool(p));
    root.put("pools", pools);
    StringBuilder sb = new StringBuilder(256 + config.pools().size() * 1024);
    write(sb, root, 0);
    return sb.append('\n').toString();
  }

  /** One pool as a JSON object (keys sorted); also used by state and plan encoders. */
  public static Map<String, Object> pool(IrPool p) {
    TreeMap<String, Object> m = new TreeMap<>();
    m.put("address", p.address());
    m.put("after", List.copyOf(p.after()));
    TreeMap<String, Object> cap = new TreeMap<>();
    cap.put("min", p.capacity().min());
    cap.put("max", p.capacity().max());
    cap.put(
        "desired",
        p.capacity().external()
            ? (Object) "external"
            : (Object) p.capacity().desired().getAsLong());
    m.put("capacity", cap);
    p.capi().ifPresent(c -> m.put("capi", c));
    TreeMap<String, Object> cloud = new TreeMap<>();
    cloud.put("kind", p.cloud().kind());
    cloud.put("name", p.cloud().name());
    cloud.put("settings", p.cloud().settings());
    m.put("cloud", cloud);
    TreeMap<String, Object> health = new TreeMap<>();
    health.put("grace", duration(p.health().grace()));
    health.put("max_unhealthy", amount(p.health().maxUnhealthy()));
    health.put("repair", p.health().repair().text());
    m.put("health", health);
    m.put("labels", new TreeMap<String, Object>(p.labels()));
    m.put("machine", p.machine());
    m.put("name", p.name());
    TreeMap<String, Object> r = new TreeMap<>();
    IrRollout ro = p.rollout();
    r.put("auto_rollback", ro.autoRollback());
    r.put("delete_order", ro.deleteOrder().text());
    r.put("engine", ro.engine().text());
    r.put("max_surge", amount(ro.maxSurge()));
    r.put("max_unavailable", amount(ro.maxUnavailable()));
    r.put("min_ready", duration(ro.minReady()));
    r.put("pause", duration(ro.pause()));
    r.put("timeout", duration(ro.timeout()));
    m.put("rollout", r);
    m.put("source", p.origin().pool().file().displayPath() + ":" + p.origin().pool().line());
    return m;
  }

  private static String duration(Duration d) {
    return Literals.formatDuration(d.toMillis());
  }

  private static Object amount(IntOrPercent a) {
    return a.percent() ? a.toString() : (Object) (long) a.value();
  }

  /** Writes a JSON value: String, Long, Boolean, null, Map (sorted), List, or a language Value. */
  private static void write(StringBuilder sb, Object o, int indent) {
    if (o instanceof Value v) {
      writeValue(sb, v, indent);
    } else if (o instanceof String s) {
      string(sb, s);
    } else if (o instanceof Long || o instanceof Integer) {
      sb.append(o);
    } else if (o instanceof Boolean b) {
      sb.append(b);
    } else if (o == null) {
      sb.append("null");
    } else if (o instanceof Map<?, ?> m) {
      object(sb, m, indent);
    } else if (o instanceof List<?> l) {
      array(sb, l, indent);
    } else {
      string(sb, o.toString());
    }
  }

  private static void writeValue(StringBuilder sb, Value v, int indent) {
    if (v instanceof StringValue s) string(sb, s.value());
    else if (v instanceof IntValue i) sb.append(i.value());
    else if (v instanceof NumberValue n) sb.append(Literals.formatNumber(n.value()));
    else if (v instanceof BoolValue b) sb.append(b.value());
    else if (v instanceof NullValue) sb.append("null");
    else if (v instanceof DurationValue d) string(sb, Literals.formatDuration(d.millis()));
    else if (v instanceof PercentValue p) string(sb, p.toString());
    else if (v instanceof BytesValue b) string(sb, Literals.formatBytes(b.bytes()));
    else if (v instanceof SecretValue s) string(sb, s.digest());
    else if (v instanceof ExternalValue) string(sb, "external");
    else if (v instanceof CloudValue c) string(sb, c.name());
    else if (v instanceof ListValue l) array(sb, l.items(), indent);
    else object(sb, ((MapValue) v).entries(), indent);
  }

  private static void object(StringBuilder sb, Map<?, ?> m, int indent) {
    if (m.isEmpty()) {
      sb.append("{}");
      return;
    }
    Map<?, ?> sorted = m instanceof java.util.SortedMap<?, ?> ? m : new TreeMap<>(m);
    sb.append("{\n");
    boolean first = true;
    for (Map.Entry<?, ?> e : sorted.entrySet()) {
      if (!first) sb.append(",\n");
      first = false;
      pad(sb, indent + 1);
      string(sb, e.getKey().toString());
      sb.append(": ");
      write(sb, e.getValue(), indent + 1);
    }
    sb.append('\n');
    pad(sb, indent);
    sb.append('}');
  }

  private static void array(StringBuilder sb, List<?> l, int indent) {
    if (l.isEmpty()) {
      sb.append("[]");
      return;
    }
    sb.append("[\n");
    for (int i = 0; i < l.size(); i++) {
      if (i > 0) sb.append(",\n");
      pad(sb, indent + 1);
      write(sb, l.get(i), indent + 1);
    }
    sb.append('\n');
    pad(sb, indent);
    sb.append(']');
  }

  private static void pad(StringBuilder sb, int indent) {
    for (int i = 0; i < indent; i++) sb.append("  ");
  }

  static void string(StringBuilder sb, String s) {
    sb.append(dev.poolform.stdlib.value.Literals.jsonQuote(s));
  }
}
