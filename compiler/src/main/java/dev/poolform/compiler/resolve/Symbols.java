package dev.poolform.compiler.resolve;

import dev.poolform.compiler.ast.Ident;
import dev.poolform.compiler.ast.Node;
import dev.poolform.source.SourceFile;
import dev.poolform.source.Span;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What resolution found out about names, as a side table for editors: every declaration of a name,
 * and every place that uses one with the declaration it resolved to. It answers "go to definition",
 * "find references" and "rename" with exactly the scoping rules the compiler applies
 * (docs/language.md#names-and-scopes), because the resolver itself records it.
 *
 * @param declarations in source order, duplicates included (a duplicate's uses resolve to the first
 *     declaration, as in the compiler)
 * @param references in source order
 */
public record Symbols(List<Symbol> declarations, List<Reference> references) {
  public static final Symbols EMPTY = new Symbols(List.of(), List.of());

  public Symbols {
    declarations = List.copyOf(declarations);
    references = List.copyOf(references);
  }

  /** What kind of thing a name declares. */
  public enum Kind {
    CLOUD,
    LET,
    TEMPLATE,
    LOOP_VARIABLE,
    /** An input variable, used as {@code var.NAME}; its name is the text inside the quotes. */
    VARIABLE
  }

  /**
   * A declared name.
   *
   * @param declaration the cloud, let, template or variable declaration; for a loop variable its
   *     {@code for}
   */
  public record Symbol(Kind kind, Ident name, Node declaration) {}

  /** A use of a declared name at {@code at}. */
  public record Reference(Span at, Symbol target) {}

  /** The symbol whose name or one of whose uses covers {@code offset} in {@code file}. */
  public Optional<Symbol> at(SourceFile file, int offset) {
    for (Symbol s : declarations) {
      if (covers(s.name().span(), file, offset)) return Optional.of(s);
    }
    for (Reference r : references) {
      if (covers(r.at(), file, offset)) return Optional.of(r.target());
    }
    return Optional.empty();
  }

  /** Every use of {@code symbol}, in source order (the declaration itself not included). */
  public List<Span> usesOf(Symbol symbol) {
    List<Span> out = new ArrayList<>();
    for (Reference r : references) {
      if (r.target().equals(symbol)) out.add(r.at());
    }
    return out;
  }

  /** The declarations made in {@code file}, in source order. */
  public List<Symbol> declaredIn(SourceFile file) {
    List<Symbol> out = new ArrayList<>();
    for (Symbol s : declarations) {
      if (s.name().span().file() == file) out.add(s);
    }
    return out;
  }

  /** Inclusive at the end, so a cursor just after a name (where one types) still finds it. */
  private static boolean covers(Span span, SourceFile file, int offset) {
    return span.file() == file && span.start() <= offset && offset <= span.end();
  }
}
