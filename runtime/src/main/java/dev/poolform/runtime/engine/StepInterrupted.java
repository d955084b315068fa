package dev.poolform.runtime.engine;

/**
 * A pool's step stopped because the apply was interrupted ({@link Interruption}): not a failure of
 * the pool, and never a reason to roll back. What it had started stays in state as owed work.
 */
public final class StepInterrupted extends StepFailure {
  private static final long serialVersionUID = 1L;

  public StepInterrupted() {
    super("the apply was interrupted", null);
  }
}
