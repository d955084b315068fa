package dev.poolform.stdlib.functions;

import dev.poolform.stdlib.functions.CallResult.Kind;
import dev.poolform.stdlib.types.Types;
import dev.poolform.stdlib.types.ValueText;
import dev.poolform.stdlib.value.IntValue;
import dev.poolform.stdlib.value.Value;
import java.util.List;

/**
 * {@code format(fmt, args...)}: {@code %s} text, {@code %d} an int, {@code %v} any value, {@code
 * %%}.
 */
final class Format {
  private Format() {}

  static CallResult format(List<Value> a) {
    String fmt = StringFunctions.text(a.get(0));
    StringBuilder sb = new StringBuilder();
    int next = 1;
    for (int i = 0; i < fmt.length(); i++) {
      char c = fmt.charAt(i);
      if (c != '%') {
        sb.append(c);
        continue;
      }
      if (i + 1 >= fmt.length()) {
        return CallResult.failAt(
            Kind.ARGUMENTS,
            0,
            "The format string ends with a lone `%`; write `%%` for a percent sign.");
      }
      char verb = fmt.charAt(++i);
      if (verb == '%') {
        sb.append('%');
        continue;
      }
      if (verb != 's' && verb != 'd' && verb != 'v') {
        return CallResult.failAt(
            Kind.ARGUMENTS,
            0,
            "Unknown format verb `%" + verb + "`; use `%s`, `%d`, `%v` or `%%`.");
      }
      if (next >= a.size()) {
        return CallResult.failAt(
            Kind.ARGUMENTS,
            0,
            "The format string needs more arguments than the " + (a.size() - 1) + " given.");
      }
      Value v = a.get(next);
      if (verb == 'd' && !(v instanceof IntValue)) {
        return CallResult.failAt(
            Kind.ARGUMENTS, next, "`%d` needs an int, found " + Types.describe(v) + ".");
      }
      if (verb == 's' && !ValueText.interpolatable(v)) {
        return CallResult.failAt(
            Kind.ARGUMENTS,
            next,
            "`%s` needs a string or simple value, found " + Types.describe(v) + "; use `%v`.");
      }
      sb.append(ValueText.interpolatable(v) ? ValueText.text(v) : ValueText.literal(v));
      next++;
      if (sb.length() > Limits.MAX_STRING) return StringFunctions.tooLong("formatted string");
    }
    if (next < a.size()) {
      return CallResult.failAt(
          Kind.ARGUMENTS,
          next,
          "The format string uses "
              + (next - 1)
              + " of the "
              + (a.size() - 1)
              + " arguments given.");
    }
    return CallResult.ok(StringFunctions.str(sb.toString(), a));
  }
}
