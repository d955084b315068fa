package dev.poolform.stdlib.functions;

import dev.poolform.stdlib.types.Type;
import dev.poolform.stdlib.value.Value;
import java.util.List;

/**
 * One built-in function.
 *
 * @param name as called
 * @param signature as shown in messages, e.g. {@code lookup(map<T>, string[, T]) -> T}
 * @param minArgs fewest arguments
 * @param maxArgs most arguments; {@link Integer#MAX_VALUE} for variadic functions
 * @param params static parameter types (the last repeats for variadic functions); {@code any} where
 *     the function is polymorphic and checks at call time
 * @param result the static result type ({@code any} when it depends on the arguments)
 * @param impl the implementation
 * @param doc what it does, one or two sentences for users and editors
 */
public record Builtin(
    String name,
    String signature,
    int minArgs,
    int maxArgs,
    List<Type> params,
    Type result,
    Impl impl,
    String doc) {

  public Builtin {
    params = List.copyOf(params);
  }

  /** An implementation: must not throw for any argument values. */
  @FunctionalInterface
  public interface Impl {
    CallResult call(List<Value> args, FunctionContext ctx);
  }

  /** The static type expected for argument {@code i}. */
  public Type param(int i) {
    if (params.isEmpty()) return Type.ANY;
    return params.get(Math.min(i, params.size() - 1));
  }

  /** Checks arity and argument types, then runs the implementation. */
  public CallResult call(List<Value> args, FunctionContext ctx) {
    if (args.size() < minArgs || args.size() > maxArgs) {
      return CallResult.fail(
          CallResult.Kind.ARGUMENTS,
          "`"
              + name
              + "` takes "
              + arity()
              + ", got "
              + args.size()
              + "; expected `"
              + signature
              + "`.");
    }
    for (int i = 0; i < args.size(); i++) {
      if (!dev.poolform.stdlib.types.Types.conforms(args.get(i), param(i))) {
        return CallResult.failAt(
            CallResult.Kind.ARGUMENTS,
            i,
            "Argument "
                + (i + 1)
                + " of `"
                + name
                + "` must be "
                + param(i).display()
                + ", found "
                + dev.poolform.stdlib.types.Types.describe(args.get(i))
                + "; expected `"
                + signature
                + "`.");
      }
    }
    try {
      return impl.call(args, ctx);
    } catch (ArithmeticException e) {
      return CallResult.fail(
          CallResult.Kind.ARITHMETIC, "`" + name + "` overflowed: " + e.getMessage() + ".");
    }
  }

  /** "1 argument", "2 or 3 arguments", "at least 1 argument". */
  public String arity() {
    String unit = maxArgs == 1 && minArgs == 1 ? " argument" : " arguments";
    if (minArgs == maxArgs) return minArgs + unit;
    if (maxArgs == Integer.MAX_VALUE)
      return "at least " + minArgs + (minArgs == 1 ? " argument" : " arguments");
    return (maxArgs == minArgs + 1 ? minArgs + " or " + maxArgs : minArgs + " to " + maxArgs)
        + " arguments";
  }
}
