package dev.poolform.lsp.features;

import dev.poolform.compiler.Analysis;
import dev.poolform.compiler.ast.Decl;
import dev.poolform.compiler.ast.Expr;
import dev.poolform.compiler.ast.Ident;
import dev.poolform.compiler.ast.Node;
import dev.poolform.compiler.ast.SourceUnit;
import dev.poolform.compiler.inputs.InputValues;
import dev.poolform.compiler.inputs.Variable;
import dev.poolform.compiler.query.NodePath;
import dev.poolform.compiler.query.SchemaAt;
import dev.poolform.compiler.resolve.Program;
import dev.poolform.compiler.resolve.Symbols;
import dev.poolform.lsp.workspace.Analyses;
import dev.poolform.source.Span;
import dev.poolform.stdlib.functions.Builtins;
import dev.poolform.stdlib.schema.AttrSchema;
import dev.poolform.stdlib.schema.BlockSchema;
import dev.poolform.stdlib.schema.Schemas;
import dev.poolform.stdlib.types.ValueText;
import dev.poolform.stdlib.value.Value;
import java.util.List;
import java.util.Optional;
import org.eclipse.lsp4j.Hover;
import org.eclipse.lsp4j.MarkupContent;
import org.eclipse.lsp4j.MarkupKind;

/**
 * Hover: the schema's documentation for attributes and blocks (type, default, range, units, how
 * each cloud carries it out), a function's signature, and for names what they are and, where
 * evaluation knows it, their value.
 */
public final class Hovers {
  private Hovers() {}

  /** Values are shown up to this many characters. */
  static final int MAX_VALUE_CHARS = 400;

  /** Distinct values shown for an attribute of pools stamped by a loop. */
  static final int MAX_VALUES = 5;

  public static Optional<Hover> at(Analyses.Snapshot s, int offset) {
    Analysis a = s.analysis();
    Optional<SourceUnit> unit = a.unit(s.file());
    if (unit.isEmpty()) return Optional.empty();
    NodePath path = NodePath.at(unit.get(), offset);
    return text(a, path, offset).map(t -> hover(t, path.leaf().span()));
  }

  private static Optional<String> text(Analysis a, NodePath path, int offset) {
    Optional<AttrSchema> attr = SchemaAt.attributeNamed(a, path);
    if (attr.isPresent()) return Optional.of(attribute(a, path, attr.get()));
    Optional<BlockSchema> block = SchemaAt.blockNamed(a, path);
    if (block.isPresent()) return Optional.of(SchemaText.block(dotted(a, path), block.get()));
    Optional<Symbols.Symbol> symbol = a.symbols().at(path.leaf().span().file(), offset);
    if (symbol.isPresent()) return Optional.of(symbol(a, symbol.get()));
    Node leaf = path.leaf();
    if (leaf instanceof Ident id && path.parentOf(id).orElse(null) instanceof Expr.Call c) {
      return Builtins.lookup(c.function().name()).map(b -> code(b.signature()) + "\n\n" + b.doc());
    }
    if (leaf instanceof Ident id && path.parentOf(id).orElse(null) instanceof Decl.Cloud c) {
      return Schemas.cloud(c.kind().name())
          .map(b -> "**cloud kind `" + id.name() + "`**\n\n" + b.doc());
    }
    Optional<Decl.Pool> pool = path.innermost(Decl.Pool.class);
    if (pool.isPresent() && contains(pool.get().name().span(), offset)) {
      return Optional.of(pool(a, pool.get()));
    }
    Optional<Decl.Import> imp = path.innermost(Decl.Import.class);
    if (imp.isPresent()) {
      for (Program.ImportLink l : a.links()) {
        if (l.decl().span().equals(imp.get().span())) {
          return Optional.of("Imports `" + l.target().path() + "`.");
        }
      }
    }
    return Optional.empty();
  }

  private static String attribute(Analysis a, NodePath path, AttrSchema schema) {
    StringBuilder sb = new StringBuilder(SchemaText.attribute(dotted(a, path), schema));
    List<Value> values = a.values().attribute(path.leaf().span(), MAX_VALUES);
    if (!values.isEmpty()) sb.append("\n\n").append(values.size() == 1 ? "Value: " : "Values: ");
    for (int i = 0; i < values.size(); i++) {
      sb.append(i == 0 ? "" : ", ").append('`').append(shown(values.get(i))).append('`');
    }
    return sb.toString();
  }

  /** {@code rollout.max_surge} for the attribute or block the path ends on. */
  private static String dotted(Analysis a, NodePath path) {
    String name = ((Ident) path.leaf()).name();
    String inside = SchemaAt.body(a, path).map(SchemaAt.Scoped::path).orElse("");
    return inside.isEmpty() ? name : inside + "." + name;
  }

