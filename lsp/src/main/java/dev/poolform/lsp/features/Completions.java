package dev.poolform.lsp.features;

import dev.poolform.compiler.Analysis;
import dev.poolform.compiler.ast.Body;
import dev.poolform.compiler.ast.Decl;
import dev.poolform.compiler.ast.Expr;
import dev.poolform.compiler.ast.Node;
import dev.poolform.compiler.ast.SourceUnit;
import dev.poolform.compiler.query.NodePath;
import dev.poolform.compiler.query.SchemaAt;
import dev.poolform.compiler.resolve.Symbols;
import dev.poolform.compiler.syntax.Lexemes;
import dev.poolform.compiler.syntax.Lexemes.Lexeme;
import dev.poolform.lsp.workspace.Analyses;
import dev.poolform.source.SourceFile;
import dev.poolform.stdlib.functions.Builtin;
import dev.poolform.stdlib.functions.Builtins;
import dev.poolform.stdlib.schema.AttrSchema;
import dev.poolform.stdlib.schema.BlockSchema;
import dev.poolform.stdlib.schema.Schemas;
import dev.poolform.stdlib.types.Type;
import dev.poolform.stdlib.value.Literals;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.eclipse.lsp4j.CompletionItem;
import org.eclipse.lsp4j.CompletionItemKind;
import org.eclipse.lsp4j.InsertTextFormat;
import org.eclipse.lsp4j.MarkupContent;
import org.eclipse.lsp4j.MarkupKind;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.TextEdit;
import org.eclipse.lsp4j.jsonrpc.messages.Either;

/**
 * Completion at the cursor. The syntax tree says which body the cursor is in (and so which schema
 * applies); the tokens right before the cursor say what is being written there, since that part of
 * the line usually does not parse yet:
 *
 * <ul>
 *   <li>after {@code on}: clouds; after {@code from} (and its commas): templates; after {@code
 *       cloud}: cloud kinds;
 *   <li>at the start of an item in a body: the attributes and blocks the schema allows and the body
 *       does not set yet; at the top level: the declarations;
 *   <li>after {@code name =}: the attribute's allowed values (enumerations, booleans, {@code
 *       external}), then names and functions; inside {@code "..."} after {@code =}: the allowed
 *       values;
 *   <li>after a number: the units the attribute's type is written with;
 *   <li>after {@code cloud_name.}: the cloud's fields; after {@code var.}: the variables;
 *   <li>anywhere else in an expression: lets, clouds, loop variables in scope, {@code var.NAME} for
 *       each variable, and functions.
 * </ul>
 */
public final class Completions {
  private Completions() {}

  static final List<String> DECLARATIONS =
      List.of("variable", "cloud", "let", "template", "pool", "for", "if", "import", "state");

