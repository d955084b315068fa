package dev.poolform.stdlib.functions;

import static dev.poolform.stdlib.functions.CallResult.fail;
import static dev.poolform.stdlib.functions.CallResult.failAt;
import static dev.poolform.stdlib.functions.CallResult.ok;

import dev.poolform.stdlib.functions.CallResult.Kind;
import dev.poolform.stdlib.types.Equality;
import dev.poolform.stdlib.types.Type;
import dev.poolform.stdlib.types.Types;
import dev.poolform.stdlib.value.BoolValue;
import dev.poolform.stdlib.value.BytesValue;
import dev.poolform.stdlib.value.DurationValue;
import dev.poolform.stdlib.value.IntValue;
import dev.poolform.stdlib.value.ListValue;
import dev.poolform.stdlib.value.MapValue;
import dev.poolform.stdlib.value.NumberValue;
import dev.poolform.stdlib.value.PercentValue;
import dev.poolform.stdlib.value.SecretValue;
import dev.poolform.stdlib.value.StringValue;
import dev.poolform.stdlib.value.Value;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The table of built-in functions. Written without lambdas or streams (see {@code ByName}): the
 * table is built by every compilation that calls a function.
 */
public final class Builtins {
  private Builtins() {}

  private static final Type LIST = Type.listOf(Type.ANY);
  private static final Type MAP = Type.mapOf(Type.ANY);
  private static final int VAR = Integer.MAX_VALUE;

  private static final Map<String, Builtin> ALL = new TreeMap<>();

  private static void def(
      String name, String sig, int min, int max, List<Type> params, Type result) {
    def(name, sig, min, max, params, result, Builtin.Reveals.NOTHING);
  }

  private static void def(
      String name,
      String sig,
      int min,
      int max,
      List<Type> params,
      Type result,
      Builtin.Reveals reveals) {
    ALL.put(name, new Builtin(name, sig, min, max, params, result, reveals, new ByName(name), ""));
  }

  /**
   * Every function's implementation, chosen by its name: one class with a switch rather than a
   * lambda or method reference per function, which a configuration calling any function would link
   * all at once, costing a cold {@code pool validate} the set-up of java.lang.invoke
   * (docs/BENCHMARKS.md#cold-start).
   */
  private static final class ByName implements Builtin.Impl {
    private final String name;

    ByName(String name) {
      this.name = name;
    }

    @Override
    public CallResult call(List<Value> a, FunctionContext c) {
      return switch (name) {
        case "env" -> env(a, c);
        case "file" -> file(a, c);
        case "concat" -> concat(a);
        case "merge" -> merge(a);
        case "length" -> length(a);
        case "keys" -> keys(a);
        case "values" -> values(a);
        case "contains" -> contains(a);
        case "lookup" -> lookup(a);
        case "upper" -> ok(str(text(a.get(0)).toUpperCase(java.util.Locale.ROOT), a));
        case "lower" -> ok(str(text(a.get(0)).toLowerCase(java.util.Locale.ROOT), a));
        case "join" -> join(a);
        case "split" -> split(a);
        case "replace" -> replace(a);
        case "format" -> Format.format(a);
        case "min" -> extreme(a, -1, "min");
        case "max" -> extreme(a, 1, "max");
        case "range" -> range(a);
        case "sha256" -> ok(str(SecretValue.sha256Hex(text(a.get(0))), a));
        case "base64" ->
            ok(
                str(
                    Base64.getEncoder()
                        .encodeToString(text(a.get(0)).getBytes(StandardCharsets.UTF_8)),
                    a));
        case "secret" -> ok(new SecretValue(text(a.get(0))));
        default -> throw new IllegalStateException("no built-in function `" + name + "`");
      };
    }
  }

  /** Gives a defined function its documentation (kept apart so the table above stays readable). */
  private static void doc(String name, String doc) {
    Builtin b = ALL.get(name);
    if (b == null) return;
    ALL.put(
        name,
        new Builtin(
            b.name(),
            b.signature(),
            b.minArgs(),
            b.maxArgs(),
            b.params(),
            b.result(),
            b.reveals(),
            b.impl(),
            doc));
  }

