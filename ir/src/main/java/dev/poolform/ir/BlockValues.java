package dev.poolform.ir;

import dev.poolform.stdlib.schema.AttrSchema;
import dev.poolform.stdlib.schema.BlockSchema;
import dev.poolform.stdlib.value.BoolValue;
import dev.poolform.stdlib.value.DurationValue;
import dev.poolform.stdlib.value.IntValue;
import dev.poolform.stdlib.value.ListValue;
import dev.poolform.stdlib.value.MapValue;
import dev.poolform.stdlib.value.PercentValue;
import dev.poolform.stdlib.value.StringValue;
import dev.poolform.stdlib.value.Value;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The attributes of one written block read through its schema: a value the block holds with the
 * right type, else the schema's default. The schema ({@code stdlib.schema.Schemas}) is the one
 * place defaults are stated; a value of the wrong type (reported by the checker already) also reads
 * as the default, so the checker can map a partly wrong block without failing.
 */
final class BlockValues {
  private final BlockSchema schema;
  private final MapValue written;

  BlockValues(BlockSchema schema, MapValue written) {
    this.schema = schema;
    this.written = written;
  }

  private Value written(String name) {
    return written.get(name).orElse(null);
  }

  private Value fallback(String name) {
    // No Optional.flatMap or lambda here: every compilation builds the IR, and linking a lambda
    // costs a cold `pool validate` the set-up of java.lang.invoke (docs/BENCHMARKS.md#cold-start).
    Optional<AttrSchema> attr = schema.attribute(name);
    Optional<Value> given = attr.isPresent() ? attr.get().defaultValue() : Optional.empty();
    if (given.isEmpty()) {
      throw new IllegalStateException(schema.name() + "." + name + " has no default");
    }
    return given.get();
  }

  IntOrPercent amount(String name) {
    Value v = written(name);
    if (!(v instanceof IntValue || v instanceof PercentValue)) v = fallback(name);
    return IntOrPercent.of(v);
  }

  Duration duration(String name) {
    return (written(name) instanceof DurationValue d ? d : (DurationValue) fallback(name))
        .toDuration();
  }

  boolean bool(String name) {
    return (written(name) instanceof BoolValue b ? b : (BoolValue) fallback(name)).value();
  }

  /** A list of strings; items of another type (reported by the checker) are left out. */
  List<String> strings(String name) {
    Value v = written(name) instanceof ListValue l ? l : fallback(name);
    List<String> out = new ArrayList<>();
    for (Value item : ((ListValue) v).items())
      if (item instanceof StringValue s) out.add(s.value());
    return out;
  }

  /**
   * One of the schema's allowed words as the enum constant of the same name. The caller passes the
   * enum's {@code values()}: {@code Enum.valueOf} finds constants by reflection ({@code
   * Class.getEnumConstantsShared}), which loads and runs the JDK's reflective method call on the
   * start path of every {@code validate} (docs/architecture.md#the-compiler).
   */
  <E extends Enum<E>> E choice(String name, E[] constants) {
    String word =
        written(name) instanceof StringValue s
                && schema.attribute(name).orElseThrow().allowed().contains(s.value())
            ? s.value()
            : ((StringValue) fallback(name)).value();
    String constant = word.toUpperCase(Locale.ROOT);
    for (E e : constants) if (e.name().equals(constant)) return e;
    throw new IllegalArgumentException("no constant " + constant + " for " + name);
  }
}
