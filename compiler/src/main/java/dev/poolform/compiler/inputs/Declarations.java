package dev.poolform.compiler.inputs;

import dev.poolform.compiler.ast.BodyItem;
import dev.poolform.compiler.ast.Decl;
import dev.poolform.compiler.ast.Expr;
import dev.poolform.compiler.ast.Ident;
import dev.poolform.compiler.diag.Code;
import dev.poolform.compiler.diag.Diagnostic;
import dev.poolform.compiler.diag.DiagnosticSink;
import dev.poolform.compiler.resolve.Suggest;
import dev.poolform.source.Span;
import dev.poolform.stdlib.types.Type;
import dev.poolform.stdlib.types.Types;
import dev.poolform.stdlib.value.BoolValue;
import dev.poolform.stdlib.value.Literals;
import dev.poolform.stdlib.value.StringValue;
import dev.poolform.stdlib.value.Value;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Checks {@code variable} declarations (docs/language.md#variables): the name is an identifier, the
 * body holds only {@code type}, {@code default}, {@code description}, {@code sensitive} and {@code
 * validation} blocks, the type exists, and a sensitive variable holds strings.
 */
final class Declarations {
  private static final List<String> ATTRIBUTES =
      List.of("type", "default", "description", "sensitive", "validation");
  private static final List<String> VALIDATION = List.of("condition", "message");

  private final DiagnosticSink sink;
  private final Constants constants;

  Declarations(DiagnosticSink sink) {
    this.sink = sink;
    this.constants = new Constants(sink);
  }

  /** The declarations that have a usable name, by name, in declaration order. */
  Map<String, Variable> check(Iterable<Decl.Variable> decls) {
    Map<String, Variable> out = new LinkedHashMap<>();
    for (Decl.Variable d : decls) {
      if (!validName(d)) continue;
      out.put(d.name().name(), variable(d));
    }
    return out;
  }

  /** E0211 unless the name is a plain identifier that is not a reserved word. */
  private boolean validName(Decl.Variable d) {
    Span at = d.label().span();
    String name = d.label().constantText();
    String problem = null;
    if (!d.label().isConstant())
      problem = "A variable's name must be written out, without `${...}`.";
    else if (name.isEmpty()) problem = "A variable's name may not be empty.";
    else if (Literals.KEYWORDS.contains(name)) {
      problem = "`" + name + "` is a reserved word and cannot name a variable.";
    } else if (!Literals.isIdentifier(name)) {
      problem = "`" + name + "` is not a valid variable name.";
    }
    if (problem == null) return true;
    sink.report(
        Diagnostic.of(Code.E0211, at, problem)
            .withHelp(
                "A variable's name is an identifier (letters, digits and `_`, not starting with a"
                    + " digit), so that `var.NAME` can refer to it."));
    return false;
  }

  private Variable variable(Decl.Variable d) {
    Map<String, BodyItem> seen = new HashMap<>();
    Optional<Type> declared = Optional.empty();
    boolean typeOk = true;
    Optional<Expr> defaultExpr = Optional.empty();
    Optional<Value> defaultValue = Optional.empty();
    Optional<String> description = Optional.empty();
    BodyItem.Attribute sensitiveAttr = null;
    boolean sensitive = false;
    List<Variable.Validation> validations = new ArrayList<>();
    for (BodyItem item : d.body().items()) {
      String n = item.name().name();
      if (!ATTRIBUTES.contains(n)) {
        unknown(item.name(), ATTRIBUTES, "a variable");
        continue;
      }
      if (n.equals("validation")) {
        if (item instanceof BodyItem.Block b) {
          Optional<Variable.Validation> v = validation(b); // no lambda: see resolve.Loader
          if (v.isPresent()) validations.add(v.get());
        } else notA(item, "a block", "validation { condition = ...  message = \"...\" }");
        continue;
      }
      if (!(item instanceof BodyItem.Attribute a)) {
        notA(item, "an attribute", n + " = ...");
        continue;
      }
      if (twice(seen, item)) continue;
      switch (n) {
        case "type" -> {
          if (a.value() instanceof Expr.TypeRef ref) {
            declared = TypeRefs.of(ref, sink);
            typeOk = declared.isPresent();
          } else {
            typeOk = false; // a syntax error, reported
          }
        }
        case "default" -> {
          defaultExpr = Optional.of(a.value());
          defaultValue = Optional.ofNullable(constants.of(a.value()));
        }
        case "description" -> description = text(a);
        default -> {
          sensitiveAttr = a;
          sensitive = bool(a);
        }
      }
    }
    Type type = typeOk ? type(d, declared, defaultExpr, defaultValue) : Type.ANY;
    if (sensitive && type != Type.ANY && !holdsStrings(type)) {
      sink.report(
          Diagnostic.of(
                  Code.E0312,
                  sensitiveAttr.span(),
                  "A sensitive variable must be a `string`, `list<string>` or `map<string>`, not"
                      + " `"
                      + type.display()
                      + "`.")
              .withHelp(
                  "Only strings can be kept secret; a number or duration in a plan tells no one"
                      + " anything a secret would."));
      type = Type.ANY;
    }
    return new Variable(d, type, sensitive, description, defaultExpr, defaultValue, validations);
  }

  /** The declared type; else the default's, when it has one that tells; else {@code string}. */
  private Type type(
      Decl.Variable d,
      Optional<Type> declared,
      Optional<Expr> defaultExpr,
      Optional<Value> defaultValue) {
    if (declared.isPresent()) return declared.get();
    if (defaultExpr.isEmpty()) return Type.STRING;
    if (defaultValue.isEmpty()) return Type.ANY; // the default's error was reported
    Type inferred = Types.of(defaultValue.get());
    if (exact(inferred)) return inferred;
    sink.report(
        Diagnostic.of(
                Code.E0312,
                defaultExpr.get().span(),
                "The type of `var."
                    + d.name().name()
                    + "` cannot be told from its default; declare it with `type`.")
            .withHelp("For example `type = list<string>`."));
    return Type.ANY;
  }

  /** A type a variable can have: no {@code any}, no {@code null}, no unions. */
  private static boolean exact(Type t) {
    if (t instanceof Type.ListOf l) return exact(l.element());
    if (t instanceof Type.MapOf m) return exact(m.element());
    return TypeRefs.SIMPLE.containsValue(t);
  }

  private static boolean holdsStrings(Type t) {
    return t == Type.STRING
        || t.equals(Type.listOf(Type.STRING))
        || t.equals(Type.mapOf(Type.STRING));
  }

  private Optional<Variable.Validation> validation(BodyItem.Block b) {
    Map<String, BodyItem> seen = new HashMap<>();
    for (BodyItem item : b.body().items()) {
      String n = item.name().name();
      if (!VALIDATION.contains(n)) unknown(item.name(), VALIDATION, "a `validation` block");
      else if (!(item instanceof BodyItem.Attribute)) notA(item, "an attribute", n + " = ...");
      else twice(seen, item);
    }
    boolean complete = true;
    for (String required : VALIDATION) {
      if (!seen.containsKey(required)) {
        complete = false;
        sink.report(
            Diagnostic.of(
                Code.E0303, b.name().span(), "A `validation` block needs `" + required + "`."));
      }
    }
    if (!complete) return Optional.empty();
    return Optional.of(
        new Variable.Validation(
            ((BodyItem.Attribute) seen.get("condition")).value(),
            ((BodyItem.Attribute) seen.get("message")).value(),
            b.span()));
  }

  /** E0304 when {@code item}'s name was seen before in this body; records it otherwise. */
  private boolean twice(Map<String, BodyItem> seen, BodyItem item) {
    BodyItem first = seen.putIfAbsent(item.name().name(), item);
    if (first == null) return false;
    sink.report(
        Diagnostic.of(
                Code.E0304,
                item.name().span(),
                "`" + item.name().name() + "` is given twice in this body.")
            .withNote(first.name().span(), "first given here"));
    return true;
  }

  private void unknown(Ident name, List<String> known, String where) {
    Diagnostic d =
        Diagnostic.of(
            Code.E0302, name.span(), "Unknown attribute `" + name.name() + "` in " + where + ".");
    String help = Suggest.didYouMean(name.name(), known);
    sink.report(
        d.withHelp(
            help != null
                ? help
                : "Allowed: "
                    + String.join(", ", known.stream().map(k -> "`" + k + "`").toList())
                    + "."));
  }

  private void notA(BodyItem item, String what, String example) {
    sink.report(
        Diagnostic.of(
                Code.E0301,
                item.name().span(),
                "`" + item.name().name() + "` is " + what + " here.")
            .withHelp("Write `" + example + "`."));
  }

  /** A literal string; E0301 for another literal value. */
  private Optional<String> text(BodyItem.Attribute a) {
    Value v = constants.of(a.value());
    if (v instanceof StringValue s) return Optional.of(s.value());
    if (v != null) mismatch(a, "string", v);
    return Optional.empty();
  }

  /** {@code true} or {@code false}, written out: whether a value is secret is known before any. */
  private boolean bool(BodyItem.Attribute a) {
    Value v = constants.of(a.value());
    if (v instanceof BoolValue b) return b.value();
    if (v != null) mismatch(a, "bool", v);
    return false;
  }

  private void mismatch(BodyItem.Attribute a, String expected, Value found) {
    sink.report(
        Diagnostic.of(
            Code.E0301,
            a.value().span(),
            "Expected "
                + expected
                + " for `"
                + a.name().name()
                + "`, found "
                + Types.describe(found)
                + "."));
  }
}