  /** Documentation of every function, applied once the table is built. */
  private static void docs() {
    doc(
        "env",
        "An environment variable of the process that compiles. The default is used only when the"
            + " variable is unset; without a default an unset variable is an error (E0408).");
    doc(
        "file",
        "The text of a UTF-8 file, relative to the calling `.pool` file and inside the project"
            + " root (E0409 otherwise).");
    doc("concat", "The lists joined in order.");
    doc("merge", "The maps merged left to right; later maps win (shallow).");
    doc("length", "The number of elements of a list or map, or of characters of a string.");
    doc("keys", "The keys of a map, sorted.");
    doc("values", "The values of a map, in the order of its sorted keys.");
    doc("contains", "Whether a list holds the value, a map the key, or a string the substring.");
    doc(
        "lookup",
        "The value of a key; with a third argument, that default instead of an error (E0309) when"
            + " the key is missing.");
    doc("upper", "The string in upper case.");
    doc("lower", "The string in lower case.");
    doc(
        "join",
        "The strings of the list joined with the separator: `join(\"-\", [\"a\", \"b\"])` is `\"a-b\"`.");
    doc(
        "split",
        "The string split at each separator: `split(\",\", \"a,b\")` is `[\"a\", \"b\"]`.");
    doc(
        "replace",
        "`replace(s, old, new)`: every `old` in `s` replaced by `new`; literal, not a pattern.");
    doc("format", "Text with `%s` (text), `%d` (an int), `%v` (any value) and `%%` filled in.");
    doc("min", "The smallest of the arguments, or of one list.");
    doc("max", "The largest of the arguments, or of one list.");
    doc("range", "`range(n)` is `[0, ..., n-1]`; `range(from, to[, step])` excludes `to`.");
    doc(
        "sha256",
        "The SHA-256 digest of the string, in hex; the digest of a secret is a secret too (a plain"
            + " hash lets anyone test guesses).");
    doc("base64", "The string encoded as Base64.");
    doc(
        "secret",
        "Marks a string sensitive: it may go only into `machine.user_data` (E0310), nothing may"
            + " reveal it (E0311), and state and plans keep only a keyed digest of it.");
  }

