package dev.poolform.runtime.git;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The message of a state commit: a subject that says what the apply did, in the order an operator
 * reads a plan, e.g. {@code poolform: apply — 1 created, 2 rolled out (pool.db, pool.api,
 * pool.web)}, then one line per kind of change with every address.
 */
public final class CommitMessage {
  /** The verbs in subject order; changes with another verb come last, in the order given. */
  public static final List<String> ORDER =
      List.of(
          "created",
          "scaled",
          "rolled out",
          "updated",
          "replaced",
          "repaired",
          "deleted",
          "imported");

  private static final int SUBJECT_ADDRESSES = 5;

  private CommitMessage() {}

  /** One change: what was done ({@code "rolled out"}) to which pool. */
  public record Change(String verb, String address) {}

  /**
   * @param command {@code apply}, {@code destroy}, ...
   * @param changes what happened, in any order
   * @param trailer extra lines for the body (serial, lineage), may be empty
   */
  public static String of(String command, List<Change> changes, List<String> trailer) {
    Map<String, List<String>> byVerb = new LinkedHashMap<>();
    for (String v : ORDER) byVerb.put(v, new ArrayList<>());
    for (Change c : changes)
      byVerb.computeIfAbsent(c.verb(), v -> new ArrayList<>()).add(c.address());
    byVerb.values().removeIf(List::isEmpty);

    List<String> counts = new ArrayList<>();
    List<String> addresses = new ArrayList<>();
    byVerb.forEach(
        (verb, as) -> {
          counts.add(as.size() + " " + verb);
          addresses.addAll(as);
        });
    StringBuilder sb = new StringBuilder("poolform: ").append(command);
    if (counts.isEmpty()) {
      sb.append(" — no changes");
    } else {
      sb.append(" — ").append(String.join(", ", counts)).append(" (");
      List<String> shown = addresses.subList(0, Math.min(SUBJECT_ADDRESSES, addresses.size()));
      sb.append(String.join(", ", shown));
      if (addresses.size() > shown.size())
        sb.append(", and ").append(addresses.size() - shown.size()).append(" more");
      sb.append(')');
    }
    sb.append('\n');
    if (!byVerb.isEmpty() || !trailer.isEmpty()) sb.append('\n');
    byVerb.forEach(
        (verb, as) -> sb.append(verb).append(": ").append(String.join(", ", as)).append('\n'));
    if (!byVerb.isEmpty() && !trailer.isEmpty()) sb.append('\n');
    trailer.forEach(t -> sb.append(t).append('\n'));
    return sb.toString();
  }
}
