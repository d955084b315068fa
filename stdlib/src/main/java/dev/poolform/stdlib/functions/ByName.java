package dev.poolform.stdlib.functions;

import static dev.poolform.stdlib.functions.CallResult.ok;

import dev.poolform.stdlib.value.SecretValue;
import dev.poolform.stdlib.value.Value;
import java.util.List;

/**
 * Every function's implementation, chosen by its name: one class with a switch rather than a lambda
 * or method reference per function, which a configuration calling any function would link all at
 * once, costing a cold {@code pool validate} the set-up of java.lang.invoke
 * (docs/BENCHMARKS.md#cold-start).
 */
final class ByName implements Builtin.Impl {
  private final String name;

  ByName(String name) {
    this.name = name;
  }

  @Override
  public CallResult call(List<Value> a, FunctionContext c) {
    return switch (name) {
      case "env" -> InputFunctions.env(a, c);
      case "file" -> InputFunctions.file(a, c);
      case "concat" -> CollectionFunctions.concat(a);
      case "merge" -> CollectionFunctions.merge(a);
      case "length" -> CollectionFunctions.length(a);
      case "keys" -> CollectionFunctions.keys(a);
      case "values" -> CollectionFunctions.values(a);
      case "contains" -> CollectionFunctions.contains(a);
      case "lookup" -> CollectionFunctions.lookup(a);
      case "upper" -> StringFunctions.upper(a);
      case "lower" -> StringFunctions.lower(a);
      case "join" -> StringFunctions.join(a);
      case "split" -> StringFunctions.split(a);
      case "replace" -> StringFunctions.replace(a);
      case "format" -> Format.format(a);
      case "min" -> CollectionFunctions.extreme(a, -1, "min");
      case "max" -> CollectionFunctions.extreme(a, 1, "max");
      case "range" -> CollectionFunctions.range(a);
      case "sha256" -> StringFunctions.sha256(a);
      case "base64" -> StringFunctions.base64(a);
      case "secret" -> ok(new SecretValue(StringFunctions.text(a.get(0))));
      default -> throw new IllegalStateException("no built-in function `" + name + "`");
    };
  }
}