  static {
    def(
        "env",
        "env(string[, string]) -> string",
        1,
        2,
        List.of(Type.STRING),
        Type.STRING,
        Builtin.Reveals.secretIn(
            "The name given to `env` is a secret; a missing variable would be named in the error."
                + " Only the value of a variable can be secret: `secret(env(\"NAME\"))`.",
            0));
    def(
        "file",
        "file(string) -> string",
        1,
        1,
        List.of(Type.STRING),
        Type.STRING,
        Builtin.Reveals.secretIn(
            "The path given to `file` is a secret; an unreadable path would be named in the error."
                + " Only the content can be secret: `secret(file(\"PATH\"))`.",
            0));
    def("concat", "concat(list<T>, ...) -> list<T>", 1, VAR, List.of(LIST), LIST);
    def("merge", "merge(map<T>, ...) -> map<T>", 1, VAR, List.of(MAP), MAP);
    def(
        "length",
        "length(list<T> | map<T> | string) -> int",
        1,
        1,
        List.of(Type.union(LIST, MAP, Type.STRING)),
        Type.INT,
        Builtin.Reveals.anySecret("`length` of a secret would reveal how long it is."));
    def("keys", "keys(map<T>) -> list<string>", 1, 1, List.of(MAP), Type.listOf(Type.STRING));
    def("values", "values(map<T>) -> list<T>", 1, 1, List.of(MAP), LIST);
    def(
        "contains",
        "contains(list<T> | map<T> | string, T) -> bool",
        2,
        2,
        List.of(Type.union(LIST, MAP, Type.STRING), Type.ANY),
        Type.BOOL,
        Builtin.Reveals.anySecretWithin(
            "`contains` on a secret would reveal whether it holds the value, so it is refused"
                + " for secrets and for lists and maps holding one."));
    def(
        "lookup",
        "lookup(map<T>, string[, T]) -> T",
        2,
        3,
        List.of(MAP, Type.STRING, Type.ANY),
        Type.ANY,
        Builtin.Reveals.secretIn(
            "The key given to `lookup` is a secret; which entry it finds, or the error when it"
                + " finds none, would reveal it.",
            1));
    def("upper", "upper(string) -> string", 1, 1, List.of(Type.STRING), Type.STRING);
    def("lower", "lower(string) -> string", 1, 1, List.of(Type.STRING), Type.STRING);
    def(
        "join",
        "join(string, list<string>) -> string",
        2,
        2,
        List.of(Type.STRING, Type.listOf(Type.STRING)),
        Type.STRING);
    def(
        "split",
        "split(string, string) -> list<string>",
        2,
        2,
        List.of(Type.STRING, Type.STRING),
        Type.listOf(Type.STRING),
        Builtin.Reveals.anySecret(
            "`split` of a secret, or by one, would reveal how many parts it has (the length of the"
                + " list); keep the secret whole, or split the plain text before `secret()`."));
    def(
        "replace",
        "replace(string, string, string) -> string",
        3,
        3,
        List.of(Type.STRING),
        Type.STRING);
    def(
        "format",
        "format(string, any...) -> string",
        1,
        VAR,
        List.of(Type.STRING, Type.ANY),
        Type.STRING,
        Builtin.Reveals.secretIn(
            "The format string given to `format` is a secret; its errors would quote it. Pass the"
                + " secret as an argument: `format(\"%s\", secret)`.",
            0));
    Type ordered = Type.union(Type.NUMBER, Type.DURATION, Type.BYTES, Type.PERCENT, LIST);
    def(
        "min",
        "min(T, ...) -> T  (T: int, number, duration, bytes or percent)",
        1,
        VAR,
        List.of(ordered),
        Type.ANY);
    def(
        "max",
        "max(T, ...) -> T  (T: int, number, duration, bytes or percent)",
        1,
        VAR,
        List.of(ordered),
        Type.ANY);
    def(
        "range",
        "range(int) | range(int, int[, int]) -> list<int>",
        1,
        3,
        List.of(Type.INT),
        Type.listOf(Type.INT));
    def("sha256", "sha256(string) -> string", 1, 1, List.of(Type.STRING), Type.STRING);
    def("base64", "base64(string) -> string", 1, 1, List.of(Type.STRING), Type.STRING);
    def("secret", "secret(string) -> string (sensitive)", 1, 1, List.of(Type.STRING), Type.STRING);
    docs();
  }

  /** The function called {@code name}, if there is one. */
  public static Optional<Builtin> lookup(String name) {
    return Optional.ofNullable(ALL.get(name));
  }

  /** All function names, sorted (for spelling suggestions). */
  public static List<String> names() {
    return List.copyOf(ALL.keySet());
  }

  // ---- helpers ------------------------------------------------------------------------------

  /** The text of a string or secret. */
  static String text(Value v) {
    if (v instanceof SecretValue s) return s.value();
    return ((StringValue) v).value();
  }

  /**
   * A string result, sensitive when any input was: secrets stay secret through string functions.
   */
  static Value str(String s, List<Value> inputs) {
    for (Value v : inputs) if (sensitive(v)) return new SecretValue(s);
    return new StringValue(s);
  }

  static boolean sensitive(Value v) {
    return SecretValue.within(v);
  }

  static CallResult tooLong(String what) {
    return fail(Kind.LIMIT, "The " + what + " would exceed " + Limits.MAX_STRING + " characters.");
  }

  // ---- implementations ----------------------------------------------------------------------

  private static CallResult env(List<Value> a, FunctionContext ctx) {
    String name = text(a.get(0));
    Optional<String> v = ctx.env(name);
    if (v.isPresent()) return ok(new StringValue(v.get()));
    if (a.size() == 2) return ok(a.get(1));
    return fail(
        Kind.ENV_MISSING,
        "Environment variable `" + name + "` is not set and no default is given.");
  }

