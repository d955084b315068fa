package dev.poolform.stdlib.value;

/**
 * A value of the {@code .pool} language, as produced by compile-time evaluation.
 *
 * <p>Values are immutable. Maps keep their keys sorted so that everything derived from a value
 * (canonical JSON, hashes, plan output) is stable across runs.
 */
public sealed interface Value
    permits StringValue,
        IntValue,
        NumberValue,
        BoolValue,
        NullValue,
        ExternalValue,
        DurationValue,
        PercentValue,
        BytesValue,
        SecretValue,
        ListValue,
        MapValue,
        CloudValue {

  /** The name of this value's type as users read it in messages, e.g. {@code list<string>}. */
  String typeName();

  /**
   * What this value weighs for the evaluation limits (docs/language.md#limits): 1 for a scalar, 1
   * plus 1 per {@value #CHARS_PER_WEIGHT} characters for a string, and for a list or map 1 plus the
   * weight of everything inside it, at any depth, a value shared twice counted twice. It bounds the
   * work of anything that walks the value ({@code ==}, {@code format("%v")}, the checker, the IR),
   * which a small file could otherwise make exponential by nesting one list in another twice, sixty
   * times over. Lists and maps know theirs: it is summed when they are built.
   */
  default long weight() {
    return 1;
  }

  /** Characters of a string that weigh as much as one element. */
  int CHARS_PER_WEIGHT = 64;

  /** {@code a + b}, stopping at {@link Long#MAX_VALUE} instead of wrapping. */
  static long addWeights(long a, long b) {
    long s = a + b;
    return s < 0 ? Long.MAX_VALUE : s;
  }
}
