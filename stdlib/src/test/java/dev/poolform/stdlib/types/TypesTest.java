package dev.poolform.stdlib.types;

import static org.assertj.core.api.Assertions.assertThat;

import dev.poolform.stdlib.value.IntValue;
import dev.poolform.stdlib.value.ListValue;
import dev.poolform.stdlib.value.PercentValue;
import dev.poolform.stdlib.value.StringValue;
import java.util.List;
import org.junit.jupiter.api.Test;

class TypesTest {
  @Test
  void intWidensToNumberOnly() {
    assertThat(Types.assignable(Type.INT, Type.NUMBER)).isTrue();
    assertThat(Types.assignable(Type.NUMBER, Type.INT)).isFalse();
    assertThat(Types.assignable(Type.STRING, Type.INT)).isFalse();
    assertThat(Types.assignable(Type.listOf(Type.INT), Type.listOf(Type.NUMBER))).isTrue();
  }

  @Test
  void equalStructuredTypesAreAssignableWithoutBeingTheSameObject() {
    assertThat(
            Types.assignable(
                Type.mapOf(Type.listOf(Type.STRING)), Type.mapOf(Type.listOf(Type.STRING))))
        .isTrue();
    assertThat(Types.assignable(new Type.Block("machine"), new Type.Block("machine"))).isTrue();
    assertThat(Types.assignable(new Type.Block("machine"), new Type.Block("rollout"))).isFalse();
    assertThat(Types.assignable(new Type.CloudOf("aws"), new Type.CloudOf("aws"))).isTrue();
    assertThat(Types.assignable(new Type.CloudOf("aws"), new Type.CloudOf("azure"))).isFalse();
    assertThat(
            Types.assignable(
                Type.union(Type.INT, Type.PERCENT), Type.union(Type.INT, Type.PERCENT)))
        .isTrue();
    assertThat(
            Types.assignable(Type.union(Type.INT, Type.STRING), Type.union(Type.INT, Type.PERCENT)))
        .isFalse();
    assertThat(Types.assignable(Type.mapOf(Type.INT), Type.listOf(Type.INT))).isFalse();
  }

  @Test
  void unions() {
    Type t = Type.union(Type.INT, Type.PERCENT);
    assertThat(t.display()).isEqualTo("int | percent");
    assertThat(Types.conforms(new PercentValue(25), t)).isTrue();
    assertThat(Types.conforms(new StringValue("x"), t)).isFalse();
    assertThat(Types.assignable(Type.INT, t)).isTrue();
  }

  @Test
  void valueTypes() {
    assertThat(Types.describe(new ListValue(List.of(new StringValue("a")))))
        .isEqualTo("list<string>");
    assertThat(Types.describe(new ListValue(List.of(new StringValue("a"), new IntValue(1)))))
        .isEqualTo("list<any>");
    assertThat(Types.conforms(new ListValue(List.of(new IntValue(1))), Type.listOf(Type.STRING)))
        .isFalse();
  }

  @Test
  void equality() {
    assertThat(Equality.equal(new IntValue(1), new dev.poolform.stdlib.value.NumberValue(1.0)))
        .isTrue();
    assertThat(Equality.equal(new StringValue("1"), new IntValue(1))).isFalse();
    assertThat(Equality.compare(new StringValue("a"), new IntValue(1))).isNull();
  }
}
