package dev.poolform.compiler.types;

import dev.poolform.compiler.ast.Decl;
import dev.poolform.stdlib.types.Type;
import java.util.HashMap;
import java.util.Map;

/**
 * A scope of the static check: loop variables with their types, and the lets of a {@code for} or
 * {@code if} body, typed on first use ({@link ExprTypes}). The top scope is empty: globals are
 * looked up by name across all files.
 */
final class Scope {
  final Scope parent;
  final Map<String, Object> names = new HashMap<>(); // Type, or Decl.Let

  Scope(Scope parent) {
    this.parent = parent;
  }

  boolean isTop() {
    return parent == null;
  }

  void bind(String name, Type type) {
    names.put(name, type);
  }

  void declare(Decl.Let let) {
    names.putIfAbsent(let.name().name(), let);
  }
}
