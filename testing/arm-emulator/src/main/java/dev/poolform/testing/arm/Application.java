package dev.poolform.testing.arm;

/**
 * What the application on every emulated machine answers the Application Health extension's probe
 * ({@link ArmEmulator#application}); {@link AppHealth} turns it into the health the extension
 * reports.
 */
public enum Application {
  /** HTTP 200 with no health body (an ordinary health endpoint); TCP connects. */
  PLAIN_200,
  /** HTTP 200 with {@code {"ApplicationHealthState": "Healthy"}}; TCP connects. */
  RICH_HEALTHY,
  /** Nothing listens. */
  DOWN
}
