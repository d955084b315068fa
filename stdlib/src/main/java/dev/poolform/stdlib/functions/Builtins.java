package dev.poolform.stdlib.functions;

import dev.poolform.stdlib.types.Type;
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
}
