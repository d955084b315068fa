package dev.poolform.compiler.eval;

import dev.poolform.compiler.diag.Code;
import dev.poolform.compiler.diag.Diagnostic;
import dev.poolform.compiler.diag.DiagnosticSink;
import dev.poolform.source.Span;
import dev.poolform.stdlib.functions.Limits;
import dev.poolform.stdlib.value.Value;

/**
 * What one configuration's evaluation may spend (docs/language.md#limits): steps, loop iterations,
 * pools, and the weight of any one value. The first limit exceeded is reported once, with E0314 at
 * the expression or declaration that crossed it; evaluation then stops (every later expression
 * fails silently), so a runaway file costs at most the budget, and one diagnostic.
 */
final class Budget {
  private final DiagnosticSink sink;
  private long steps;
  private long iterations;
  private int pools;
  private boolean exhausted;

  Budget(DiagnosticSink sink) {
    this.sink = sink;
  }

  /** Whether a limit has been exceeded: evaluation is over. */
  boolean exhausted() {
    return exhausted;
  }

  /** Spends {@code units} steps for the work at {@code at}; false once the budget is gone. */
  boolean spend(long units, Span at) {
    if (exhausted) return false;
    steps = Value.addWeights(steps, units);
    if (steps <= Limits.MAX_STEPS) return true;
    return exceed(
        at,
        "Evaluating the configuration takes more than "
            + Limits.MAX_STEPS
            + " steps; this expression went past the limit.");
  }

  /** Checks a value just built at {@code at}: false (reported) when it weighs too much. */
  boolean admit(Value v, Span at) {
    if (exhausted) return false;
    if (v.weight() <= Limits.MAX_WEIGHT) return true;
    return exceed(
        at,
        "This value is too large: it holds more than "
            + Limits.MAX_WEIGHT
            + " elements, counting every element of every nested list and map (each copy again).");
  }

  /** One more loop iteration, of the loop over {@code iterable}. */
  boolean iterate(Span iterable) {
    if (exhausted) return false;
    if (++iterations <= Limits.MAX_ITERATIONS) return true;
    return exceed(
        iterable,
        "The configuration loops more than " + Limits.MAX_ITERATIONS + " times in total.");
  }

  /** One more pool, declared at {@code at}. */
  boolean pool(Span at) {
    if (exhausted) return false;
    if (++pools <= Limits.MAX_POOLS) return true;
    return exceed(
        at,
        "The configuration declares more than "
            + Limits.MAX_POOLS
            + " pools; split a larger fleet into several configurations.");
  }

  private boolean exceed(Span at, String message) {
    exhausted = true;
    sink.report(Diagnostic.of(Code.E0314, at, message));
    return false;
  }
}