  public static List<CompletionItem> at(Analyses.Snapshot s, int offset) {
    Analysis a = s.analysis();
    SourceFile file = s.file();
    String text = file.text();
    int start = offset;
    while (start > 0 && isWordChar(text.charAt(start - 1))) start--;
    String prefix = text.substring(start, offset);
    Range replace = new Range(Positions.position(file, start), Positions.position(file, offset));
    List<Lexeme> lexemes = Lexemes.of(file);
    int i = Lexemes.before(lexemes, start);
    String prev = i >= 0 ? lexemes.get(i).type() : "";
    Optional<SourceUnit> unit = a.unit(file);
    NodePath path = unit.map(u -> NodePath.at(u, offset)).orElse(null);
    Completer c = new Completer(replace);

    if (!prefix.isEmpty() && Character.isDigit(prefix.charAt(0))) {
      units(c, path == null ? Optional.empty() : attributeAt(a, path, lexemes, i), prefix);
    } else if (prev.equals("ON")) {
      declared(c, a, Symbols.Kind.CLOUD);
    } else if (prev.equals("FROM") || inFromList(lexemes, i)) {
      declared(c, a, Symbols.Kind.TEMPLATE);
    } else if (prev.equals("CLOUD")) {
      for (String k : Schemas.CLOUD_KINDS) {
        c.add(k, CompletionItemKind.Module, Schemas.cloud(k).orElseThrow().doc(), k);
      }
    } else if (prev.equals("STRING_START")
        && i >= 1
        && lexemes.get(i - 1).type().equals("ASSIGN")) {
      if (path != null) {
        attributeAt(a, path, lexemes, i - 1)
            .ifPresent(
                as ->
                    as.allowed()
                        .forEach(v -> c.add(v, CompletionItemKind.EnumMember, as.doc(), v)));
      }
    } else if (prev.equals("DOT") && i >= 1 && lexemes.get(i - 1).type().equals("VAR")) {
      variables(c, a, "");
    } else if (prev.equals("DOT") && i >= 1 && lexemes.get(i - 1).type().equals("IDENT")) {
      cloudFields(c, a, file, lexemes.get(i - 1));
    } else if (path != null && itemStart(text, start, prev) && inBody(path)) {
      bodyItems(c, a, path);
    } else if (path != null && itemStart(text, start, prev) && topLevel(path)) {
      for (String d : DECLARATIONS)
        c.add(d, CompletionItemKind.Keyword, "A `" + d + "` declaration.", d + " ");
    } else {
      if (prev.equals("ASSIGN") && path != null) {
        attributeAt(a, path, lexemes, i).ifPresent(as -> values(c, as));
      }
      expressions(c, a, file, offset);
    }
    return c.items;
  }

  /** The attribute whose {@code =} is token {@code assign} (the name is the token before it). */
  private static Optional<AttrSchema> attributeAt(
      Analysis a, NodePath path, List<Lexeme> lexemes, int assign) {
    for (int j = assign; j >= 1; j--) {
      if (lexemes.get(j).type().equals("ASSIGN") && lexemes.get(j - 1).type().equals("IDENT")) {
        String name = lexemes.get(j - 1).text();
        return SchemaAt.body(a, path).flatMap(sc -> sc.schema().attribute(name));
      }
      if (!lexemes.get(j).type().matches("INT|NUMBER|MINUS|ASSIGN")) break;
    }
    return Optional.empty();
  }

  private static void units(Completer c, Optional<AttrSchema> attr, String number) {
    String digits = number.replaceAll("[^0-9.].*$", "");
    Type t = attr.map(AttrSchema::type).orElse(null);
    String d = t == null ? "duration | bytes | percent" : t.display();
    if (d.contains("duration")) {
      for (String u : List.of("ms", "s", "m", "h", "d"))
        c.add(digits + u, CompletionItemKind.Unit, "a duration", digits + u);
    }
    if (d.contains("bytes")) {
      for (String u : List.of("MiB", "GiB", "TiB", "KiB", "MB", "GB", "TB", "KB", "B")) {
        c.add(digits + u, CompletionItemKind.Unit, "a byte size", digits + u);
      }
    }
    if (d.contains("percent"))
      c.add(digits + "%", CompletionItemKind.Unit, "a percentage", digits + "%");
  }

  private static void values(Completer c, AttrSchema as) {
    for (String v : as.allowed())
      c.add(Literals.quote(v), CompletionItemKind.EnumMember, as.doc(), Literals.quote(v));
    String t = as.type().display();
    if (t.equals("bool")) {
      c.add("true", CompletionItemKind.Keyword, as.doc(), "true");
      c.add("false", CompletionItemKind.Keyword, as.doc(), "false");
    }
    if (t.contains("external")) c.add("external", CompletionItemKind.Keyword, as.doc(), "external");
  }

