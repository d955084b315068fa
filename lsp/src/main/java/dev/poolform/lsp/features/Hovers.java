package dev.poolform.lsp.features;

import dev.poolform.compiler.Analysis;
import dev.poolform.compiler.ast.Decl;
import dev.poolform.compiler.ast.Expr;
import dev.poolform.compiler.ast.Ident;
import dev.poolform.compiler.ast.Node;
import dev.poolform.compiler.ast.SourceUnit;
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
      default:
        return code(name) + "\n\nA loop variable.";
    }
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
