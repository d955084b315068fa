package dev.poolform.runtime.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.poolform.ir.IntOrPercent;
import dev.poolform.ir.IrHealth;
import dev.poolform.ir.IrPool;
import dev.poolform.ir.json.CanonicalJson;
import dev.poolform.ir.json.ValueJson;
import dev.poolform.runtime.plan.TreeDiff;
import dev.poolform.runtime.spec.PoolSpecs;
import dev.poolform.stdlib.value.Literals;
import dev.poolform.stdlib.value.SecretValue;
import dev.poolform.testing.fixtures.Pools;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class StateCodecTest {
  @Test
  void roundTripsEveryField() throws Exception {
    State s = StateFixtures.sample();
    byte[] bytes = StateCodec.encode(s);
    State back = StateCodec.decode(CanonicalJson.parse(bytes), "pool.state.json");
    assertThat(back).isEqualTo(s);
    assertThat(StateCodec.encode(back)).isEqualTo(bytes);
  }

  @Test
  void fragmentEncodingIsByteIdenticalToTheTreeEncoding() {
    StateCodec.Fragments f = new StateCodec.Fragments();
    State s = StateFixtures.sample();
    assertThat(new String(StateCodec.encode(s, f), StandardCharsets.UTF_8))
        .isEqualTo(new String(StateCodec.encode(s), StandardCharsets.UTF_8));
    // Cached fragments stay right as resources come and go.
    State t = s.withoutResource("pool.db").withoutPending(p -> true).withSerial(5);
    assertThat(StateCodec.encode(t, f)).isEqualTo(StateCodec.encode(t));
    State u = State.empty();
    assertThat(StateCodec.encode(u, f)).isEqualTo(StateCodec.encode(u));
  }

  @Test
  void canonicalBytesSortedIndentedWithTrailingNewline() {
    String text = new String(StateCodec.encode(StateFixtures.sample()), StandardCharsets.UTF_8);
    assertThat(text).endsWith("}\n").doesNotContain("\r").doesNotContain("\t");
    assertThat(text)
        .startsWith("{\n  \"configuration\": \"web.pool\",\n  \"format_version\": 4,\n");
    // Keys of the top object in sorted order.
    assertThat(text.indexOf("\"format_version\"")).isLessThan(text.indexOf("\"lineage\""));
    assertThat(text.indexOf("\"lineage\"")).isLessThan(text.indexOf("\"pending\""));
    assertThat(text.indexOf("\"pending\"")).isLessThan(text.indexOf("\"released\""));
    assertThat(text.indexOf("\"released\"")).isLessThan(text.indexOf("\"resources\""));
    assertThat(text.indexOf("\"resources\"")).isLessThan(text.indexOf("\"serial\""));
    assertThat(text.indexOf("\"serial\"")).isLessThan(text.indexOf("\"tool_version\""));
    assertThat(text).contains("\n    \"pool.db\": {\n");
  }

  @Test
  void secretsAreStoredAsKeyedDigestsOnly() {
    String text = new String(StateCodec.encode(StateFixtures.sample()), StandardCharsets.UTF_8);
    assertThat(text)
        .doesNotContain("hunter2")
        .doesNotContain(SecretValue.sha256Hex("#cloud-config\npassword: hunter2\n"))
        .containsPattern("\"user_data\": \"hmac-sha256:[0-9a-f]{16}:[0-9a-f]{64}\"");
  }

  /**
   * Format 2 kept a plain SHA-256 of each secret and knew nothing of released groups or of the
   * configuration a state belongs to. It upgrades through both steps: 2 → 3 keeps those digests as
   * they are (the runtime still verifies them, so nothing rolls out) and only moves the version; 3
   * → 4 adds an empty released list and no configuration.
   */
  @Test
  void upgradesFormatTwoThroughThreeToFour() throws Exception {
    String plain = "sha256:" + SecretValue.sha256Hex("#!/bin/sh\n");
    State sample = StateFixtures.sample();
    ObjectNode doc = StateCodec.toJson(sample);
    doc.put("format_version", 2);
    doc.remove("released");
    doc.remove("configuration");
    ((ObjectNode) doc.at("/resources/pool.web/spec/machine")).put("user_data", plain);
    State s = StateCodec.decode(CanonicalJson.parse(CanonicalJson.bytes(doc)), "pool.state.json");
    assertThat(s.formatVersion()).isEqualTo(4);
    assertThat(s.resource("pool.web").orElseThrow().spec().at("/machine/user_data").asText())
        .isEqualTo(plain);
    assertThat(s.released()).isEmpty();
    assertThat(s.configuration()).isEmpty();
    assertThat(s.resource("pool.db")).isEqualTo(sample.resource("pool.db"));
    assertThat(new String(StateCodec.encode(s), StandardCharsets.UTF_8))
        .startsWith("{\n  \"format_version\": 4,");
  }

  @Test
  void upgradesFormatZero() throws Exception {
    String v0 =
        """
        {"version": 0, "serial": 7, "lineage": "abc",
         "pools": [{"address": "pool.web", "cloud": "local.dev", "id": "web-123", "name": "web",
                    "spec": {"address": "pool.web", "machine": {"image": "img"}}, "hash": "sha256:00"}]}
        """;
    State s = StateCodec.decode(CanonicalJson.parse(v0), "pool.state.json");
    assertThat(s.formatVersion()).isEqualTo(StateCodec.FORMAT_VERSION);
    assertThat(s.serial()).isEqualTo(7);
    assertThat(s.lineage()).isEqualTo("abc");
    ResourceState r = s.resource("pool.web").orElseThrow();
    assertThat(r.cloud().key()).isEqualTo("local.dev");
    assertThat(r.group().cloudId()).isEqualTo("web-123");
    assertThat(r.specHash()).isEqualTo("sha256:00");
    assertThat(r.spec().path("machine").path("image").asText()).isEqualTo("img");
    assertThat(s.pending()).isEmpty();
  }

  /**
   * Format 3 (keyed digests) knew nothing of released groups or of the configuration a state
   * belongs to; its digests are kept as they are.
   */
  @Test
  void upgradesFormatThreeWithNothingReleasedAndNoConfiguration() throws Exception {
    State sample = StateFixtures.sample();
    var doc = StateCodec.toJson(sample);
    doc.put("format_version", 3);
    doc.remove("released");
    doc.remove("configuration");
    State s = StateCodec.decode(doc, "pool.state.json");
    assertThat(s.formatVersion()).isEqualTo(4);
    assertThat(s.released()).isEmpty();
    assertThat(s.configuration()).isEmpty();
    assertThat(s.resources()).isEqualTo(sample.resources());
  }

  /**
   * A format-1 file as the previous codec wrote it: counts as strings, no health block as null.
   * Read back, each spec equals the IR codec's spec of the same pool, so the first plan after an
   * upgrade shows nothing changed.
   */
  @Test
  void upgradesFormatOneSpecsToTheIrForm() throws Exception {
    IrPool plain = Pools.pool("web").build();
    IrPool tuned =
        Pools.pool("db")
            .rollout(IntOrPercent.percentOf(25), IntOrPercent.count(2))
            .health(
                new IrHealth(Duration.ofMinutes(5), IntOrPercent.count(3), IrHealth.Repair.REPLACE))
            .build();
    String v1 =
        """
        {"format_version": 1, "serial": 3, "lineage": "abc", "pending": [], "tool_version": "t",
         "resources": {
          "pool.web": {"cloud": {"kind": "sim", "name": "test", "settings": {}},
                       "group": {"cloud_id": "web", "name": "web"},
                       "observed": {"desired": 2, "instances": 2, "max": 10, "min": 0},
                       "spec": %s, "spec_hash": "sha256:01"},
          "pool.db": {"cloud": {"kind": "sim", "name": "test", "settings": {}},
                      "group": {"cloud_id": "db", "name": "db"},
                      "observed": {"desired": 2, "instances": 2, "max": 10, "min": 0},
                      "spec": %s, "spec_hash": "sha256:02"}}}
        """
            .formatted(
                formatOneSpec(plain, null),
                formatOneSpec(
                    tuned,
                    "{\"grace\": \"5m\", \"max_unhealthy\": \"3\", \"repair\": \"replace\"}"));
    String rollout = "\"max_surge\": \"%s\", \"max_unavailable\": \"%s\"";
    assertThat(v1).contains(rollout.formatted("1", "0")).contains(rollout.formatted("25%", "2"));

    State s = StateCodec.decode(CanonicalJson.parse(v1), "pool.state.json");
    assertThat(s.formatVersion()).isEqualTo(StateCodec.FORMAT_VERSION);
    assertThat(s.released()).isEmpty();
    assertThat(s.configuration()).isEmpty();
    assertThat(s.resource("pool.web").orElseThrow().spec()).isEqualTo(PoolSpecs.specOf(plain));
    assertThat(s.resource("pool.db").orElseThrow().spec()).isEqualTo(PoolSpecs.specOf(tuned));
    assertThat(TreeDiff.diff(s.resource("pool.db").orElseThrow().spec(), PoolSpecs.specOf(tuned)))
        .isEmpty();
    // Written back, it is the current format and reads back the same.
    State again = StateCodec.decode(CanonicalJson.parse(StateCodec.encode(s)), "pool.state.json");
    assertThat(again).isEqualTo(s);
  }

  /** A spec the way format 1 wrote it (the previous PoolSpecs): counts as strings, health null. */
  private static String formatOneSpec(IrPool p, String health) {
    var r = p.rollout();
    return """
        {"address": "%s", "name": "%s", "cloud": {"kind": "sim", "name": "test"},
         "capacity": {"desired": %d, "max": %d, "min": %d}, "machine": %s,
         "rollout": {"max_surge": "%s", "max_unavailable": "%s", "min_ready": "%s", "pause": "%s",
                     "delete_order": "%s", "timeout": "%s", "auto_rollback": %s, "engine": "%s"},
         "health": %s, "labels": {}, "after": []}
        """
        .formatted(
            p.address(),
            p.name(),
            p.capacity().desired().getAsLong(),
            p.capacity().max(),
            p.capacity().min(),
            CanonicalJson.compact(ValueJson.toJson(p.machine())),
            r.maxSurge(),
            r.maxUnavailable(),
            Literals.formatDuration(r.minReady().toMillis()),
            Literals.formatDuration(r.pause().toMillis()),
            r.deleteOrder().text(),
            Literals.formatDuration(r.timeout().toMillis()),
            r.autoRollback(),
            r.engine().text(),
            health == null ? "null" : health);
  }

  @Test
  void malformedFormatZeroIsCorrupt() {
    assertThatThrownBy(
            () ->
                StateCodec.decode(
                    CanonicalJson.parse(
                        "{\"version\":0,\"serial\":1,\"lineage\":\"x\",\"pools\":[{\"address\":\"pool.a\",\"cloud\":\"nodot\",\"id\":\"i\",\"name\":\"a\",\"spec\":{},\"hash\":\"h\"}]}"),
                    "s"))
        .isInstanceOfSatisfying(
            StateException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(StateException.Kind.CORRUPT);
              assertThat(e.getMessage()).contains("KIND.NAME");
            });
  }

  @Test
  void missingFieldIsCorrupt() {
    assertThatThrownBy(
            () ->
                StateCodec.decode(
                    CanonicalJson.parse("{\"format_version\":1,\"serial\":1}"), "pool.state.json"))
        .isInstanceOfSatisfying(
            StateException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(StateException.Kind.CORRUPT);
              assertThat(e.getMessage()).contains("lineage").contains("pool.state.json.backup");
            });
  }
}
