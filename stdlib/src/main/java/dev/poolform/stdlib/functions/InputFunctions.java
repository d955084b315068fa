package dev.poolform.stdlib.functions;

import static dev.poolform.stdlib.functions.CallResult.fail;
import static dev.poolform.stdlib.functions.CallResult.failAt;
import static dev.poolform.stdlib.functions.CallResult.ok;

import dev.poolform.stdlib.functions.CallResult.Kind;
import dev.poolform.stdlib.value.StringValue;
import dev.poolform.stdlib.value.Value;
import java.util.List;
import java.util.Optional;

/**
 * The functions that read from outside the configuration, {@code env} and {@code file}: only
 * through the {@link FunctionContext}, which the compiler gives and tests replace.
 */
final class InputFunctions {
  private InputFunctions() {}

  static CallResult env(List<Value> a, FunctionContext ctx) {
    String name = StringFunctions.text(a.get(0));
    Optional<String> v = ctx.env(name);
    if (v.isPresent()) return ok(new StringValue(v.get()));
    if (a.size() == 2) return ok(a.get(1));
    return fail(
        Kind.ENV_MISSING,
        "Environment variable `" + name + "` is not set and no default is given.");
  }

  static CallResult file(List<Value> a, FunctionContext ctx) {
    String path = StringFunctions.text(a.get(0));
    FunctionContext.FileContent c = ctx.readFile(path);
    if (c.ok()) {
      if (c.text().length() > Limits.MAX_STRING)
        return StringFunctions.tooLong("file `" + path + "`");
      return ok(new StringValue(c.text()));
    }
    return failAt(Kind.FILE, 0, "Cannot read file `" + path + "`: " + c.error() + ".");
  }
}
