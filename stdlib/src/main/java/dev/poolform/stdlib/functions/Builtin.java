package dev.poolform.stdlib.functions;

import dev.poolform.stdlib.types.Type;
import dev.poolform.stdlib.value.SecretValue;
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
 * @param reveals the arguments that must not hold a secret, because the result or a message would
 *     give the secret away; string functions pass secrets through and need none
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
    Reveals reveals,
    Impl impl,
    String doc) {

  public Builtin {
    params = List.copyOf(params);
  }

  /**
   * Arguments a function would reveal if they held a secret: {@code length} tells a secret's
   * length, {@code split} how many parts it has, {@code contains} and {@code lookup} whether it
   * holds or names something, {@code env}, {@code file} and {@code format} print it in their
   * errors. Refused with the reason {@code why} (E0311).
   *
   * @param params the 0-based arguments; ignored when {@code all}
   * @param deep whether a list or map holding a secret is refused too ({@code contains}), or only a
   *     secret itself ({@code length}: a list's length never depends on what its secrets hold)
   */
  public record Reveals(java.util.Set<Integer> params, boolean all, boolean deep, String why) {
    public static final Reveals NOTHING = new Reveals(java.util.Set.of(), false, false, "");

    public Reveals {
      params = java.util.Set.copyOf(params);
    }

    /** The secrets given as {@code params} themselves. */
    public static Reveals secretIn(String why, Integer... params) {
      return new Reveals(java.util.Set.of(params), false, false, why);
    }

    /** A secret given as any argument. */
    public static Reveals anySecret(String why) {
      return new Reveals(java.util.Set.of(), true, false, why);
    }

    /** A secret anywhere in any argument, inside lists and maps too. */
    public static Reveals anySecretWithin(String why) {
      return new Reveals(java.util.Set.of(), true, true, why);
    }

    boolean refuses(int param, Value v) {
      if (!all && !params.contains(param)) return false;
      return deep ? SecretValue.within(v) : v instanceof SecretValue;
    }
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
    for (int i = 0; i < args.size(); i++) {
      if (reveals.refuses(i, args.get(i))) {
        return CallResult.failAt(CallResult.Kind.SECRET, i, reveals.why());
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
