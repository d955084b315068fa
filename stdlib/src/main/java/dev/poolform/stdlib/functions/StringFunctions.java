package dev.poolform.stdlib.functions;

import static dev.poolform.stdlib.functions.CallResult.fail;
import static dev.poolform.stdlib.functions.CallResult.failAt;
import static dev.poolform.stdlib.functions.CallResult.ok;

import dev.poolform.stdlib.functions.CallResult.Kind;
import dev.poolform.stdlib.value.ListValue;
import dev.poolform.stdlib.value.SecretValue;
import dev.poolform.stdlib.value.StringValue;
import dev.poolform.stdlib.value.Value;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * The string functions ({@code upper}, {@code lower}, {@code join}, {@code split}, {@code replace},
 * {@code sha256}, {@code base64}) and what every function that makes text shares: a result is
 * sensitive when any input was, and no string outgrows {@link Limits#MAX_STRING}. No lambdas or
 * streams: built-in functions run on the compiler's start path (docs/architecture.md).
 */
final class StringFunctions {
  private StringFunctions() {}

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

  static CallResult upper(List<Value> a) {
    return ok(str(text(a.get(0)).toUpperCase(Locale.ROOT), a));
  }

  static CallResult lower(List<Value> a) {
    return ok(str(text(a.get(0)).toLowerCase(Locale.ROOT), a));
  }

  static CallResult join(List<Value> a) {
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

  static CallResult split(List<Value> a) {
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

  static CallResult replace(List<Value> a) {
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

  static CallResult sha256(List<Value> a) {
    return ok(str(SecretValue.sha256Hex(text(a.get(0))), a));
  }

  static CallResult base64(List<Value> a) {
    return ok(
        str(
            Base64.getEncoder().encodeToString(text(a.get(0)).getBytes(StandardCharsets.UTF_8)),
            a));
  }
}
