package dev.poolform.lsp.features;

import dev.poolform.compiler.Analysis;
import dev.poolform.compiler.ast.Decl;
import dev.poolform.compiler.ast.SourceUnit;
import dev.poolform.compiler.ast.StringExpr;
import dev.poolform.lsp.workspace.Analyses;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.lsp4j.DocumentSymbol;
import org.eclipse.lsp4j.SymbolKind;

/**
 * The outline of a file (document symbols): its variables, clouds, templates, pools and lets, with
 * {@code for} and {@code if} as containers of what they declare.
 */
public final class Outline {
  private Outline() {}

  public static List<DocumentSymbol> of(Analyses.Snapshot s) {
    Optional<SourceUnit> unit = s.analysis().unit(s.file());
    return unit.map(u -> decls(s.analysis(), u.decls())).orElse(List.of());
  }

  private static List<DocumentSymbol> decls(Analysis a, List<Decl> decls) {
    List<DocumentSymbol> out = new ArrayList<>();
    for (Decl d : decls) {
      DocumentSymbol sym = decl(a, d);
      if (sym != null) out.add(sym);
    }
    return out;
  }

  private static DocumentSymbol decl(Analysis a, Decl d) {
    if (d instanceof Decl.Cloud c) {
      return symbol(
          c.name().name(), "cloud " + c.kind().name(), SymbolKind.Module, d, c.name().span());
    }
    if (d instanceof Decl.Template t) {
      return symbol(t.name().name(), "template", SymbolKind.Class, d, t.name().span());
    }
    if (d instanceof Decl.Let l) {
      return symbol(l.name().name(), "let", SymbolKind.Variable, d, l.name().span());
    }
    if (d instanceof Decl.Variable v) {
      String detail =
          a.values()
              .variable(v)
              .map(c -> "variable: " + c.type().display() + (c.sensitive() ? ", sensitive" : ""))
              .orElse("variable");
      return symbol(v.name().name(), detail, SymbolKind.Property, d, v.label().span());
    }
    if (d instanceof Decl.Pool p) {
      String name = p.name().span().text();
      if (p.name() instanceof StringExpr se && se.isConstant()) name = se.constantText();
      else if (name.length() >= 2 && name.startsWith("\"") && name.endsWith("\"")) {
        name = name.substring(1, name.length() - 1);
      }
      List<String> names = a.values().poolNames(p);
      String detail = names.size() > 1 ? names.size() + " pools" : "pool";
      return symbol(name, detail, SymbolKind.Struct, d, p.name().span());
    }
    if (d instanceof Decl.For f) {
      DocumentSymbol sym =
          symbol(
              "for " + f.value().name() + " in " + f.iterable().span().text(),
              "loop",
              SymbolKind.Namespace,
              d,
              f.value().span());
      sym.setChildren(decls(a, f.body()));
      return sym;
    }
    if (d instanceof Decl.If i) {
      DocumentSymbol sym =
          symbol(
              "if " + i.condition().span().text(),
              "condition",
              SymbolKind.Namespace,
              d,
              i.condition().span());
      List<Decl> both = new ArrayList<>(i.then());
      both.addAll(i.otherwise());
      sym.setChildren(decls(a, both));
      return sym;
    }
    return null;
  }

  private static DocumentSymbol symbol(
      String name, String detail, SymbolKind kind, Decl d, dev.poolform.source.Span selection) {
    return new DocumentSymbol(
        name.isBlank() ? "(unnamed)" : name,
        kind,
        Positions.range(d.span()),
        Positions.range(selection),
        detail);
  }
}
