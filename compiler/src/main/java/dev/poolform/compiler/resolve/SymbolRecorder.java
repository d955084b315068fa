package dev.poolform.compiler.resolve;

import dev.poolform.compiler.ast.Ident;
import dev.poolform.compiler.ast.Node;
import dev.poolform.source.Span;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;

/**
 * Collects {@link Symbols} while the resolver walks: each declaration once, and each name it
 * resolves. Keyed by the declaring node (a let, cloud or template declaration, or a loop variable's
 * identifier), which is what the resolver's scopes hold.
 */
final class SymbolRecorder {
  private final List<Symbols.Symbol> declarations = new ArrayList<>();
  private final List<Symbols.Reference> references = new ArrayList<>();
  private final IdentityHashMap<Object, Symbols.Symbol> byNode = new IdentityHashMap<>();

  /**
   * @param key what scopes bind: the declaration, or the loop variable's identifier
   */
  void declare(Symbols.Kind kind, Ident name, Node declaration, Object key) {
    Symbols.Symbol s = new Symbols.Symbol(kind, name, declaration);
    declarations.add(s);
    byNode.putIfAbsent(key, s);
  }

  /** A use at {@code at} of what {@code key} declares (ignored if it was never declared). */
  void refer(Span at, Object key) {
    Symbols.Symbol s = byNode.get(key);
    if (s != null) references.add(new Symbols.Reference(at, s));
  }

  Symbols symbols() {
    return new Symbols(declarations, references);
  }
}