  private static CallResult file(List<Value> a, FunctionContext ctx) {
    String path = text(a.get(0));
    FunctionContext.FileContent c = ctx.readFile(path);
    if (c.ok()) {
      if (c.text().length() > Limits.MAX_STRING) return tooLong("file `" + path + "`");
      return ok(new StringValue(c.text()));
    }
    return failAt(Kind.FILE, 0, "Cannot read file `" + path + "`: " + c.error() + ".");
  }

  private static CallResult concat(List<Value> a) {
    List<Value> out = new ArrayList<>();
    for (Value v : a) {
      out.addAll(((ListValue) v).items());
      if (out.size() > Limits.MAX_COLLECTION) {
        return fail(Kind.LIMIT, "The list would exceed " + Limits.MAX_COLLECTION + " elements.");
      }
    }
    return ok(new ListValue(out));
  }

  private static CallResult merge(List<Value> a) {
    TreeMap<String, Value> out = new TreeMap<>();
    for (Value v : a) out.putAll(((MapValue) v).entries());
    return ok(new MapValue(out));
  }

  private static CallResult length(List<Value> a) {
    Value v = a.get(0);
    if (v instanceof ListValue l) return ok(new IntValue(l.items().size()));
    if (v instanceof MapValue m) return ok(new IntValue(m.entries().size()));
    String s = text(v);
    return ok(new IntValue(s.codePointCount(0, s.length())));
  }

  private static CallResult keys(List<Value> a) {
    List<Value> out = new ArrayList<>();
    for (String k : ((MapValue) a.get(0)).entries().keySet()) out.add(new StringValue(k));
    return ok(new ListValue(out));
  }

  private static CallResult values(List<Value> a) {
    return ok(new ListValue(new ArrayList<>(((MapValue) a.get(0)).entries().values())));
  }

  private static CallResult contains(List<Value> a) {
    Value hay = a.get(0);
    Value needle = a.get(1);
    if (hay instanceof ListValue l) {
      for (Value e : l.items()) if (Equality.equal(e, needle)) return ok(BoolValue.TRUE);
      return ok(BoolValue.FALSE);
    }
    if (hay instanceof MapValue m) {
      if (!(needle instanceof StringValue k)) {
        return failAt(
            Kind.ARGUMENTS,
            1,
            "The key given to `contains` on a map must be a string, found "
                + Types.describe(needle)
                + ".");
      }
      return ok(BoolValue.of(m.entries().containsKey(k.value())));
    }
    if (!(needle instanceof StringValue) && !(needle instanceof SecretValue)) {
      return failAt(
          Kind.ARGUMENTS,
          1,
          "The substring given to `contains` on a string must be a string, found "
              + Types.describe(needle)
              + ".");
    }
    return ok(BoolValue.of(text(hay).contains(text(needle))));
  }

  private static CallResult lookup(List<Value> a) {
    MapValue m = (MapValue) a.get(0);
    String key = text(a.get(1));
    Value v = m.entries().get(key);
    if (v != null) return ok(v);
    if (a.size() == 3) return ok(a.get(2));
    return failAt(Kind.INDEX, 1, "The map has no key `" + key + "` and no default is given.");
  }

  private static CallResult join(List<Value> a) {
    String sep = text(a.get(0));
    StringBuilder sb = new StringBuilder();
    List<Value> items = ((ListValue) a.get(1)).items();
    for (int i = 0; i < items.size(); i++) {
      if (i > 0) sb.append(sep);
      sb.append(text(items.get(i)));
      if (sb.length() > Limits.MAX_STRING) return tooLong("joined string");
    }
    return ok(str(sb.toString(), a));
  }

