package dev.poolform.stdlib.schema;

import dev.poolform.stdlib.types.Type;
import dev.poolform.stdlib.value.Value;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One attribute of a block.
 *
 * @param name as written
 * @param type what it accepts
 * @param required whether a body must set it
 * @param defaultValue what an unset attribute means (filled into the IR), if anything
 * @param allowed for enumerations: the allowed strings (empty: any)
 * @param range for numbers, durations (millis), bytes and ints: the allowed range, if bounded
 * @param percentMax the largest percentage accepted (100 unless the schema says otherwise)
 * @param sensitive whether it may hold a secret: its value reaches the cloud but is shown and
 *     stored only as a digest (user data); every other attribute refuses secrets (E0310)
 * @param doc one line for users and editors
 * @param mapping how each cloud kind carries the attribute out, by kind ({@code aws}: "launch
 *     template `ImageId`"): what an editor shows on hover. The full tables are
 *     docs/providers/aws.md, docs/providers/azure.md and docs/rollout.md, and a test keeps every
 *     name written here present in them.
 */
public record AttrSchema(
    String name,
    Type type,
    boolean required,
    Optional<Value> defaultValue,
    List<String> allowed,
    Optional<Range> range,
    double percentMax,
    boolean sensitive,
    String doc,
    Map<String, String> mapping) {

  public AttrSchema {
    allowed = List.copyOf(allowed);
    mapping = Collections.unmodifiableMap(new TreeMap<>(mapping));
  }

  /** An inclusive range; either end may be open. */
  public record Range(Double min, Double max) {
    public static Range atLeast(double min) {
      return new Range(min, null);
    }

    public static Range between(double min, double max) {
      return new Range(min, max);
    }

    public boolean contains(double v) {
      return (min == null || v >= min) && (max == null || v <= max);
    }
  }

  public static AttrSchema optional(String name, Type type, String doc) {
    return new AttrSchema(
        name,
        type,
        false,
        Optional.empty(),
        List.of(),
        Optional.empty(),
        100,
        false,
        doc,
        Map.of());
  }

  public static AttrSchema required(String name, Type type, String doc) {
    return new AttrSchema(
        name, type, true, Optional.empty(), List.of(), Optional.empty(), 100, false, doc, Map.of());
  }

  public AttrSchema withDefault(Value v) {
    return new AttrSchema(
        name, type, required, Optional.of(v), allowed, range, percentMax, sensitive, doc, mapping);
  }

  public AttrSchema oneOf(String... values) {
    return new AttrSchema(
        name,
        type,
        required,
        defaultValue,
        List.of(values),
        range,
        percentMax,
        sensitive,
        doc,
        mapping);
  }

  public AttrSchema in(Range r) {
    return new AttrSchema(
        name,
        type,
        required,
        defaultValue,
        allowed,
        Optional.of(r),
        percentMax,
        sensitive,
        doc,
        mapping);
  }

  /**
   * Says how clouds of {@code kind} carry the attribute out (one phrase, API names in backticks).
   */
  public AttrSchema maps(String kind, String how) {
    Map<String, String> m = new TreeMap<>(mapping);
    m.put(kind, how);
    return new AttrSchema(
        name, type, required, defaultValue, allowed, range, percentMax, sensitive, doc, m);
  }

  public AttrSchema percentUpTo(double max) {
    return new AttrSchema(
        name, type, required, defaultValue, allowed, range, max, sensitive, doc, mapping);
  }

  /** Marks the attribute as one that may hold a secret (see {@link #sensitive}). */
  public AttrSchema asSensitive() {
    return new AttrSchema(
        name, type, required, defaultValue, allowed, range, percentMax, true, doc, mapping);
  }
}
