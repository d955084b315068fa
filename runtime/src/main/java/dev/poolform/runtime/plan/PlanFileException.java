package dev.poolform.runtime.plan;

/** A plan file that cannot be read (not a plan, another format), or one that is stale. */
public final class PlanFileException extends Exception {
  public PlanFileException(String message) {
    super(message);
  }
}
