package dev.poolform.cli.workspace;

import dev.poolform.runtime.ApplyResult;
import dev.poolform.runtime.engine.PoolResult;
import dev.poolform.runtime.git.CommitMessage;
import dev.poolform.runtime.state.ResourceState;
import java.util.ArrayList;
import java.util.List;

/** The last lines of an apply or destroy, and what {@code --commit} says about it. */
public final class ApplySummary {
  private ApplySummary() {}

  /**
   * {@code Apply complete! Pools: 1 created, 2 changed, 0 destroyed.}, or why it is not: the counts
   * line, then a line per pool that failed or was skipped saying why, and whether it still owes
   * work the next apply finishes.
   */
  public static String text(String command, ApplyResult r) {
    int created = 0;
    int changed = 0;
    int destroyed = 0;
    List<String> failed = new ArrayList<>();
    List<String> skipped = new ArrayList<>();
    List<String> stopped = new ArrayList<>();
    List<String> why = new ArrayList<>();
    for (PoolResult p : r.pools()) {
      switch (p.status()) {
        case FAILED -> {
          failed.add(p.address());
          why.add("  " + p.address() + " failed: " + p.detail() + owed(r, p.address()));
        }
        case SKIPPED -> {
          skipped.add(p.address());
          why.add("  " + p.address() + " " + p.detail());
        }
        case INTERRUPTED -> {
          stopped.add(p.address());
          why.add("  " + p.address() + " " + p.detail() + owed(r, p.address()));
        }
        case OK -> {
          switch (p.action()) {
            case CREATE -> created++;
            case DELETE -> destroyed++;
            case REPLACE -> {
              created++;
              destroyed++;
            }
            default -> changed++;
          }
        }
      }
    }
    String counts =
        command.equals("destroy")
            ? "Pools: " + destroyed + " destroyed."
            : "Pools: "
                + created
                + " created, "
                + changed
                + " changed, "
                + destroyed
                + " destroyed.";
    String title = command.equals("destroy") ? "Destroy" : "Apply";
    if (failed.isEmpty() && skipped.isEmpty() && stopped.isEmpty() && r.problems().isEmpty())
      return title + " complete! " + counts;
    StringBuilder sb =
        new StringBuilder(title + (stopped.isEmpty() ? " failed: " : " interrupted: "));
    List<String> parts = new ArrayList<>();
    if (!stopped.isEmpty())
      parts.add(stopped.size() + " stopped or not started (" + String.join(", ", stopped) + ")");
    if (!failed.isEmpty()) parts.add(failed.size() + " failed (" + String.join(", ", failed) + ")");
    if (!skipped.isEmpty())
      parts.add(skipped.size() + " skipped (" + String.join(", ", skipped) + ")");
    if (parts.isEmpty()) parts.add("the clouds could not be read");
    sb.append(String.join(", ", parts)).append(". Done: ").append(counts);
    for (String w : why) sb.append('\n').append(w);
    return sb.toString();
  }

  /** What a failed pool still owes, as the end of its summary line. */
  private static String owed(ApplyResult r, String address) {
    return r.state()
        .resource(address)
        .flatMap(ResourceState::owed)
        .map(w -> " (the " + w.step() + " is still owed: the next apply resumes it)")
        .orElse("");
  }

  /** The changes that succeeded, for the commit message. */
  public static List<CommitMessage.Change> changes(ApplyResult r) {
    List<CommitMessage.Change> out = new ArrayList<>();
    for (PoolResult p : r.pools()) {
      if (p.status() != PoolResult.Status.OK) continue;
      String verb =
          switch (p.action()) {
            case CREATE -> "created";
            case SCALE -> "scaled";
            case ROLLOUT -> "rolled out";
            case UPDATE -> "updated";
            case REPLACE -> "replaced";
            case REPAIR -> "repaired";
            case RESUME -> "resumed";
            case DELETE -> "deleted";
            case NOOP -> "reconciled";
          };
      out.add(new CommitMessage.Change(verb, p.address()));
    }
    return out;
  }
}
