package dev.poolform.runtime.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.poolform.runtime.json.CanonicalJson;
import java.nio.charset.StandardCharsets;
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
    assertThat(text).startsWith("{\n  \"format_version\": 1,\n  \"lineage\": ");
    // Keys of the top object in sorted order.
    assertThat(text.indexOf("\"format_version\"")).isLessThan(text.indexOf("\"lineage\""));
    assertThat(text.indexOf("\"lineage\"")).isLessThan(text.indexOf("\"pending\""));
    assertThat(text.indexOf("\"pending\"")).isLessThan(text.indexOf("\"resources\""));
    assertThat(text.indexOf("\"resources\"")).isLessThan(text.indexOf("\"serial\""));
    assertThat(text.indexOf("\"serial\"")).isLessThan(text.indexOf("\"tool_version\""));
    assertThat(text).contains("\n    \"pool.db\": {\n");
  }

  @Test
  void secretsAreStoredAsDigestsOnly() {
    String text = new String(StateCodec.encode(StateFixtures.sample()), StandardCharsets.UTF_8);
    assertThat(text).doesNotContain("hunter2").contains("\"user_data\": \"sha256:");
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
    assertThat(s.formatVersion()).isEqualTo(1);
    assertThat(s.serial()).isEqualTo(7);
    assertThat(s.lineage()).isEqualTo("abc");
    ResourceState r = s.resource("pool.web").orElseThrow();
    assertThat(r.cloud().key()).isEqualTo("local.dev");
    assertThat(r.group().cloudId()).isEqualTo("web-123");
    assertThat(r.specHash()).isEqualTo("sha256:00");
    assertThat(r.spec().path("machine").path("image").asText()).isEqualTo("img");
    assertThat(s.pending()).isEmpty();
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
