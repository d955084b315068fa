package dev.poolform.compiler.inputs;

import dev.poolform.compiler.ast.BodyItem;
import dev.poolform.compiler.ast.Decl;
import dev.poolform.compiler.ast.Expr;
import dev.poolform.compiler.ast.Ident;
import dev.poolform.compiler.diag.Code;
import dev.poolform.compiler.diag.Diagnostic;
import dev.poolform.compiler.diag.DiagnosticSink;
import dev.poolform.compiler.resolve.Suggest;
import dev.poolform.compiler.syntax.Parser;
import dev.poolform.source.SourceFile;
import dev.poolform.source.Span;
import dev.poolform.stdlib.types.Type;
import dev.poolform.stdlib.value.StringValue;
import dev.poolform.stdlib.value.Value;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Gives each variable its value (docs/language.md#setting-values). Values are taken from lowest to
 * highest precedence, as Terraform does: the {@code default}, {@code POOL_VAR_NAME} environment
 * variables, the files loaded automatically, then {@code --var-file} and {@code --var} in
 * command-line order; the last one given wins. Every value given is checked, not only the one that
 * wins, so a mistake in a file is found even while a flag overrides it.
 */
public final class Inputs {
  /** {@code POOL_VAR_env=prod} sets {@code var.env}. */
  public static final String ENV_PREFIX = "POOL_VAR_";

  /** How diagnostics name a {@code --var} argument. */
  public static final String COMMAND_LINE = "<command line>";

  /** How diagnostics name a {@code POOL_VAR_} variable. */
  public static final String ENVIRONMENT = "<environment>";

  private final Map<String, Variable> variables;
  private final DiagnosticSink sink;
  private final Map<String, InputValues.Bound> chosen = new LinkedHashMap<>();
  private final Set<String> failed = new HashSet<>();

  private Inputs(Map<String, Variable> variables, DiagnosticSink sink) {
    this.variables = variables;
    this.sink = sink;
  }

  /**
   * Checks the declarations and gives each variable its value.
   *
   * @param decls the configuration's {@code variable} declarations, first of each name
   * @param environment where {@code POOL_VAR_} variables are read
   */
  public static InputValues bind(
      Iterable<Decl.Variable> decls,
      VarInputs given,
      Map<String, String> environment,
      DiagnosticSink sink) {
    Map<String, Variable> variables = new Declarations(sink).check(decls);
    Inputs in = new Inputs(variables, sink);
    for (Variable v : variables.values()) in.fromDefault(v);
    in.fromEnvironment(environment);
    for (VarInputs.Input i : given.inputs()) {
      if (i instanceof VarInputs.Input.FileInput f) in.fromFile(f);
      else in.fromFlag(((VarInputs.Input.FlagInput) i).flag());
    }
    for (Variable v : variables.values()) in.requireValue(v);
    in.chosen.keySet().removeAll(in.failed);
    return new InputValues(variables, in.chosen);
  }

  private void fromDefault(Variable v) {
    if (v.defaultExpr().isEmpty()) return;
    Span at = v.defaultExpr().get().span();
    if (v.defaultValue().isEmpty()) {
      failed.add(v.name()); // not a literal value: reported
      return;
    }
    accept(v, v.defaultValue().get(), v.sensitive() ? Masking.mask(at).move(at) : at);
  }

  /** {@code POOL_VAR_NAME}; names no variable declares are left alone, as Terraform does. */
  private void fromEnvironment(Map<String, String> environment) {
    for (Map.Entry<String, String> e : new TreeMap<>(environment).entrySet()) {
      if (!e.getKey().startsWith(ENV_PREFIX)) continue;
      Variable v = variables.get(e.getKey().substring(ENV_PREFIX.length()));
      if (v != null) fromText(v, ENVIRONMENT, e.getKey() + "=", e.getValue());
    }
  }

  private void fromFlag(VarSource.Flag flag) {
    Variable v = variables.get(flag.name());
    if (v != null) {
      fromText(v, COMMAND_LINE, "--var " + flag.name() + "=", flag.value());
      return;
    }
    // The value may be a secret meant for a misspelt variable: it is not shown.
    String prefix = "--var " + flag.name() + "=";
    SourceFile f = commandLine(COMMAND_LINE, prefix + Masking.PLACEHOLDER);
    undeclared(new Span(f, 6, 6 + flag.name().length()), flag.name(), "`--var`");
  }

  private void fromFile(VarInputs.Input.FileInput input) {
    Map<String, Ident> first = new HashMap<>();
    for (BodyItem.Attribute a : input.assignments()) {
      String n = a.name().name();
      Ident earlier = first.putIfAbsent(n, a.name());
      if (earlier != null) {
        sink.report(
            Diagnostic.of(
                    Code.E0304,
                    a.name().span(),
                    "`" + n + "` is given twice in `" + input.file().displayPath() + "`.")
                .withNote(earlier.span(), "first given here"));
        failed.add(n);
        continue;
      }
      Variable v = variables.get(n);
      if (v == null) {
        undeclared(
            Masking.mask(a.value().span()).move(a.name().span()),
            n,
            "`" + input.file().displayPath() + "`");
        continue;
      }
      fromExpr(v, a.value());
    }
  }

  /** A value written in the expression syntax: a file's, or a flag's of a non-string type. */
  private void fromExpr(Variable v, Expr e) {
    DiagnosticSink local = new DiagnosticSink();
    Value value = new Constants(local).of(e);
    Span at = e.span();
    // A mask or null, not Optional.map: no lambda on a compilation's start path (resolve.Loader).
    Masking mask = v.sensitive() ? Masking.mask(at) : null;
    for (Diagnostic d : local.sorted()) sink.report(mask == null ? d : mask.move(d));
    if (value == null) {
      failed.add(v.name());
      return;
    }
    accept(v, value, mask == null ? at : mask.move(at));
  }

  /**
   * A value given as text ({@code --var}, {@code POOL_VAR_}): a {@code string} variable takes the
   * text as it is, as Terraform's do; any other type reads it as a literal value. Diagnostics show
   * the argument as typed (a sensitive variable's value replaced by the placeholder).
   */
  private void fromText(Variable v, String display, String prefix, String raw) {
    SourceFile typed = commandLine(display, prefix + raw);
    Span typedAt = new Span(typed, prefix.length(), prefix.length() + raw.length());
    Masking mask = v.sensitive() ? Masking.mask(typedAt) : null; // see fromExpr
    String shown = v.sensitive() ? Masking.PLACEHOLDER : raw;
    Span at = mask == null ? typedAt : mask.move(typedAt);
    if (v.type() == Type.ANY) {
      failed.add(v.name()); // the declaration is wrong: reported
      return;
    }
    if (v.type() == Type.STRING) {
      accept(v, new StringValue(raw), at);
      return;
    }
    // Parsed where the value stands in the typed text, so that positions match it.
    SourceFile parsed = commandLine(display, " ".repeat(prefix.length()) + raw);
    DiagnosticSink local = new DiagnosticSink();
    Expr e = Parser.parseValue(parsed, local);
    Value value = null;
    if (!local.hasErrors()) {
      DiagnosticSink values = new DiagnosticSink();
      value = new Constants(values).of(e);
      // Text that is not a literal (`abc` for an int) is a value of the wrong type here: the user
      // wrote a value, not an expression.
      boolean notALiteral = false;
      for (Diagnostic d : values.sorted()) notALiteral |= d.code() == Code.E0313;
      if (notALiteral) {
        sink.report(
            Conformance.mismatch(v, at, "`" + excerpt(shown) + "`")
                .withHelp(
                    "Only a `string` variable takes the text as it is; others are written like a"
                        + " `.poolvars` value, e.g. `3`, `30s`, `[\"a\", \"b\"]`."));
        failed.add(v.name());
        return;
      }
      local.reportAll(values.sorted());
    }
    for (Diagnostic d : local.sorted()) {
      Diagnostic inTyped = Masking.move(d, parsed, typed);
      sink.report(mask == null ? inTyped : mask.move(inTyped));
    }
    if (value == null) {
      failed.add(v.name());
      return;
    }
    accept(v, value, at);
  }

  private void accept(Variable v, Value value, Span at) {
    Value checked = Conformance.check(v, value, at, sink);
    if (checked == null) {
      failed.add(v.name());
      return;
    }
    chosen.put(v.name(), new InputValues.Bound(v, checked, at));
  }

  /** E0411: no value from anywhere and no default. Terraform would ask; Poolform does not. */
  private void requireValue(Variable v) {
    if (chosen.containsKey(v.name()) || failed.contains(v.name()) || v.type() == Type.ANY) return;
    String n = v.name();
    String what = v.description().map(d -> " (" + d.strip() + ")").orElse("");
    sink.report(
        Diagnostic.of(
                Code.E0411,
                v.decl().label().span(),
                "Variable `" + n + "`" + what + " has no value.")
            .withHelp(
                "Give it one with `--var "
                    + n
                    + "=VALUE`, in a `.poolvars` file (`--var-file FILE`), with the environment"
                    + " variable `"
                    + ENV_PREFIX
                    + n
                    + "`, or declare a `default`."));
  }

  private void undeclared(Span at, String name, String where) {
    Diagnostic d =
        Diagnostic.of(
            Code.E0210,
            at,
            where + " sets `" + name + "`, but the configuration declares no such variable.");
    String help = Suggest.didYouMean(name, variables.keySet());
    sink.report(
        d.withHelp(
            help != null
                ? help
                : "Declare it with `variable \"" + name + "\" { type = ... }`, or remove it."));
  }

  /** A value short enough for a message, on one line. */
  private static String excerpt(String text) {
    String one = text.replace("\n", "\\n").replace("`", "'");
    return one.length() > 40 ? one.substring(0, 37) + "..." : one;
  }

  /** A text that is not a file: a command-line argument or an environment variable. */
  private static SourceFile commandLine(String display, String text) {
    return new SourceFile(Path.of(""), display, text);
  }
}
