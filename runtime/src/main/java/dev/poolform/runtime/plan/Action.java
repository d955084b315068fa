package dev.poolform.runtime.plan;

import java.util.Locale;

/** What apply will do to one pool (docs/runtime.md#actions; in JSON, docs/json.md#plan). */
public enum Action {
  /** The group does not exist yet. */
  CREATE,
  /** Only min/max/desired change. */
  SCALE,
  /** The machine spec changed: new template version or model, then a rolling replacement. */
  ROLLOUT,
  /**
   * Work an earlier step started and did not see through (its machines never all became available:
   * a failure, a timeout, an interrupted or killed apply) is finished on the group as it is.
   */
  RESUME,
  /** Metadata only (labels, or settings Poolform itself keeps): no machine is replaced. */
  UPDATE,
  /** An attribute the cloud cannot change in place: create a new group, then delete the old. */
  REPLACE,
  /** Unhealthy machines past their grace period are replaced (health block). */
  REPAIR,
  /** In state but no longer in the configuration. */
  DELETE,
  NOOP;

  /** The lower-case word used in JSON and text output. */
  public String text() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Action fromText(String s) {
    return valueOf(s.toUpperCase(Locale.ROOT));
  }
}
