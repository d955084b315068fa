package dev.poolform.runtime.state;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.poolform.ir.json.CanonicalJson;
import dev.poolform.runtime.provider.GroupRef;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * {@link State} to canonical JSON and back. The layout (format 4) is documented in
 * docs/json.md#state-file; field names are snake_case, timestamps ISO-8601 UTC.
 */
public final class StateCodec {
  private StateCodec() {}

  /** The format this version writes. */
  public static final int FORMAT_VERSION = 4;

  /** The Poolform version recorded in state files this build writes. */
  public static final String TOOL_VERSION = toolVersion();

  private static final List<StateUpgrader> UPGRADERS =
      List.of(
          new Format0Upgrader(),
          new Format1Upgrader(),
          new Format2Upgrader(),
          new Format3Upgrader());

  private static String toolVersion() {
    String v = StateCodec.class.getPackage().getImplementationVersion();
    return v != null ? v : "0.1.0-SNAPSHOT";
  }

  public static byte[] encode(State s) {
    return CanonicalJson.bytes(toJson(s));
  }

  /**
   * Remembers each resource's canonical text while the resource record stays the same instance, so
   * that writing a state after one pool changed re-encodes that pool only. An apply writes the
   * state after every step; with a thousand pools, encoding the whole file each time dominated.
   */
  public static final class Fragments {
    private final java.util.HashMap<String, Object[]> cache = new java.util.HashMap<>();

    synchronized String of(ResourceState r) {
      Object[] hit = cache.get(r.address());
      if (hit != null && hit[0] == r) return (String) hit[1];
      String text = indent(CanonicalJson.write(resource(r)).stripTrailing(), "    ");
      cache.put(r.address(), new Object[] {r, text});
      return text;
    }

    synchronized void retain(java.util.Set<String> addresses) {
      cache.keySet().retainAll(addresses);
    }
  }

  /**
   * The same bytes as {@link #encode(State)} (a test holds them equal), assembled from cached
   * per-resource text.
   */
  public static byte[] encode(State s, Fragments fragments) {
    StringBuilder sb = new StringBuilder(64 * 1024);
    sb.append("{\n");
    s.configuration()
        .ifPresent(
            c ->
                sb.append("  \"configuration\": ")
                    .append(CanonicalJson.compact(CanonicalJson.NODES.textNode(c)))
                    .append(",\n"));
    sb.append("  \"format_version\": ").append(FORMAT_VERSION).append(",\n");
    sb.append("  \"lineage\": ")
        .append(CanonicalJson.compact(CanonicalJson.NODES.textNode(s.lineage())))
        .append(",\n");
    ArrayNode pend = CanonicalJson.array();
    for (PendingIntent p : s.pending()) pend.add(intent(p));
    sb.append("  \"pending\": ")
        .append(indent(CanonicalJson.write(pend).stripTrailing(), "  "))
        .append(",\n");
    sb.append("  \"released\": ")
        .append(indent(CanonicalJson.write(released(s)).stripTrailing(), "  "))
        .append(",\n");
    if (s.resources().isEmpty()) {
      sb.append("  \"resources\": {},\n");
    } else {
      sb.append("  \"resources\": {\n");
      int i = 0;
      for (Map.Entry<String, ResourceState> e : s.resources().entrySet()) {
        sb.append("    ")
            .append(CanonicalJson.compact(CanonicalJson.NODES.textNode(e.getKey())))
            .append(": ");
        sb.append(fragments.of(e.getValue()));
        sb.append(++i < s.resources().size() ? ",\n" : "\n");
      }
      sb.append("  },\n");
    }
    fragments.retain(s.resources().keySet());
    sb.append("  \"serial\": ").append(s.serial()).append(",\n");
    sb.append("  \"tool_version\": ")
        .append(CanonicalJson.compact(CanonicalJson.NODES.textNode(s.toolVersion())))
        .append("\n");
    sb.append("}\n");
    return sb.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }

  /** Indents every line but the first (the caller has placed it). */
  private static String indent(String text, String by) {
    return text.replace("\n", "\n" + by);
  }

