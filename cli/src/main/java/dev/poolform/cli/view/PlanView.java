package dev.poolform.cli.view;

import java.util.List;
import java.util.Optional;

/**
 * A plan as the text view needs it: values already formatted, secrets already hidden.
 *
 * @param changes the changes in the order they are shown (by address)
 * @param drift pools whose live state differs from what was last applied
 * @param refreshOnly a {@code --refresh-only} plan: the drift is recorded in the state, nothing
 *     else
 */
public record PlanView(List<Change> changes, List<Drift> drift, boolean refreshOnly) {
  public PlanView {
    changes = List.copyOf(changes);
    drift = List.copyOf(drift);
  }

  public PlanView(List<Change> changes, List<Drift> drift) {
    this(changes, drift, false);
  }

  /**
   * @param action one of docs/json.md#plan: create, scale, rollout, update, replace, repair,
   *     delete; or {@code adopt} / {@code cleanup} for a pool whose group needs nothing but whose
   *     state entry an interrupted apply left unfinished (a group to record, stray groups to
   *     delete)
   * @param attrs attribute differences, by path
   * @param reasons why, in a few words each ("machine.image changed")
   * @param strays groups an interrupted apply left that apply deletes
   */
  public record Change(
      String address, String action, List<Attr> attrs, List<String> reasons, int strays) {
    public Change {
      attrs = List.copyOf(attrs);
      reasons = List.copyOf(reasons);
    }

    public Change(String address, String action, List<Attr> attrs, List<String> reasons) {
      this(address, action, attrs, reasons, 0);
    }
  }

  /** One attribute: absent before (added), absent after (removed), or both (changed). */
  public record Attr(
      String path, Optional<String> before, Optional<String> after, boolean sensitive) {
    public static Attr changed(String path, String before, String after) {
      return new Attr(path, Optional.of(before), Optional.of(after), false);
    }

    public static Attr added(String path, String after) {
      return new Attr(path, Optional.empty(), Optional.of(after), false);
    }
  }

  /** A pool changed outside Poolform: {@code before} is what was applied, {@code after} is live. */
  public record Drift(String address, List<Attr> attrs, boolean corrected) {
    public Drift {
      attrs = List.copyOf(attrs);
    }
  }

  public boolean hasChanges() {
    return changes.stream().anyMatch(c -> !c.action().equals("noop"));
  }
}
