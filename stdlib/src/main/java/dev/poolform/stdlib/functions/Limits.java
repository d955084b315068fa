package dev.poolform.stdlib.functions;

import dev.poolform.stdlib.value.Value;

/**
 * Bounds on what evaluation may build (docs/language.md#limits). The language has no recursion, so
 * evaluation always ends, but doubling a string in a chain of lets, nesting a list in itself twice
 * over and over, or {@code range(1e12)}, could still exhaust memory or time; past these sizes a
 * call or operator fails with a diagnostic instead (E0314). The compiler counts the steps, loop
 * iterations and pools of one configuration against the budgets below (its {@code eval.Budget}).
 * Together they keep every small input fast to check: a file of at most 64 KiB validates in
 * seconds, whatever it says (docs/BENCHMARKS.md#bounded-evaluation).
 */
public final class Limits {
  private Limits() {}

  /**
   * Longest string (in UTF-16 units) any expression may produce: 1 Mi, 16 times the largest user
   * data any cloud accepts (Azure's custom data, 64 KiB).
   */
  public static final int MAX_STRING = 1024 * 1024;

  /** Most elements of a list or map any expression may produce. */
  public static final int MAX_COLLECTION = 1_000_000;

  /**
   * The heaviest value ({@link Value#weight()}) evaluation may build: a list of {@link
   * #MAX_COLLECTION} numbers fits twice over; a list nested in itself twice at every level reaches
   * it after 20 levels.
   */
  public static final long MAX_WEIGHT = 2_000_000;

  /** Loop iterations per configuration, nested loops counted together. */
  public static final long MAX_ITERATIONS = 1_000_000;

  /**
   * Pools per configuration. Each pool is checked, lowered, planned and stored, so a loop that
   * stamps a million of them is a mistake long before it is a fleet; split a fleet larger than this
   * into several configurations, each with its own state.
   */
  public static final int MAX_POOLS = 10_000;

  /**
   * Evaluation steps per configuration: every expression evaluated counts 1, and an operator or a
   * call also counts the {@link Value#weight()} of its operands (but {@code length} and {@code
   * lookup}, which do not walk them) and of its result (the work it may do walking or building
   * them), and each stamped pool counts the weight of its body (what the checks and the IR walk).
   * Real configurations use a small fraction of it.
   */
  public static final long MAX_STEPS = 20_000_000;
}
