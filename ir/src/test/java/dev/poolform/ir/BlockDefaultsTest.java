package dev.poolform.ir;

import static org.assertj.core.api.Assertions.assertThat;

import dev.poolform.stdlib.schema.AttrSchema;
import dev.poolform.stdlib.schema.Schemas;
import dev.poolform.stdlib.value.DurationValue;
import dev.poolform.stdlib.value.ExternalValue;
import dev.poolform.stdlib.value.IntValue;
import dev.poolform.stdlib.value.MapValue;
import dev.poolform.stdlib.value.PercentValue;
import dev.poolform.stdlib.value.StringValue;
import dev.poolform.stdlib.value.Value;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** The IR's defaults are the schema's: one place states them. */
class BlockDefaultsTest {
  static Value dflt(AttrSchema a) {
    return a.defaultValue().orElseThrow();
  }

  @Test
  void anEmptyRolloutBlockHoldsEverySchemaDefault() {
    IrRollout d = IrRollout.DEFAULT;
    var s = Schemas.ROLLOUT;
    assertThat(d).isEqualTo(IrRollout.of(MapValue.EMPTY));
    assertThat(d.maxSurge()).isEqualTo(IntOrPercent.of(dflt(s.attribute("max_surge").get())));
    assertThat(d.maxUnavailable())
        .isEqualTo(IntOrPercent.of(dflt(s.attribute("max_unavailable").get())));
    assertThat(d.timeout())
        .isEqualTo(((DurationValue) dflt(s.attribute("timeout").get())).toDuration());
    assertThat(d.deleteOrder().text())
        .isEqualTo(((StringValue) dflt(s.attribute("delete_order").get())).value());
    assertThat(d.engine().text())
        .isEqualTo(((StringValue) dflt(s.attribute("engine").get())).value());
  }

  @Test
  void writtenValuesWinAndWrongTypesReadAsTheDefault() {
    IrRollout r =
        IrRollout.of(
            MapValue.of(
                Map.of(
                    "max_surge", new PercentValue(25),
                    "pause", new DurationValue(60_000),
                    "delete_order", new StringValue("newest"),
                    "engine", new StringValue("not-an-engine"),
                    "timeout", new StringValue("5m"))));
    assertThat(r.maxSurge()).isEqualTo(IntOrPercent.percentOf(25));
    assertThat(r.pause()).isEqualTo(Duration.ofMinutes(1));
    assertThat(r.deleteOrder()).isEqualTo(IrRollout.DeleteOrder.NEWEST);
    assertThat(r.engine()).isEqualTo(IrRollout.DEFAULT.engine());
    assertThat(r.timeout()).isEqualTo(IrRollout.DEFAULT.timeout());
  }

  @Test
  void healthDefaultsAreTheSchemasAndNoneRepairsNothing() {
    IrHealth h = IrHealth.of(MapValue.EMPTY);
    var s = Schemas.HEALTH;
    assertThat(h.grace())
        .isEqualTo(((DurationValue) dflt(s.attribute("grace").get())).toDuration());
    assertThat(h.maxUnhealthy())
        .isEqualTo(IntOrPercent.of(dflt(s.attribute("max_unhealthy").get())));
    assertThat(h.repair()).isEqualTo(IrHealth.Repair.REPLACE);
    assertThat(IrHealth.NONE)
        .isEqualTo(new IrHealth(h.grace(), h.maxUnhealthy(), IrHealth.Repair.NONE));
  }

  @Test
  void capacityDesiredDefaultsToMinAndExternalIsEmpty() {
    assertThat(IrCapacity.of(MapValue.of(Map.of("min", new IntValue(2), "max", new IntValue(5)))))
        .isEqualTo(new IrCapacity(2, 5, OptionalLong.of(2)));
    IrCapacity ext =
        IrCapacity.of(
            MapValue.of(
                Map.of(
                    "min",
                    new IntValue(2),
                    "max",
                    new IntValue(5),
                    "desired",
                    ExternalValue.INSTANCE)));
    assertThat(ext.external()).isTrue();
  }
}
