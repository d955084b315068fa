package dev.poolform.compiler.resolve;

import dev.poolform.compiler.ast.Decl;
import dev.poolform.compiler.ast.Ident;
import dev.poolform.source.Span;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * A lexical scope of resolution: the top level, or the body of a {@code for}/{@code if}. Besides
 * the names it binds, it records which of its lets and clouds use which others, for its cycle check
 * ({@link CycleReports}).
 */
final class Scope {
  /** A name visible in a scope: a declaration, or a loop variable. */
  record Binding(Decl decl, Ident loopVar) {}

  /** {@code from} uses {@code to} at {@code at}. */
  record Edge(Decl to, String name, Span at) {}

  final Scope parent;
  final Map<String, Binding> names = new HashMap<>();

  /** The lets and clouds declared directly in this scope: the nodes of its cycle check. */
  final IdentityHashMap<Decl, List<Edge>> deps = new IdentityHashMap<>();

  final List<Decl> order = new ArrayList<>();

  Scope(Scope parent) {
    this.parent = parent;
  }

  void node(Decl d) {
    deps.put(d, new ArrayList<>());
    order.add(d);
  }

  Binding lookup(String n) {
    for (Scope s = this; s != null; s = s.parent) {
      Binding b = s.names.get(n);
      if (b != null) return b;
    }
    return null;
  }

  /** The scope that declares {@code owner}, searching outward from {@code scope}. */
  static Scope of(Decl owner, Scope scope) {
    for (Scope s = scope; s != null; s = s.parent) {
      if (s.deps.containsKey(owner)) return s;
    }
    return null;
  }
}
