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
}
