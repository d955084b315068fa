package dev.poolform.compiler.eval;

import dev.poolform.compiler.ast.Decl;
import dev.poolform.stdlib.value.Value;
import java.util.HashMap;
import java.util.Map;

/** A scope at evaluation time: loop variables, lazily evaluated lets, and (at the top) clouds. */
final class Env {
  final Env parent;
  final Map<String, Slot> slots = new HashMap<>();

  Env(Env parent) {
    this.parent = parent;
  }

  Slot lookup(String name) {
    for (Env e = this; e != null; e = e.parent) {
      Slot s = e.slots.get(name);
      if (s != null) return s;
    }
    return null;
  }

  /**
   * Gives a slot its value, evaluating a let or a cloud the first time. Expressions and loops reach
   * names through it because a name's value may itself refer to other names.
   */
  @FunctionalInterface
  interface Force {
    Value of(Slot s);
  }

  /** One name's value; lets and clouds are evaluated on first use, in their own scope. */
  static final class Slot {
    static final int PENDING = 0;
    static final int BUSY = 1;
    static final int DONE = 2;

    final Decl decl;
    final Env env;
    Value value;
    int state;

    Slot(Decl decl, Env env) {
      this.decl = decl;
      this.env = env;
      this.state = PENDING;
    }

    static Slot of(Value v) {
      Slot s = new Slot(null, null);
      s.value = v;
      s.state = DONE;
      return s;
    }
  }
}
