package dev.poolform.cli.commands.options;

import dev.poolform.cli.UsageException;
import dev.poolform.runtime.plan.PlanRequest;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * {@code --replace ADDR} of plan and apply: the pool's change becomes a replace
 * (docs/cli.md#targeting-and-forcing), recorded in the plan's request.
 */
public final class ReplaceOption {
  @Option(
      names = "--replace",
      paramLabel = "ADDR",
      description =
          "Replace this pool's group even if its spec is unchanged: a new group, then the old one deleted; repeatable.")
  List<String> replace = new ArrayList<>();

  /** The addresses given, sorted, each once; a malformed one is a usage error. */
  public List<String> addresses() {
    return TargetOption.addresses("--replace", replace);
  }

  /** The plan's request from the command's mode and options; contradictions are usage errors. */
  public static PlanRequest request(
      PlanRequest.Mode mode, TargetOption targets, ReplaceOption replace) {
    List<String> forced = replace.addresses();
    if (!forced.isEmpty() && mode != PlanRequest.Mode.NORMAL)
      throw new UsageException(
          "--replace cannot be used with "
              + (mode == PlanRequest.Mode.DESTROY ? "--destroy" : "--refresh-only")
              + ": it forces a change the plan would not make.");
    return new PlanRequest(mode, targets.addresses(), forced);
  }
}