  private static String symbol(Analysis a, Symbols.Symbol s) {
    String name = s.name().name();
    switch (s.kind()) {
      case LET:
        {
          StringBuilder sb = new StringBuilder(code("let " + name));
          a.values()
              .let((Decl.Let) s.declaration())
              .ifPresent(v -> sb.append("\n\nValue: `").append(shown(v)).append('`'));
          return sb.toString();
        }
      case CLOUD:
        {
          Decl.Cloud c = (Decl.Cloud) s.declaration();
          String kind = c.kind().name();
          return code("cloud " + kind + " " + name)
              + "\n\n"
              + Schemas.cloud(kind).map(BlockSchema::doc).orElse("Unknown cloud kind.")
              + "\n\nPlans call it `"
              + kind
              + "."
              + name
              + "`.";
        }
      case TEMPLATE:
        {
          Decl.Template t = (Decl.Template) s.declaration();
          StringBuilder sb = new StringBuilder("template " + name);
          for (int i = 0; i < t.from().size(); i++) {
            sb.append(i == 0 ? " from " : ", ").append(t.from().get(i).name());
          }
          return code(sb.toString())
              + "\n\nA partial pool body; pools use it with `from "
              + name
              + "` and override what they set.";
        }
      case VARIABLE:
        return variable(a, (Decl.Variable) s.declaration());
      default:
        return code(name) + "\n\nA loop variable.";
    }
  }

  /**
   * A variable's declaration as checked (type, description, default) and the value it takes here
   * with where it was set. A sensitive variable's default and value are never shown, whatever their
   * type; without an evaluation (an error elsewhere) only what is safe without checking is said.
   */
  private static String variable(Analysis a, Decl.Variable d) {
    String name = d.name().name();
    Optional<Variable> checked = a.values().variable(d);
    if (checked.isEmpty()) {
      return code("variable \"" + name + "\"")
          + "\n\nAn input variable, used as `var."
          + name
          + "`.";
    }
    Variable v = checked.get();
    StringBuilder sb =
        new StringBuilder(
            code("variable \"" + name + "\": " + v.type().display())
                + (v.sensitive() ? "\n\nSensitive: its value is a secret." : ""));
    v.description().ifPresent(t -> sb.append("\n\n").append(t));
    if (v.defaultValue().isPresent()) {
      sb.append("\n\nDefault: ")
          .append(v.sensitive() ? "(sensitive)" : "`" + shown(v.defaultValue().get()) + "`");
    } else if (v.defaultExpr().isEmpty()) {
      sb.append("\n\nNo default: a value must be given.");
    }
    a.values()
        .input(d)
        .ifPresent(
            b ->
                sb.append("\n\nValue: ")
                    .append(v.sensitive() ? "(sensitive)" : "`" + shown(b.value()) + "`")
                    .append(", from ")
                    .append(origin(b)));
    return sb.append("\n\nUsed as `var.").append(name).append("`.").toString();
  }

  /** "its default", or where else the value was set ({@code dev.poolvars:3}, the environment). */
  private static String origin(InputValues.Bound b) {
    Optional<Span> dflt = b.variable().defaultExpr().map(Expr::span);
    // A sensitive default's origin is in a starred copy of the file: same name, same offsets.
    boolean isDefault =
        dflt.isPresent()
            && b.origin().start() == dflt.get().start()
            && b.origin().file().displayPath().equals(dflt.get().file().displayPath());
    return isDefault ? "its default" : "`" + b.source() + "`";
  }

  private static String pool(Analysis a, Decl.Pool p) {
    List<String> names = a.values().poolNames(p);
    StringBuilder sb = new StringBuilder(code("pool"));
    if (names.isEmpty())
      return sb.append("\n\nA pool (its name is known once it compiles).").toString();
    sb.append("\n\n").append(names.size() == 1 ? "Address: " : "Addresses: ");
    for (int i = 0; i < Math.min(names.size(), 10); i++) {
      sb.append(i == 0 ? "" : ", ").append("`pool.").append(names.get(i)).append('`');
    }
    if (names.size() > 10) sb.append(" and ").append(names.size() - 10).append(" more");
    SchemaAt.kindOf(a, p).ifPresent(k -> sb.append("\n\nOn a `").append(k).append("` cloud."));
    return sb.toString();
  }

  static String shown(Value v) {
    String t = ValueText.literal(v);
    return t.length() <= MAX_VALUE_CHARS ? t : t.substring(0, MAX_VALUE_CHARS) + "…";
  }

  private static String code(String s) {
    return "```pool\n" + s + "\n```";
  }

  private static boolean contains(Span span, int offset) {
    return span.start() <= offset && offset <= span.end();
  }

  private static Hover hover(String markdown, Span span) {
    Hover h = new Hover(new MarkupContent(MarkupKind.MARKDOWN, markdown));
    h.setRange(Positions.range(span));
    return h;
  }
}