  private static void declared(Completer c, Analysis a, Symbols.Kind kind) {
    Set<String> seen = new HashSet<>();
    for (Symbols.Symbol s : a.symbols().declarations()) {
      if (s.kind() != kind || !seen.add(s.name().name())) continue;
      String detail =
          s.declaration() instanceof Decl.Cloud cl
              ? "cloud " + cl.kind().name()
              : kind == Symbols.Kind.TEMPLATE ? "template" : "";
      c.add(
          s.name().name(),
          kind == Symbols.Kind.CLOUD ? CompletionItemKind.Module : CompletionItemKind.Class,
          detail,
          s.name().name());
    }
  }

  private static boolean inFromList(List<Lexeme> lexemes, int i) {
    for (int j = i; j >= 0; j--) {
      String t = lexemes.get(j).type();
      if (t.equals("FROM")) return j != i;
      if (!t.equals("COMMA") && !t.equals("IDENT")) return false;
    }
    return false;
  }

  private static void cloudFields(Completer c, Analysis a, SourceFile file, Lexeme target) {
    Optional<Symbols.Symbol> s = a.symbols().at(file, target.span().start());
    if (s.isEmpty() || !(s.get().declaration() instanceof Decl.Cloud cloud)) return;
    c.add("name", CompletionItemKind.Field, "The cloud's name.", "name");
    c.add("kind", CompletionItemKind.Field, "The cloud's kind.", "kind");
    Schemas.cloud(cloud.kind().name())
        .ifPresent(
            b ->
                b.attributes()
                    .values()
                    .forEach(
                        as -> c.add(as.name(), CompletionItemKind.Field, as.doc(), as.name())));
  }

  /** Only blanks between the line start, a `{` or a `,` and the word being written. */
  private static boolean itemStart(String text, int start, String prev) {
    if (prev.equals("LBRACE") || prev.equals("COMMA") || prev.equals("RBRACE") || prev.isEmpty())
      return true;
    for (int j = start - 1; j >= 0; j--) {
      char ch = text.charAt(j);
      if (ch == '\n') return true;
      if (ch != ' ' && ch != '\t' && ch != '\r') return false;
    }
    return true;
  }

  /** The innermost brace on the path is a declaration's or a block's body, not a map. */
  private static boolean inBody(NodePath path) {
    for (int j = path.nodes().size() - 1; j >= 0; j--) {
      Node n = path.nodes().get(j);
      if (n instanceof Body) return true;
      if (n instanceof Expr || n instanceof Decl.For || n instanceof Decl.If) return false;
    }
    return false;
  }

  private static boolean topLevel(NodePath path) {
    for (Node n : path.nodes()) {
      if (n instanceof Body || n instanceof Expr) return false;
    }
    return true;
  }

  private static void bodyItems(Completer c, Analysis a, NodePath path) {
    Optional<SchemaAt.Scoped> scoped = SchemaAt.body(a, path);
    if (scoped.isEmpty()) return;
    Set<String> present = new HashSet<>();
    path.innermost(Body.class)
        .ifPresent(b -> b.items().forEach(it -> present.add(it.name().name())));
    BlockSchema schema = scoped.get().schema();
    String inside = scoped.get().path().isEmpty() ? "" : scoped.get().path() + ".";
    for (AttrSchema as : schema.attributes().values()) {
      if (present.contains(as.name())) continue;
      CompletionItem item =
          c.add(as.name(), CompletionItemKind.Property, as.type().display(), as.name() + " = ");
      item.setDocumentation(
          new MarkupContent(MarkupKind.MARKDOWN, SchemaText.attribute(inside + as.name(), as)));
    }
    for (BlockSchema bs : schema.blocks().values()) {
      if (present.contains(bs.name())) continue;
      CompletionItem item =
          c.add(bs.name(), CompletionItemKind.Struct, "block", bs.name() + " {\n\t$0\n}");
      item.setInsertTextFormat(InsertTextFormat.Snippet);
      item.setDocumentation(
          new MarkupContent(MarkupKind.MARKDOWN, SchemaText.block(inside + bs.name(), bs)));
    }
  }

