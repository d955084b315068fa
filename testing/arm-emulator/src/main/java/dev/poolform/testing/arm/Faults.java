package dev.poolform.testing.arm;

import java.util.Random;

/**
 * Fault knobs: each request is, with the given probability and while the budget lasts, answered
 * with 429 (+ {@code Retry-After}), 409 {@code OperationNotAllowed} (writes only), 500, or a
 * dropped connection (after the request took effect, so a retry must not duplicate anything).
 */
public final class Faults {
  public volatile double throttleRate;
  public volatile double conflictRate;
  public volatile double serverErrorRate;
  public volatile double dropRate;

  /** Seconds in the 429's Retry-After header. */
  public volatile int retryAfterSeconds = 1;

  /** How many faults may still be injected; faults stop when it reaches zero. */
  public volatile int budget = Integer.MAX_VALUE;

  /** When not empty, faults hit only these operations (the emulator's counter names). */
  public final java.util.Set<String> only = java.util.concurrent.ConcurrentHashMap.newKeySet();

  private final Random random = new Random(42);

  public enum Kind {
    NONE,
    THROTTLE,
    CONFLICT,
    SERVER_ERROR,
    DROP
  }

  synchronized Kind next(String operation, boolean write) {
    if (budget <= 0 || (!only.isEmpty() && !only.contains(operation))) return Kind.NONE;
    double r = random.nextDouble();
    Kind k = Kind.NONE;
    if ((r -= throttleRate) < 0) k = Kind.THROTTLE;
    else if ((r -= serverErrorRate) < 0) k = Kind.SERVER_ERROR;
    else if ((r -= dropRate) < 0) k = Kind.DROP;
    else if (write && (r -= conflictRate) < 0) k = Kind.CONFLICT;
    if (k != Kind.NONE) budget--;
    return k;
  }

  public void clear() {
    throttleRate = conflictRate = serverErrorRate = dropRate = 0;
    budget = Integer.MAX_VALUE;
    only.clear();
  }
}
