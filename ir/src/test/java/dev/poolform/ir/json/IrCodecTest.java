package dev.poolform.ir.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.poolform.ir.IntOrPercent;
import dev.poolform.ir.IrCapacity;
import dev.poolform.ir.IrCloud;
import dev.poolform.ir.IrConfig;
import dev.poolform.ir.IrHealth;
import dev.poolform.ir.IrOrigin;
import dev.poolform.ir.IrPool;
import dev.poolform.ir.IrRollout;
import dev.poolform.source.SourceFile;
import dev.poolform.source.Span;
import dev.poolform.stdlib.value.MapValue;
import dev.poolform.stdlib.value.SecretValue;
import dev.poolform.stdlib.value.StringValue;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The IR's one JSON form. The compiler's IR golden files pin the whole document; this pins how the
 * applied spec (what state keeps) relates to it.
 */
class IrCodecTest {
  static final SourceFile FILE = SourceFile.of("web.pool", "\npool \"web\" on prod {}\n");

  static IrPool pool() {
    return new IrPool(
        "pool.web",
        "web",
        new IrCloud("aws", "prod", MapValue.of(Map.of("region", new StringValue("eu-west-1")))),
        new IrCapacity(1, 5, OptionalLong.empty()),
        MapValue.of(
            Map.of(
                "image", new StringValue("ami-12345678"),
                "user_data", new SecretValue("#!/bin/sh\necho hunter2\n"))),
        IrRollout.of(MapValue.EMPTY),
        IrHealth.NONE,
        new TreeMap<>(Map.of("team", "web")),
        List.of(),
        Optional.of(MapValue.of(Map.of("cluster", new StringValue("c1")))),
        new IrOrigin(new Span(FILE, 1, 5), Map.of()));
  }

  @Test
  void theSpecIsThePoolWithoutWhatOnlyTheCompilersOutputCarries() {
    ObjectNode pool = IrCodec.pool(pool());
    ObjectNode spec = IrCodec.spec(pool());
    assertThat(pool.path("source").asText()).isEqualTo("web.pool:2");
    assertThat(pool.path("capi").path("cluster").asText()).isEqualTo("c1");
    assertThat(pool.path("cloud").path("settings").path("region").asText()).isEqualTo("eu-west-1");
    ObjectNode trimmed = pool.deepCopy();
    trimmed.remove(List.of("source", "capi"));
    ((ObjectNode) trimmed.get("cloud")).remove("settings");
    assertThat(spec).isEqualTo(trimmed);
  }

  @Test
  void countsAreNumbersPercentagesAndDurationsTheirTextSecretsHidden() {
    ObjectNode spec = IrCodec.spec(pool());
    assertThat(spec.at("/rollout/max_surge").isIntegralNumber()).isTrue();
    assertThat(spec.at("/rollout/max_surge").asLong()).isEqualTo(1);
    assertThat(spec.at("/rollout/timeout").asText()).isEqualTo("30m");
    assertThat(spec.at("/health/max_unhealthy").asText()).isEqualTo("100%");
    assertThat(spec.at("/health/repair").asText()).isEqualTo("none");
    assertThat(spec.at("/capacity/desired").asText()).isEqualTo("external");
    assertThat(spec.at("/machine/user_data").asText()).isEqualTo("(sensitive)");
    assertThat(IrCodec.amount(IntOrPercent.percentOf(12.5)).asText()).isEqualTo("12.5%");
    assertThat(IrCodec.write(new IrConfig(1, List.of(pool())))).doesNotContain("hunter2");
  }

  @Test
  void aTreeBuiltHereEqualsTheSameTreeReadBack() throws Exception {
    ObjectNode spec = IrCodec.spec(pool());
    assertThat(CanonicalJson.parse(CanonicalJson.write(spec))).isEqualTo(spec);
  }
}