  public static ObjectNode toJson(State s) {
    ObjectNode o = CanonicalJson.object();
    o.put("format_version", FORMAT_VERSION);
    o.put("serial", s.serial());
    o.put("lineage", s.lineage());
    o.put("tool_version", s.toolVersion());
    ObjectNode res = CanonicalJson.object();
    for (Map.Entry<String, ResourceState> e : s.resources().entrySet())
      res.set(e.getKey(), resource(e.getValue()));
    o.set("resources", res);
    ArrayNode pend = CanonicalJson.array();
    for (PendingIntent p : s.pending()) pend.add(intent(p));
    o.set("pending", pend);
    s.configuration().ifPresent(c -> o.put("configuration", c));
    o.set("released", released(s));
    return o;
  }

  private static ArrayNode released(State s) {
    ArrayNode out = CanonicalJson.array();
    for (ReleasedGroup r : s.released()) {
      ObjectNode o = out.addObject();
      o.put("address", r.address());
      o.set("cloud", cloud(r.cloud()));
      o.set("group", group(r.group()));
      o.put("released_at", r.releasedAt().toString());
      o.put("untagged", r.untagged());
    }
    return out;
  }

  private static ObjectNode cloud(StateCloud cloud) {
    ObjectNode c = CanonicalJson.object();
    c.put("kind", cloud.kind());
    c.put("name", cloud.name());
    c.set("settings", cloud.settings());
    return c;
  }

  private static ObjectNode group(GroupRef ref) {
    ObjectNode g = CanonicalJson.object();
    g.put("name", ref.name());
    g.put("cloud_id", ref.cloudId());
    return g;
  }

  /** One resource as its canonical object (shared with the {@link StateJournal}). */
  static ObjectNode resource(ResourceState r) {
    ObjectNode o = CanonicalJson.object();
    o.set("cloud", cloud(r.cloud()));
    o.set("group", group(r.group()));
    o.set("spec", r.spec());
    o.put("spec_hash", r.specHash());
    ObjectNode obs = CanonicalJson.object();
    obs.put("min", r.observed().min());
    obs.put("max", r.observed().max());
    obs.put("desired", r.observed().desired());
    r.observed().specHash().ifPresent(h -> obs.put("spec_hash", h));
    obs.put("instances", r.observed().instances());
    o.set("observed", obs);
    r.rollout().ifPresent(p -> o.set("rollout", rollout(p)));
    r.owed().ifPresent(w -> o.set("owed", owed(w)));
    return o;
  }

  private static ObjectNode owed(OwedWork w) {
    ObjectNode o = CanonicalJson.object();
    o.put("step", w.step());
    o.put("since", w.since().toString());
    w.failure().ifPresent(f -> o.put("failure", f));
    return o;
  }

  private static ObjectNode rollout(RolloutProgress p) {
    ObjectNode o = CanonicalJson.object();
    o.put("from_hash", p.fromHash());
    o.put("to_hash", p.toHash());
    o.put("started_at", p.startedAt().toString());
    o.put("engine", p.engine());
    p.cloudRolloutId().ifPresent(id -> o.put("cloud_rollout_id", id));
    o.put("failed_launches", p.failedLaunches());
    o.put("rolling_back", p.rollingBack());
    if (p.rebalancingSuspended()) o.put("rebalancing_suspended", true);
    return o;
  }

  static ObjectNode intent(PendingIntent p) {
    ObjectNode o = CanonicalJson.object();
    o.put("operation", p.operation());
    o.put("address", p.address());
    o.put("token", p.token());
    o.put("expected_name", p.expectedName());
    o.put("started_at", p.startedAt().toString());
    return o;
  }

  /**
   * Parses a state document of any known format, upgrading older ones.
   *
   * @throws StateException CORRUPT (not a state document) or NEWER_FORMAT
   */
  public static State decode(JsonNode doc, String fileName) throws StateException {
    if (!doc.isObject()) throw corrupt(fileName, "it is not a JSON object");
    int format;
    if (doc.has("format_version")) format = doc.get("format_version").asInt(-1);
    else if (doc.has("version")) format = doc.get("version").asInt(-1);
    else throw corrupt(fileName, "it has no `format_version`");
    if (format > FORMAT_VERSION) {
      throw new StateException(
          StateException.Kind.NEWER_FORMAT,
          fileName
              + " has format version "
              + format
              + ", written by a newer Poolform; this version"
              + " reads formats up to "
              + FORMAT_VERSION
              + ". Upgrade Poolform to use this state.");
    }
    if (format < 0) throw corrupt(fileName, "its `format_version` is not a number");
    JsonNode d = doc;
    while (format < FORMAT_VERSION) {
      final int f = format;
      StateUpgrader u =
          UPGRADERS.stream()
              .filter(x -> x.from() == f)
              .findFirst()
              .orElseThrow(() -> corrupt(fileName, "format version " + f + " is not known"));
      d = u.upgrade(d);
      format++;
    }
    try {
      return fromJson(d);
    } catch (RuntimeException e) {
      throw corrupt(fileName, e.getMessage());
    }
  }

