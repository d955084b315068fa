package dev.poolform.cli.commands.options;

import dev.poolform.cli.CliContext;
import dev.poolform.cli.UsageException;
import dev.poolform.runtime.plan.Plan;
import dev.poolform.runtime.plan.PlanRequest;
import dev.poolform.runtime.plan.PoolChange;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import picocli.CommandLine.Option;

/**
 * {@code --target ADDR} of plan, apply and destroy. With {@link ReplaceOption} it makes the plan's
 * {@link PlanRequest}, which the planner turns into changes and a saved plan keeps
 * (docs/cli.md#targeting-and-forcing): the command decides nothing itself.
 */
public final class TargetOption {
  @Option(
      names = "--target",
      paramLabel = "ADDR",
      description =
          "Plan only this pool (pool.NAME), and the pools it runs after; repeatable. For exceptional cases, not routine use.")
  List<String> targets = new ArrayList<>();

  /** The addresses given, sorted, each once; a malformed one is a usage error. */
  public List<String> addresses() {
    return addresses("--target", targets);
  }

  static List<String> addresses(String flag, List<String> given) {
    TreeSet<String> out = new TreeSet<>();
    for (String a : given) {
      String t = a.strip();
      if (!t.matches("pool\\.[^\\s.#]+"))
        throw new UsageException(flag + " takes a pool address like pool.web, not `" + a + "`.");
      out.add(t);
    }
    return List.copyOf(out);
  }

  /**
   * Warnings for a targeted plan, as Terraform gives: it covers only part of the configuration, and
   * which pools it took in because a target runs after them.
   */
  public static void warn(CliContext ctx, Plan plan) {
    PlanRequest r = plan.request();
    if (!r.targeted()) return;
    List<String> included = new ArrayList<>();
    for (PoolChange c : plan.changes())
      if (!r.targets().contains(c.address())
          && !r.replace().contains(c.address())
          && !c.address().contains("#")) included.add(c.address());
    ctx.err()
        .println(
            "warning: --target is in effect: this plan covers "
                + String.join(", ", r.targets())
                + (included.isEmpty()
                    ? ""
                    : " and what they run after (" + String.join(", ", included) + ")")
                + " only; other pools may still differ from the configuration. Use --target for"
                + " exceptional cases, then plan the whole configuration.");
  }
}
