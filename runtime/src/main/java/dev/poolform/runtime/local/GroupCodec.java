package dev.poolform.runtime.local;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.poolform.ir.json.CanonicalJson;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The group file format (version 2): one JSON object per group, keys sorted, two-space indent,
 * trailing newline, times as ISO-8601 UTC. Documented in docs/runtime.md. Version 1 named the cloud
 * block (whose name was its folder) where version 2 names the region; it is still read.
 */
final class GroupCodec {
  static final int FORMAT = 2;

  /** The format of group files kept in a folder named after their cloud block. */
  static final int FORMAT_PER_BLOCK = 1;

  private static final ObjectMapper JSON =
      new ObjectMapper()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

  private GroupCodec() {}

  /** Thrown for a file that is not a group of a known format. */
  static final class CorruptGroupException extends Exception {
    CorruptGroupException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  static String encode(LocalGroup g) {
    ObjectNode o = JSON.createObjectNode();
    o.put("format", FORMAT);
    o.put("name", g.name());
    o.put("region", g.region());
    o.put("create_token", g.createToken());
    o.put("created_at", g.createdAt().toString());
    o.put("min", g.min());
    o.put("max", g.max());
    o.put("desired", g.desired());
    ObjectNode model = o.putObject("model");
    model.put("version", g.model().version());
    model.put("spec_hash", g.model().specHash());
    model.set("machine", MachineValues.toJson(g.model().machine()));
    ObjectNode tags = o.putObject("tags");
    new TreeMap<>(g.tags()).forEach(tags::put);
    o.put("launches", g.launches());
    ObjectNode s = o.putObject("settings");
    s.put("boot_time_ms", g.settings().bootTime().toMillis());
    s.put("fail_rate", g.settings().failRate());
    s.put("seed", g.settings().seed());
    ArrayNode ms = o.putArray("machines");
    for (LocalMachine m : g.machines()) {
      ObjectNode mo = ms.addObject();
      mo.put("id", m.id());
      m.zone().ifPresent(z -> mo.put("zone", z));
      mo.put("spec_hash", m.specHash());
      mo.put("launched_at", m.launchedAt().toString());
      mo.put("boot_time_ms", m.bootTime().toMillis());
      mo.put("fails_to_boot", m.failsToBoot());
      mo.put("status", m.status().text());
      m.healthySince().ifPresent(t -> mo.put("healthy_since", t.toString()));
      m.failedAt().ifPresent(t -> mo.put("failed_at", t.toString()));
      m.unhealthySince().ifPresent(t -> mo.put("unhealthy_since", t.toString()));
    }
    try {
      // Jackson keeps insertion order for trees; sorted keys keep diffs of the file stable.
      return JSON.writeValueAsString(CanonicalJson.sorted(o)) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a tree of plain nodes always serialises", e);
    }
  }

  /** The format number of a group file's text, or -1 if it has none. */
  static int formatOf(String text) {
    try {
      JsonNode o = JSON.readTree(text);
      return o != null && o.has("format") ? o.get("format").asInt(-1) : -1;
    } catch (JsonProcessingException e) {
      return -1;
    }
  }

  static LocalGroup decode(String text) throws CorruptGroupException {
    try {
      JsonNode o = JSON.readTree(text);
      if (o == null || !o.isObject()) throw new CorruptGroupException("not a JSON object", null);
      int format = req(o, "format").asInt();
      if (format != FORMAT && format != FORMAT_PER_BLOCK) {
        throw new CorruptGroupException(
            "unknown format " + format + " (this version reads " + FORMAT + ")", null);
      }
      JsonNode model = req(o, "model");
      Map<String, String> tags = new TreeMap<>();
      req(o, "tags").properties().forEach(e -> tags.put(e.getKey(), e.getValue().asText()));
      JsonNode s = req(o, "settings");
      LocalSettings settings =
          new LocalSettings(
              Duration.ofMillis(req(s, "boot_time_ms").asLong()),
              req(s, "fail_rate").asDouble(),
              req(s, "seed").asLong());
      List<LocalMachine> machines = new ArrayList<>();
      for (JsonNode m : req(o, "machines")) {
        machines.add(
            new LocalMachine(
                text(m, "id"),
                optText(m, "zone"),
                text(m, "spec_hash"),
                Instant.parse(text(m, "launched_at")),
                Duration.ofMillis(req(m, "boot_time_ms").asLong()),
                req(m, "fails_to_boot").asBoolean(),
                LocalMachine.Status.valueOf(text(m, "status").toUpperCase(java.util.Locale.ROOT)),
                optText(m, "healthy_since").map(Instant::parse),
                optText(m, "failed_at").map(Instant::parse),
                optText(m, "unhealthy_since").map(Instant::parse)));
      }
      return new LocalGroup(
          text(o, "name"),
          text(o, format == FORMAT_PER_BLOCK ? "cloud" : "region"),
          text(o, "create_token"),
          Instant.parse(text(o, "created_at")),
          req(o, "min").asLong(),
          req(o, "max").asLong(),
          req(o, "desired").asLong(),
          new LocalModel(
              req(model, "version").asLong(),
              text(model, "spec_hash"),
              MachineValues.mapFromJson(req(model, "machine"))),
          tags,
          req(o, "launches").asLong(),
          settings,
          machines);
    } catch (CorruptGroupException e) {
      throw e;
    } catch (JsonProcessingException | RuntimeException e) {
      throw new CorruptGroupException(e.getMessage() == null ? e.toString() : e.getMessage(), e);
    }
  }

  private static JsonNode req(JsonNode o, String key) throws CorruptGroupException {
    JsonNode n = o.get(key);
    if (n == null || n.isNull()) throw new CorruptGroupException("missing `" + key + "`", null);
    return n;
  }

  private static String text(JsonNode o, String key) throws CorruptGroupException {
    return req(o, key).asText();
  }

  private static Optional<String> optText(JsonNode o, String key) {
    JsonNode n = o.get(key);
    return n == null || n.isNull() ? Optional.empty() : Optional.of(n.asText());
  }
}
