package dev.poolform.stdlib.functions;

/**
 * Bounds on what evaluation may build. The language has no recursion, so evaluation always ends,
 * but doubling a string in a chain of lets, or {@code range(1e12)}, could still exhaust memory;
 * past these sizes a call or operator fails with an arithmetic error instead.
 */
public final class Limits {
  private Limits() {}

  /** Longest string (in UTF-16 units) any expression may produce: 16 Mi. */
  public static final int MAX_STRING = 16 * 1024 * 1024;

  /** Most elements of a list or map any expression may produce. */
  public static final int MAX_COLLECTION = 1_000_000;
}