  /**
   * Names visible at the offset (top-level lets and clouds, enclosing loops' variables and lets)
   * and functions.
   */
  private static void expressions(Completer c, Analysis a, SourceFile file, int offset) {
    Set<String> seen = new HashSet<>();
    for (Symbols.Symbol s : a.symbols().declarations()) {
      if (s.kind() == Symbols.Kind.TEMPLATE
          || s.kind() == Symbols.Kind.VARIABLE
          || !visible(s, file, offset, a)) continue;
      if (!seen.add(s.name().name())) continue;
      CompletionItemKind kind =
          switch (s.kind()) {
            case CLOUD -> CompletionItemKind.Module;
            case LET -> CompletionItemKind.Variable;
            default -> CompletionItemKind.Variable;
          };
      String detail = s.kind().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
      c.add(s.name().name(), kind, detail, s.name().name());
    }
    variables(c, a, "var.");
    for (String n : Builtins.names()) {
      Builtin b = Builtins.lookup(n).orElseThrow();
      CompletionItem item = c.add(n, CompletionItemKind.Function, b.signature(), n + "($0)");
      item.setInsertTextFormat(InsertTextFormat.Snippet);
      item.setDocumentation(new MarkupContent(MarkupKind.MARKDOWN, b.doc()));
    }
  }

  /**
   * The declared variables, written {@code prefix + NAME}: after {@code var.} the bare names, in an
   * expression the whole {@code var.NAME}.
   */
  private static void variables(Completer c, Analysis a, String prefix) {
    Set<String> seen = new HashSet<>();
    for (Symbols.Symbol s : a.symbols().declarations()) {
      if (s.kind() != Symbols.Kind.VARIABLE || !seen.add(s.name().name())) continue;
      Decl.Variable d = (Decl.Variable) s.declaration();
      String detail =
          a.values().variable(d).map(v -> "variable: " + v.type().display()).orElse("variable");
      CompletionItem item =
          c.add(
              prefix + s.name().name(),
              CompletionItemKind.Variable,
              detail,
              prefix + s.name().name());
      a.values()
          .variable(d)
          .flatMap(dev.poolform.compiler.inputs.Variable::description)
          .ifPresent(t -> item.setDocumentation(new MarkupContent(MarkupKind.MARKDOWN, t)));
    }
  }

  /** Top-level names everywhere; a loop's variables and a loop's or branch's lets inside it. */
  private static boolean visible(Symbols.Symbol s, SourceFile file, int offset, Analysis a) {
    Node scope = scopeOf(s, a);
    if (scope == null) return true;
    return scope.span().file() == file
        && scope.span().start() <= offset
        && offset <= scope.span().end();
  }

  /** The for/if a nested name is declared in, or null for a top-level one. */
  private static Node scopeOf(Symbols.Symbol s, Analysis a) {
    if (s.declaration() instanceof Decl.For f) return f;
    for (SourceUnit u : a.units()) {
      if (u.file() != s.name().span().file()) continue;
      NodePath p = NodePath.at(u, s.name().span().start());
      for (int j = p.nodes().size() - 1; j >= 0; j--) {
        Node n = p.nodes().get(j);
        if (n instanceof Decl.For || n instanceof Decl.If) return n;
      }
    }
    return null;
  }

  private static boolean isWordChar(char ch) {
    return Character.isLetterOrDigit(ch) || ch == '_';
  }

  /** Builds items that replace the word being written. */
  private static final class Completer {
    final List<CompletionItem> items = new ArrayList<>();
    final Range replace;

    Completer(Range replace) {
      this.replace = replace;
    }

    CompletionItem add(String label, CompletionItemKind kind, String detail, String insert) {
      CompletionItem item = new CompletionItem(label);
      item.setKind(kind);
      item.setDetail(detail);
      item.setTextEdit(Either.forLeft(new TextEdit(replace, insert)));
      item.setFilterText(label);
      items.add(item);
      return item;
    }
  }
}