  private static CallResult split(List<Value> a) {
    String sep = text(a.get(0));
    String s = text(a.get(1));
    List<Value> out = new ArrayList<>();
    if (sep.isEmpty()) {
      for (int i = 0; i < s.length(); ) {
        int cp = s.codePointAt(i);
        out.add(str(new String(Character.toChars(cp)), a));
        i += Character.charCount(cp);
      }
      return ok(new ListValue(out));
    }
    int from = 0;
    while (true) {
      int i = s.indexOf(sep, from);
      if (i < 0) break;
      out.add(str(s.substring(from, i), a));
      from = i + sep.length();
    }
    out.add(str(s.substring(from), a));
    return ok(new ListValue(out));
  }

  private static CallResult replace(List<Value> a) {
    String s = text(a.get(0));
    String what = text(a.get(1));
    String with = text(a.get(2));
    if (what.isEmpty())
      return failAt(Kind.ARGUMENTS, 1, "The substring to replace must not be empty.");
    long count = 0;
    for (int i = s.indexOf(what); i >= 0; i = s.indexOf(what, i + what.length())) count++;
    if (s.length() + count * (with.length() - what.length()) > Limits.MAX_STRING)
      return tooLong("result of `replace`");
    return ok(str(s.replace(what, with), a));
  }

  private static CallResult extreme(List<Value> a, int sign, String name) {
    List<Value> items = a;
    if (a.size() == 1 && a.get(0) instanceof ListValue l) {
      items = l.items();
      if (items.isEmpty())
        return failAt(Kind.ARGUMENTS, 0, "`" + name + "` of an empty list has no value.");
    }
    Value best = null;
    for (int i = 0; i < items.size(); i++) {
      Value v = items.get(i);
      if (!(v instanceof IntValue
          || v instanceof NumberValue
          || v instanceof DurationValue
          || v instanceof BytesValue
          || v instanceof PercentValue)) {
        return failAt(
            Kind.ARGUMENTS,
            a == items ? i : 0,
            "`"
                + name
                + "` compares int, number, duration, bytes or "
                + "percent values, found "
                + Types.describe(v)
                + ".");
      }
      if (best == null) {
        best = v;
        continue;
      }
      Integer c = Equality.compare(v, best);
      if (c == null) {
        return failAt(
            Kind.ARGUMENTS,
            a == items ? i : 0,
            "`"
                + name
                + "` cannot compare "
                + Types.describe(best)
                + " with "
                + Types.describe(v)
                + ".");
      }
      if (c * sign > 0) best = v;
    }
    boolean anyNumber = false;
    for (Value v : items) anyNumber |= v instanceof NumberValue;
    if (best instanceof IntValue && anyNumber) best = new NumberValue(((IntValue) best).value());
    return ok(best);
  }

  private static CallResult range(List<Value> a) {
    long start = 0;
    long end;
    long step = 1;
    if (a.size() == 1) {
      end = ((IntValue) a.get(0)).value();
    } else {
      start = ((IntValue) a.get(0)).value();
      end = ((IntValue) a.get(1)).value();
      if (a.size() == 3) step = ((IntValue) a.get(2)).value();
    }
    if (step == 0) return failAt(Kind.ARGUMENTS, 2, "The step of `range` must not be zero.");
    java.math.BigInteger span =
        java.math.BigInteger.valueOf(end).subtract(java.math.BigInteger.valueOf(start));
    java.math.BigInteger n = java.math.BigInteger.ZERO;
    if (span.signum() != 0 && span.signum() == Long.signum(step)) {
      java.math.BigInteger st = java.math.BigInteger.valueOf(step).abs();
      n = span.abs().add(st).subtract(java.math.BigInteger.ONE).divide(st);
    }
    if (n.compareTo(java.math.BigInteger.valueOf(Limits.MAX_COLLECTION)) > 0) {
      return fail(
          Kind.LIMIT,
          "`range` would produce " + n + " elements; the limit is " + Limits.MAX_COLLECTION + ".");
    }
    int count = n.intValue();
    List<Value> out = new ArrayList<>(count);
    long v = start;
    for (int i = 0; i < count; i++, v += step) out.add(new IntValue(v));
    return ok(new ListValue(Collections.unmodifiableList(out)));
  }
}
