package dev.poolform.runtime.engine;

import java.util.Optional;

/**
 * A pool's change could not finish for a reason that is not one cloud call failing: a rollout timed
 * out, too many new machines failed to boot, a rollback was impossible.
 */
public class StepFailure extends Exception {
  private final String attribute;

  public StepFailure(String message, String attribute) {
    super(message);
    this.attribute = attribute;
  }

  /** The pool attribute to point at ({@code rollout.timeout}), if any. */
  public Optional<String> attribute() {
    return Optional.ofNullable(attribute);
  }
}
