package dev.poolform.compiler.eval;

import dev.poolform.compiler.ast.Decl;
import dev.poolform.stdlib.value.CloudValue;
import java.util.IdentityHashMap;

/**
 * Cloud declarations evaluated once each, in the global scope: a cloud is both a declaration the
 * checker validates and a value pools and expressions refer to by name.
 */
final class Clouds {
  private final Bodies bodies;
  private final Env global;
  private final IdentityHashMap<Decl.Cloud, EvaluatedCloud> done = new IdentityHashMap<>();

  Clouds(Bodies bodies, Env global) {
    this.bodies = bodies;
    this.global = global;
  }

  EvaluatedCloud of(Decl.Cloud c) {
    EvaluatedCloud cached = done.get(c);
    if (cached != null) return cached;
    EBody b = bodies.eval(c.body(), global, "", false);
    EvaluatedCloud ec =
        new EvaluatedCloud(c, new CloudValue(c.kind().name(), c.name().name(), b.toMap()), b);
    done.put(c, ec);
    return ec;
  }
}
