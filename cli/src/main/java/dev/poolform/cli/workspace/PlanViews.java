package dev.poolform.cli.workspace;

import com.fasterxml.jackson.databind.JsonNode;
import dev.poolform.cli.CliContext;
import dev.poolform.cli.view.Paint;
import dev.poolform.cli.view.PlanText;
import dev.poolform.cli.view.PlanView;
import dev.poolform.runtime.plan.Action;
import dev.poolform.runtime.plan.AttributeDiff;
import dev.poolform.runtime.plan.Drift;
import dev.poolform.runtime.plan.Plan;
import dev.poolform.runtime.plan.PoolChange;
import dev.poolform.stdlib.value.Literals;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The engine's plan as the text view shows it: values formatted the way they are written. */
public final class PlanViews {
  private PlanViews() {}

  /** The plan as {@code pool plan} prints it, coloured when the context says so. */
  public static String render(CliContext ctx, Plan plan) {
    return new PlanText(new Paint(ctx.colour())).render(of(plan));
  }

  public static PlanView of(Plan plan) {
    List<PlanView.Change> changes = new ArrayList<>();
    for (PoolChange c : plan.changes()) {
      if (!c.isChange()) continue;
      List<PlanView.Attr> attrs = new ArrayList<>();
      for (AttributeDiff d : c.diffs()) {
        if (HEADER.contains(d.path())) continue;
        attrs.add(
            new PlanView.Attr(
                d.path(),
                text(d.path(), d.oldValue()),
                text(d.path(), d.newValue()),
                d.sensitive()));
      }
      List<String> reasons = new ArrayList<>(c.reasons());
      reasons.remove(c.address() + " is new");
      String action = c.action().text();
      if (c.action() == Action.NOOP) action = c.adopt().isPresent() ? "adopt" : "cleanup";
      // A delete without a group of its own only removes strays (a pool neither configured nor in
      // state): shown and counted as its strays, not as one more group destroyed.
      if (c.action() == Action.DELETE && c.group().isEmpty()) action = "cleanup";
      changes.add(new PlanView.Change(c.address(), action, attrs, reasons, c.strays().size()));
    }
    Map<String, List<PlanView.Attr>> drift = new LinkedHashMap<>();
    for (Drift d : plan.drift()) {
      drift
          .computeIfAbsent(d.address(), a -> new ArrayList<>())
          .add(
              new PlanView.Attr(
                  d.path(), text(d.path(), d.applied()), text(d.path(), d.live()), false));
    }
    List<PlanView.Drift> drifts = new ArrayList<>();
    drift.forEach((a, attrs) -> drifts.add(new PlanView.Drift(a, attrs, true)));
    return new PlanView(changes, drifts, plan.request().refreshOnly());
  }

  /** Shown in the block's header already. */
  private static final java.util.Set<String> HEADER = java.util.Set.of("address", "name");

  /** A value as the configuration would spell it; empty for a missing one. */
  static Optional<String> text(String path, JsonNode n) {
    if (n == null || n.isMissingNode()) return Optional.empty();
    if (isExternal(path, n)) return Optional.of("external");
    if (n.isTextual() && unitLiteral(path) && Literals.isBareNumeric(n.textValue())) {
      return Optional.of(n.textValue());
    }
    if (n.isTextual() && path.equals("machine.disk.size") && isBytes(n.textValue())) {
      return Optional.of(n.textValue());
    }
    return Optional.of(show(n));
  }

  static String show(JsonNode n) {
    if (n.isNull()) return "null";
    if (n.isTextual()) return quote(n.textValue());
    if (n.isValueNode()) return n.asText();
    if (n.isArray()) {
      List<String> items = new ArrayList<>();
      n.forEach(e -> items.add(show(e)));
      return "[" + String.join(", ", items) + "]";
    }
    List<String> items = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = n.properties().iterator(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      JsonNode v = e.getValue();
      items.add(key(e.getKey()) + " = " + (isExternal(e.getKey(), v) ? "external" : show(v)));
    }
    return "{ " + String.join(", ", items) + " }";
  }

  /**
   * Attributes whose counts, percentages and durations JSON keeps as strings ({@code "25%"}): shown
   * as the configuration spells them, unquoted; so is the disk's byte size ({@code "64GiB"}).
   */
  private static boolean unitLiteral(String path) {
    return path.startsWith("rollout.") || path.startsWith("health.");
  }

  private static boolean isBytes(String text) {
    try {
      Literals.parseBytes(text);
      return true;
    } catch (RuntimeException e) {
      return false;
    }
  }

  /** {@code desired = external} is a keyword in the configuration, a string only in JSON. */
  private static boolean isExternal(String path, JsonNode n) {
    return (path.equals("desired") || path.endsWith(".desired"))
        && n.isTextual()
        && n.textValue().equals("external");
  }

  private static String key(String k) {
    return k.matches("[A-Za-z_][A-Za-z0-9_]*") ? k : quote(k);
  }

  private static String quote(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
  }
}
