package dev.poolform.ir.json;

import static org.assertj.core.api.Assertions.assertThat;

import dev.poolform.stdlib.value.BytesValue;
import dev.poolform.stdlib.value.DurationValue;
import dev.poolform.stdlib.value.IntValue;
import dev.poolform.stdlib.value.ListValue;
import dev.poolform.stdlib.value.MapValue;
import dev.poolform.stdlib.value.NumberValue;
import dev.poolform.stdlib.value.PercentValue;
import dev.poolform.stdlib.value.SecretValue;
import dev.poolform.stdlib.value.StringValue;
import dev.poolform.stdlib.value.Value;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ValueJsonTest {
  static MapValue machine(Value userData) {
    return MapValue.of(
        Map.of(
            "image",
            new StringValue("img"),
            "disk",
            MapValue.of(Map.of("size", new BytesValue(64L << 30), "iops", new IntValue(3000))),
            "spot",
            MapValue.of(
                Map.of(
                    "on_demand_percent", new PercentValue(25), "max_price", new NumberValue(0.05))),
            "zones",
            new ListValue(List.of(new StringValue("a"), new StringValue("b"))),
            "user_data",
            userData));
  }

  /** A secret as the runtime seals it (the digest's text is made up: only its form matters). */
  static SecretValue sealed(String value, char hex) {
    return new SecretValue(value).sealed("hmac-sha256:0a1b:" + String.valueOf(hex).repeat(64));
  }

  @Test
  void writesValuesAsUsersWroteThemAndSecretsAsTheirSealOrHidden() {
    String json = CanonicalJson.compact(ValueJson.toJson(machine(new SecretValue("p@ss"))));
    assertThat(json)
        .contains("\"size\":\"64GiB\"")
        .contains("\"on_demand_percent\":\"25%\"")
        .contains("\"max_price\":0.05")
        .contains("\"user_data\":\"(sensitive)\"")
        .doesNotContain("p@ss");
    SecretValue s = sealed("p@ss", 'c');
    assertThat(CanonicalJson.compact(ValueJson.toJson(machine(s))))
        .contains("\"user_data\":\"" + s.digest().get() + "\"")
        .doesNotContain("p@ss");
    assertThat(ValueJson.isDigest(ValueJson.toJson(s))).isTrue();
    assertThat(ValueJson.isDigest(ValueJson.toJson(new SecretValue("p@ss")))).isTrue();
  }

  @Test
  void readsBackWithATemplateIncludingAnUnchangedSecret() {
    MapValue m = machine(sealed("p@ss", 'c'));
    var back = ValueJson.fromJson(ValueJson.toJson(m), Optional.of(m));
    assertThat(back).contains(m);
  }

  @Test
  void aSecretThatChangedCannotBeReadBack() {
    var back =
        ValueJson.fromJson(
            ValueJson.toJson(machine(sealed("old", 'a'))),
            Optional.of(machine(sealed("new", 'b'))));
    assertThat(back).isEmpty();
  }

  @Test
  void aSecretWithoutDigestCannotBeReadBackEither() {
    MapValue m = machine(new SecretValue("p@ss"));
    assertThat(ValueJson.fromJson(ValueJson.toJson(m), Optional.of(m))).isEmpty();
  }

  @Test
  void withoutATemplateDurationsAreRecognised() {
    var v =
        ValueJson.fromJson(
            CanonicalJson.normalize(
                ValueJson.toJson(
                    MapValue.of(
                        Map.of(
                            "boot_time",
                            new DurationValue(90_000),
                            "region",
                            new StringValue("eu-west-1"))))),
            Optional.empty());
    assertThat(v.orElseThrow())
        .isEqualTo(
            MapValue.of(
                Map.of(
                    "boot_time",
                    new DurationValue(90_000),
                    "region",
                    new StringValue("eu-west-1"))));
  }

  @Test
  void normalisedTreesEqualParsedOnes() throws Exception {
    var built = CanonicalJson.object().put("b", 1L).put("a", 2.5);
    assertThat(CanonicalJson.normalize(built))
        .isEqualTo(CanonicalJson.parse("{\"a\": 2.5, \"b\": 1}"));
    assertThat(CanonicalJson.write(built)).isEqualTo("{\n  \"a\": 2.5,\n  \"b\": 1\n}\n");
  }
}
