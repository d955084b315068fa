package dev.poolform.runtime.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.poolform.files.SafeFiles;
import dev.poolform.ir.json.CanonicalJson;
import dev.poolform.runtime.provider.GroupRef;
import dev.poolform.runtime.state.AtomicFiles;
import dev.poolform.runtime.state.StateStore;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The {@code --out PLANFILE} codec: the plan JSON of {@link PlanJson} plus what apply needs to
 * refuse a stale plan and to act ({@code kind}, {@code version}, {@code config_hash}, {@code
 * prior_lineage}, {@code prior_serial}, {@code live_fingerprint}, {@code live}, and per change
 * {@code group} / {@code adopt}). The file holds no secret values (digests only); apply recompiles
 * the configuration and checks its hash instead of trusting a copy.
 */
public final class PlanFile {
  private PlanFile() {}

  public static final String KIND = "poolform-plan";

  /**
   * 2 since state format 2: the before/after trees and the configuration hash are of the IR's own
   * JSON form, so a format-1 plan could neither be checked for staleness nor applied as made.
   */
  public static final int VERSION = 2;

  public static ObjectNode toJson(Plan plan) {
    ObjectNode o = PlanJson.toJson(plan);
    o.put("kind", KIND);
    o.put("version", VERSION);
    o.put("config_hash", plan.configHash());
    o.put("prior_lineage", plan.priorLineage());
    o.put("prior_serial", plan.priorSerial());
    o.put("live_fingerprint", plan.liveFingerprint());
    o.set("live", plan.live());
    ArrayNode changes = (ArrayNode) o.get("changes");
    for (int i = 0; i < plan.changes().size(); i++) {
      PoolChange c = plan.changes().get(i);
      ObjectNode co = (ObjectNode) changes.get(i);
      c.group().ifPresent(g -> co.set("group", ref(g)));
      c.adopt().ifPresent(g -> co.set("adopt", ref(g)));
    }
    return o;
  }

  public static void write(Plan plan, Path file) throws IOException {
    AtomicFiles.write(file, CanonicalJson.bytes(toJson(plan)));
  }

  /**
   * Writes the plan and which configuration it was made for ({@code configuration}, relative to the
   * plan file), so that {@code pool apply PLANFILE} compiles that configuration and uses its state,
   * wherever it is run from.
   */
  public static void write(Plan plan, Path file, Path configuration) throws IOException {
    ObjectNode o = toJson(plan);
    Path dir = file.toAbsolutePath().normalize().getParent();
    String rel = dir.relativize(configuration.toAbsolutePath().normalize()).toString();
    o.put("configuration", rel.isEmpty() ? "." : rel.replace('\\', '/'));
    AtomicFiles.write(file, CanonicalJson.bytes(o));
  }

  /** The configuration a plan file was made for, if it says (plan files of 0.1 do not). */
  public static Optional<Path> configuration(Path file) throws IOException {
    JsonNode o;
    try {
      o = CanonicalJson.parse(SafeFiles.readRegular(file, StateStore.MAX_BYTES));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      return Optional.empty();
    }
    if (!o.path("configuration").isTextual()) return Optional.empty();
    return Optional.of(
        file.toAbsolutePath()
            .normalize()
            .getParent()
            .resolve(o.get("configuration").asText())
            .normalize());
  }

  public static Plan read(Path file) throws IOException, PlanFileException {
    JsonNode o;
    try {
      o = CanonicalJson.parse(SafeFiles.readRegular(file, StateStore.MAX_BYTES));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new PlanFileException(file.getFileName() + " is not a plan file (not valid JSON).");
    }
    return fromJson(o, file.getFileName().toString());
  }

  public static Plan fromJson(JsonNode o, String name) throws PlanFileException {
    if (!KIND.equals(o.path("kind").asText())) {
      throw new PlanFileException(name + " is not a plan file written by `pool plan --out`.");
    }
    if (o.path("version").asInt() != VERSION) {
      throw new PlanFileException(
          name
              + " has plan format "
              + o.path("version").asText()
              + "; this Poolform reads format "
              + VERSION
              + ". Make the plan again with this version.");
    }
    try {
      List<PoolChange> changes = new ArrayList<>();
      for (JsonNode c : o.path("changes")) changes.add(change(c));
      List<Drift> drift = new ArrayList<>();
      for (JsonNode d : o.path("drift")) drift.add(drift(d));
      return new Plan(
          text(o, "config_hash"),
          text(o, "prior_lineage"),
          o.get("prior_serial").asLong(),
          text(o, "live_fingerprint"),
          changes,
          drift,
          o.path("live").isObject() ? (ObjectNode) o.get("live") : CanonicalJson.object(),
          request(o));
    } catch (RuntimeException e) {
      throw new PlanFileException(name + " is a damaged plan file; make the plan again.");
    }
  }

  /** The request; a plan file from before requests were recorded is of the whole configuration. */
  private static PlanRequest request(JsonNode o) {
    if (!o.has("mode")) return PlanRequest.ALL;
    List<String> targets = new ArrayList<>();
    o.path("targets").forEach(t -> targets.add(t.asText()));
    List<String> replace = new ArrayList<>();
    o.path("replace").forEach(t -> replace.add(t.asText()));
    return new PlanRequest(PlanRequest.Mode.fromText(text(o, "mode")), targets, replace);
  }

  /** One change; a field missing or of the wrong type throws, and the file counts as damaged. */
  private static PoolChange change(JsonNode c) {
    List<AttributeDiff> diffs = new ArrayList<>();
    for (JsonNode d : c.path("diff")) {
      diffs.add(
          new AttributeDiff(
              d.get("path").asText(),
              d.has("old") ? d.get("old") : MissingNode.getInstance(),
              d.has("new") ? d.get("new") : MissingNode.getInstance(),
              d.path("sensitive").asBoolean()));
    }
    List<String> reasons = new ArrayList<>();
    c.path("reasons").forEach(r -> reasons.add(r.asText()));
    List<String> targets = new ArrayList<>();
    c.path("repair_targets").forEach(r -> targets.add(r.asText()));
    String address = c.get("address").asText();
    List<StrayGroup> strays = new ArrayList<>();
    for (JsonNode g : c.path("strays")) {
      strays.add(
          new StrayGroup(
              text(g, "cloud"), new GroupRef(address, text(g, "name"), text(g, "cloud_id"))));
    }
    return new PoolChange(
        address,
        Action.fromText(c.get("action").asText()),
        c.path("cloud").asText(),
        c.get("before"),
        c.get("after"),
        diffs,
        reasons,
        targets,
        ref(address, c.get("group")),
        ref(address, c.get("adopt")),
        strays);
  }

  private static Drift drift(JsonNode d) {
    return new Drift(
        d.get("address").asText(),
        d.get("path").asText(),
        d.get("applied"),
        d.get("live"),
        d.get("reason").asText());
  }

  private static String text(JsonNode o, String f) {
    JsonNode v = o.get(f);
    if (v == null || !v.isTextual()) throw new IllegalArgumentException(f);
    return v.asText();
  }

  private static ObjectNode ref(GroupRef g) {
    ObjectNode o = CanonicalJson.object();
    o.put("name", g.name());
    o.put("cloud_id", g.cloudId());
    return o;
  }

  private static Optional<GroupRef> ref(String address, JsonNode n) {
    if (n == null || n.isNull()) return Optional.empty();
    return Optional.of(new GroupRef(address, n.get("name").asText(), n.get("cloud_id").asText()));
  }
}
