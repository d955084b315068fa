package dev.poolform.runtime.plan;

import java.util.List;
import java.util.Locale;

/**
 * What a plan was asked to cover: its mode, the pools {@code --target} named and the pools {@code
 * --replace} forces. It is part of the plan's data, so a saved plan is applied as it was asked for
 * (docs/cli.md#targeting-and-forcing); the planner alone turns it into changes.
 *
 * @param mode whether the plan converges the configuration, deletes every pool in state, or only
 *     records in the state what changed outside Poolform
 * @param targets pool addresses the plan is limited to (empty: every pool); the planner adds the
 *     pools they run {@code after}
 * @param replace pool addresses whose groups are replaced although their spec may be unchanged
 */
public record PlanRequest(Mode mode, List<String> targets, List<String> replace) {
  /** What the plan does with the pools it covers. */
  public enum Mode {
    /** Make the clouds match the configuration. */
    NORMAL,
    /** Delete every pool in state ({@code pool destroy}, {@code plan --destroy}). */
    DESTROY,
    /**
     * Change nothing in the clouds: apply records the drift the plan shows in the state ({@code
     * --refresh-only}).
     */
    REFRESH_ONLY;

    /** The lower-case word used in JSON. */
    public String text() {
      return name().toLowerCase(Locale.ROOT);
    }

    public static Mode fromText(String s) {
      return valueOf(s.toUpperCase(Locale.ROOT));
    }
  }

  /** The whole configuration, nothing forced. */
  public static final PlanRequest ALL = new PlanRequest(Mode.NORMAL, List.of(), List.of());

  /** Every pool in state deleted. */
  public static final PlanRequest DESTROY_ALL = new PlanRequest(Mode.DESTROY, List.of(), List.of());

  public PlanRequest {
    targets = List.copyOf(targets);
    replace = List.copyOf(replace);
  }

  /** True when {@code --target} limits the plan. */
  public boolean targeted() {
    return !targets.isEmpty();
  }

  public boolean destroy() {
    return mode == Mode.DESTROY;
  }

  public boolean refreshOnly() {
    return mode == Mode.REFRESH_ONLY;
  }
}
