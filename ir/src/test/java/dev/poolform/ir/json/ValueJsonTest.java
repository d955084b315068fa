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

  @Test
  void writesValuesAsUsersWroteThemAndSecretsAsDigests() {
    String json = CanonicalJson.compact(ValueJson.toJson(machine(new SecretValue("p@ss"))));
    assertThat(json)
        .contains("\"size\":\"64GiB\"")
        .contains("\"on_demand_percent\":\"25%\"")
        .contains("\"max_price\":0.05")
        .contains("\"user_data\":\"" + new SecretValue("p@ss").digest() + "\"")
        .doesNotContain("p@ss");
  }

  @Test
  void readsBackWithATemplateIncludingAnUnchangedSecret() {
    MapValue m = machine(new SecretValue("p@ss"));
    var back = ValueJson.fromJson(ValueJson.toJson(m), Optional.of(m));
    assertThat(back).contains(m);
  }

  @Test
  void aSecretThatChangedCannotBeReadBack() {
    var back =
        ValueJson.fromJson(
            ValueJson.toJson(machine(new SecretValue("old"))),
            Optional.of(machine(new SecretValue("new"))));
    assertThat(back).isEmpty();
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
