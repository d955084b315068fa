package dev.poolform.cli.view;

import java.util.List;

/**
 * The plan as people read it, in Terraform's shape: a drift section ("changed outside Poolform"),
 * one block per change with {@code +} create, {@code ~} scale/rollout/resume/update/repair, {@code
 * -} delete, {@code -/+} replace and {@code old -> new} attribute lines, then the summary line.
 */
public final class PlanText {
  private final Paint paint;

  public PlanText(Paint paint) {
    this.paint = paint;
  }

  public String render(PlanView plan) {
    StringBuilder sb = new StringBuilder();
    if (!plan.drift().isEmpty()) {
      sb.append(paint.bold("Changed outside Poolform:")).append("\n\n");
      for (PlanView.Drift d : plan.drift()) {
        sb.append("  # ")
            .append(d.address())
            .append(" was changed outside Poolform")
            .append(d.corrected() ? "" : " (left alone: desired = external)")
            .append('\n');
        for (PlanView.Attr a : d.attrs()) sb.append(attr(a, "    "));
        sb.append('\n');
      }
    }
    if (plan.refreshOnly()) {
      sb.append(
          plan.drift().isEmpty()
              ? paint.bold("No changes.") + " The state matches the clouds.\n"
              : "This is a refresh-only plan: apply records the changes above in the state and"
                  + " changes nothing in the clouds.\n");
      return sb.toString();
    }
    List<PlanView.Change> changes =
        plan.changes().stream().filter(c -> !c.action().equals("noop")).toList();
    if (changes.isEmpty()) {
      sb.append(paint.bold("No changes.")).append(" The clouds match the configuration.\n");
      return sb.toString();
    }
    sb.append("Poolform will perform the following actions:\n\n");
    for (PlanView.Change c : changes) {
      sb.append("  # ").append(paint.bold(c.address())).append(' ').append(phrase(c.action()));
      if (!c.reasons().isEmpty()) sb.append(": ").append(String.join("; ", c.reasons()));
      sb.append('\n');
      String sym = symbol(c.action());
      if (c.attrs().isEmpty()) {
        sb.append("  ")
            .append(colour(c.action(), sym))
            .append(' ')
            .append(c.address())
            .append("\n\n");
        continue;
      }
      sb.append("  ")
          .append(colour(c.action(), sym))
          .append(' ')
          .append(c.address())
          .append(" {\n");
      for (PlanView.Attr a : c.attrs()) sb.append(attr(a, "      "));
      sb.append("    }\n\n");
    }
    sb.append(summary(plan)).append('\n');
    return sb.toString();
  }

  /** {@code Plan: 1 to create, 2 to change, 0 to destroy.} (a replace counts as one of each). */
  public String summary(PlanView plan) {
    int create = 0;
    int change = 0;
    int destroy = 0;
    for (PlanView.Change c : plan.changes()) {
      destroy += c.strays();
      switch (c.action()) {
        case "create" -> create++;
        case "delete" -> destroy++;
        case "replace" -> {
          create++;
          destroy++;
        }
        case "noop", "cleanup" -> {}
        default -> change++;
      }
    }
    return paint.bold("Plan:")
        + " "
        + create
        + " to create, "
        + change
        + " to change, "
        + destroy
        + " to destroy.";
  }

  private String attr(PlanView.Attr a, String indent) {
    String before = a.sensitive() ? "(sensitive)" : a.before().orElse("");
    String after = a.sensitive() ? "(sensitive)" : a.after().orElse("");
    if (a.before().isEmpty()) {
      return indent + paint.green("+") + " " + a.path() + " = " + after + "\n";
    }
    if (a.after().isEmpty()) {
      return indent + paint.red("-") + " " + a.path() + " = " + before + "\n";
    }
    return indent + paint.yellow("~") + " " + a.path() + " = " + before + " -> " + after + "\n";
  }

  static String symbol(String action) {
    return switch (action) {
      case "create" -> "+";
      case "delete", "cleanup" -> "-";
      case "replace" -> "-/+";
      default -> "~";
    };
  }

  private String colour(String action, String sym) {
    return switch (action) {
      case "create" -> paint.green(sym);
      case "delete", "cleanup" -> paint.red(sym);
      case "replace" -> paint.red("-/") + paint.green("+");
      default -> paint.yellow(sym);
    };
  }

  static String phrase(String action) {
    return switch (action) {
      case "create" -> "will be created";
      case "scale" -> "will be scaled";
      case "rollout" -> "will be rolled out";
      case "update" -> "will be updated in place";
      case "replace" -> "must be replaced";
      case "repair" -> "will be repaired";
      case "resume" -> "will be resumed";
      case "delete" -> "will be destroyed";
      case "adopt" -> "will be adopted";
      case "cleanup" -> "has stray groups to delete";
      default -> "will be changed (" + action + ")";
    };
  }
}