  /*
   * Every field is read through a helper that checks its type and, when it is wrong, names it by
   * its JSON pointer (RFC 6901): a hand edit such as `"desired": "three"` is refused with where it
   * is, not read as 0.
   */

  private static State fromJson(JsonNode d) {
    long serial = whole(d, "", "serial", -1);
    String lineage = text(d, "", "lineage");
    String tool = optText(d, "", "tool_version").orElse("unknown");
    TreeMap<String, ResourceState> res = new TreeMap<>();
    JsonNode rs = object(d, "", "resources");
    Iterator<Map.Entry<String, JsonNode>> it = rs.properties().iterator();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      res.put(e.getKey(), resource(e.getKey(), e.getValue(), "/resources/" + escape(e.getKey())));
    }
    List<PendingIntent> pending = intents(array(d, "", "pending"), "/pending");
    List<ReleasedGroup> released = new ArrayList<>();
    int i = 0;
    for (JsonNode r : array(d, "", "released")) {
      String at = "/released/" + i++;
      String address = text(r, at, "address");
      released.add(
          new ReleasedGroup(
              address,
              stateCloud(object(r, at, "cloud"), at + "/cloud"),
              groupRef(address, object(r, at, "group"), at + "/group"),
              instant(r, at, "released_at"),
              bool(r, at, "untagged")));
    }
    Optional<String> configuration = optText(d, "", "configuration");
    return new State(FORMAT_VERSION, serial, lineage, tool, res, pending, configuration, released);
  }

  /** The pending intents of a {@code pending} array (shared with the {@link StateJournal}). */
  static List<PendingIntent> intents(JsonNode array) {
    return intents(array, "/pending");
  }

  private static List<PendingIntent> intents(JsonNode array, String pointer) {
    List<PendingIntent> pending = new ArrayList<>();
    int i = 0;
    for (JsonNode p : array) {
      String at = pointer + "/" + i++;
      pending.add(
          new PendingIntent(
              text(p, at, "operation"),
              text(p, at, "address"),
              text(p, at, "token"),
              text(p, at, "expected_name"),
              instant(p, at, "started_at")));
    }
    return pending;
  }

  /** One resource entry of the state (shared with the {@link StateJournal}). */
  static ResourceState resource(String address, JsonNode r) {
    return resource(address, r, "/resources/" + escape(address));
  }

  private static StateCloud stateCloud(JsonNode c, String at) {
    return new StateCloud(text(c, at, "kind"), text(c, at, "name"), c.path("settings"));
  }

  private static GroupRef groupRef(String address, JsonNode g, String at) {
    return new GroupRef(address, text(g, at, "name"), text(g, at, "cloud_id"));
  }

  private static ResourceState resource(String address, JsonNode r, String at) {
    if (!r.isObject()) throw wrongType(at, "an object", r);
    StateCloud cloud = stateCloud(object(r, at, "cloud"), at + "/cloud");
    GroupRef ref = groupRef(address, object(r, at, "group"), at + "/group");
    JsonNode o = r.path("observed");
    String oat = at + "/observed";
    if (!o.isMissingNode() && !o.isObject()) throw wrongType(oat, "an object", o);
    ObservedState obs =
        new ObservedState(
            whole(o, oat, "min", 0),
            whole(o, oat, "max", 0),
            whole(o, oat, "desired", 0),
            optText(o, oat, "spec_hash"),
            (int) whole(o, oat, "instances", 0));
    Optional<RolloutProgress> rollout = Optional.empty();
    if (r.hasNonNull("rollout")) {
      JsonNode p = object(r, at, "rollout");
      String pat = at + "/rollout";
      rollout =
          Optional.of(
              new RolloutProgress(
                  text(p, pat, "from_hash"),
                  text(p, pat, "to_hash"),
                  instant(p, pat, "started_at"),
                  optText(p, pat, "engine").orElse("poolform"),
                  optText(p, pat, "cloud_rollout_id"),
                  (int) whole(p, pat, "failed_launches", 0),
                  bool(p, pat, "rolling_back"),
                  bool(p, pat, "rebalancing_suspended")));
    }
    Optional<OwedWork> owed = Optional.empty();
    if (r.hasNonNull("owed")) {
      JsonNode w = object(r, at, "owed");
      String wat = at + "/owed";
      owed =
          Optional.of(
              new OwedWork(
                  text(w, wat, "step"), instant(w, wat, "since"), optText(w, wat, "failure")));
    }
    return new ResourceState(
        address, cloud, ref, req(r, at, "spec"), text(r, at, "spec_hash"), obs, rollout, owed);
  }

  private static JsonNode req(JsonNode n, String at, String f) {
    JsonNode v = n.get(f);
    if (v == null || v.isNull())
      throw new IllegalArgumentException("the required field `" + at + "/" + f + "` is missing");
    return v;
  }

  private static JsonNode object(JsonNode n, String at, String f) {
    JsonNode v = req(n, at, f);
    if (!v.isObject()) throw wrongType(at + "/" + f, "an object", v);
    return v;
  }

  /** An array, or none when the field is absent. */
  private static JsonNode array(JsonNode n, String at, String f) {
    JsonNode v = n.get(f);
    if (v == null || v.isNull()) return MissingNode.getInstance();
    if (!v.isArray()) throw wrongType(at + "/" + f, "an array", v);
    return v;
  }

  private static String text(JsonNode n, String at, String f) {
    JsonNode v = req(n, at, f);
    if (!v.isTextual()) throw wrongType(at + "/" + f, "a string", v);
    return v.asText();
  }

  private static Optional<String> optText(JsonNode n, String at, String f) {
    JsonNode v = n.get(f);
    if (v == null || v.isNull()) return Optional.empty();
    if (!v.isTextual()) throw wrongType(at + "/" + f, "a string", v);
    return Optional.of(v.asText());
  }

  /** A whole number from 0 up; {@code absent} when the field is missing (-1: it is required). */
  private static long whole(JsonNode n, String at, String f, long absent) {
    JsonNode v = n.get(f);
    if (v == null || v.isNull()) {
      if (absent >= 0) return absent;
      throw new IllegalArgumentException("the required field `" + at + "/" + f + "` is missing");
    }
    if (!v.isIntegralNumber() || !v.canConvertToLong() || v.asLong() < 0) {
      throw wrongType(at + "/" + f, "a whole number from 0 to " + Long.MAX_VALUE, v);
    }
    return v.asLong();
  }

  private static boolean bool(JsonNode n, String at, String f) {
    JsonNode v = n.get(f);
    if (v == null || v.isNull()) return false;
    if (!v.isBoolean()) throw wrongType(at + "/" + f, "true or false", v);
    return v.booleanValue();
  }

  private static Instant instant(JsonNode n, String at, String f) {
    try {
      return Instant.parse(text(n, at, f));
    } catch (DateTimeParseException e) {
      throw wrongType(at + "/" + f, "an ISO-8601 time", n.get(f));
    }
  }

  private static IllegalArgumentException wrongType(String pointer, String wanted, JsonNode v) {
    String found = v.toString();
    if (found.length() > 40) found = found.substring(0, 37) + "...";
    return new IllegalArgumentException("`" + pointer + "` must be " + wanted + ", found " + found);
  }

  /** A key as a JSON pointer token (RFC 6901). */
  private static String escape(String key) {
    return key.replace("~", "~0").replace("/", "~1");
  }

  private static StateException corrupt(String fileName, String why) {
    return new StateException(
        StateException.Kind.CORRUPT,
        fileName
            + " is not a valid Poolform state: "
            + why
            + ". Restore it from git or from "
            + fileName
            + ".backup; nothing was changed.");
  }
}
