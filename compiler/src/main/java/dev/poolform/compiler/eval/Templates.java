package dev.poolform.compiler.eval;

import dev.poolform.compiler.ast.Decl;
import dev.poolform.compiler.ast.Ident;
import dev.poolform.compiler.resolve.Resolution;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Templates evaluated once each, in the global scope, with what they inherit merged underneath.
 * Many pools share one {@code from} list, so merged lists are cached too. Unknown and cyclic
 * templates were reported by resolution; here they contribute nothing.
 */
final class Templates {
  private final Resolution res;
  private final Bodies bodies;
  private final Env global;
  private final IdentityHashMap<Decl.Template, EBody> done = new IdentityHashMap<>();
  private final IdentityHashMap<Decl.Template, Boolean> busy = new IdentityHashMap<>();
  private final Map<List<String>, EBody> fromCache = new HashMap<>();

  Templates(Resolution res, Bodies bodies, Env global) {
    this.res = res;
    this.bodies = bodies;
    this.global = global;
  }

  /** The templates of a {@code from} list merged in order, later ones over earlier ones. */
  EBody merged(List<Ident> from) {
    if (from.isEmpty()) return new EBody(Map.of(), null);
    List<String> key = new ArrayList<>(from.size());
    for (Ident i : from) key.add(i.name());
    EBody cached = fromCache.get(key);
    if (cached != null) return cached;
    EBody out = new EBody(Map.of(), null);
    for (Ident i : from) {
      Decl.Template t = res.templates().get(i.name());
      if (t != null) out = EBody.merge(out, of(t));
    }
    fromCache.put(key, out);
    return out;
  }

  /** A template with everything it inherits merged underneath, evaluated once. */
  EBody of(Decl.Template t) {
    EBody cached = done.get(t);
    if (cached != null) return cached;
    if (busy.containsKey(t)) return new EBody(Map.of(), t.body().span());
    busy.put(t, true);
    EBody base = merged(t.from());
    EBody merged = EBody.merge(base, bodies.eval(t.body(), global, "", true));
    busy.remove(t);
    done.put(t, merged);
    return merged;
  }

  /** Whether every template named (transitively) exists and none is part of a cycle. */
  boolean complete(List<Ident> from) {
    return complete(from, new HashSet<>());
  }

  private boolean complete(List<Ident> from, Set<String> path) {
    for (Ident i : from) {
      Decl.Template t = res.templates().get(i.name());
      if (t == null || !path.add(i.name())) return false;
      if (!complete(t.from(), path)) return false;
      path.remove(i.name());
    }
    return true;
  }
}
