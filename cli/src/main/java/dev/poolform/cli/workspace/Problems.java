package dev.poolform.cli.workspace;

import dev.poolform.cli.CliContext;
import dev.poolform.cli.ExitCode;
import dev.poolform.compiler.diag.Code;
import dev.poolform.compiler.diag.Diagnostic;
import dev.poolform.compiler.diag.render.TextRenderer;
import dev.poolform.ir.IrConfig;
import dev.poolform.ir.IrOrigin;
import dev.poolform.ir.IrPool;
import dev.poolform.runtime.PlanResult;
import dev.poolform.runtime.engine.Problem;
import dev.poolform.runtime.engine.Sessions;
import dev.poolform.runtime.plan.Plan;
import dev.poolform.runtime.provider.ProviderException;
import dev.poolform.source.Span;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Problems from the clouds as located diagnostics: a problem about a pool points at the attribute
 * the cloud named ({@code IrPool.origin().spanOf}), or at the pool, with the source line; one about
 * no pool in particular is an {@code error:} line.
 */
public final class Problems {
  private Problems() {}

  /**
   * The plan, or the problems that kept the planner from making one printed and the command ended
   * with 1. Notices (a state key was made, unkeyed digests remain) go to stderr first.
   */
  public static Plan planOrFail(CliContext ctx, PlanResult result, IrConfig config) {
    for (String n : result.notices()) ctx.err().println("note: " + n);
    if (result.ok()) return result.plan().get();
    print(ctx, result.problems(), config);
    List<Diagnostic> located = new ArrayList<>();
    List<String> unplaced = new ArrayList<>();
    for (Problem p : result.problems()) {
      Optional<Diagnostic> d = diagnostic(p, config);
      if (d.isPresent()) located.add(d.get());
      else unplaced.add(sentence(p.message()));
    }
    throw new CommandFailed(ExitCode.CONFIG_ERROR, located, unplaced);
  }

  public static void print(CliContext ctx, List<Problem> problems, IrConfig config) {
    TextRenderer r = new TextRenderer(ctx.style());
    for (Problem p : problems) {
      Optional<Diagnostic> d = diagnostic(p, config);
      if (d.isPresent()) {
        ctx.err().print(r.render(d.get()));
      } else {
        ctx.err().println("error: " + sentence(p.message()));
      }
    }
  }

  static Optional<Diagnostic> diagnostic(Problem p, IrConfig config) {
    if (p.address().isEmpty()) return cloudDiagnostic(p, config);
    Optional<IrPool> pool =
        config.pools().stream().filter(x -> x.address().equals(p.address().get())).findFirst();
    if (pool.isEmpty()) return Optional.empty();
    boolean rejected =
        p.kind().map(k -> k == ProviderException.Kind.INVALID_VALUE).orElse(false)
            && p.attribute().isPresent();
    Code code = rejected ? Code.E0601 : Code.E0602;
    String message = p.address().get() + ": " + sentence(p.message());
    String attribute = p.attribute().orElse("");
    IrOrigin origin = pool.get().origin();
    // An attribute of the cloud block (`endpoint`, `profile`) rather than of the pool. No attribute
    // at all is the pool itself (the cloud block's own span is keyed "" too).
    Span at =
        !attribute.isEmpty()
                && origin.exact(attribute).isEmpty()
                && origin.cloud().containsKey(attribute)
            ? origin.cloudSpanOf(attribute).orElseThrow()
            : origin.spanOf(attribute);
    Diagnostic d = Diagnostic.of(code, at, message);
    if (p.cloudCode().isPresent())
      d = d.withHelp("The cloud's error code is `" + p.cloudCode().get() + "`.");
    return Optional.of(d);
  }

  /**
   * A problem about a cloud rather than a pool (a credential, an endpoint that does not answer), at
   * the cloud block as the first pool on it has it: at the setting the problem names, else at the
   * block's name.
   */
  private static Optional<Diagnostic> cloudDiagnostic(Problem p, IrConfig config) {
    if (p.cloud().isEmpty()) return Optional.empty();
    Optional<Span> at =
        config.pools().stream()
            .filter(x -> Sessions.key(x.cloud()).equals(p.cloud().get()))
            .map(x -> x.origin().cloudSpanOf(p.attribute().orElse("")))
            .flatMap(Optional::stream)
            .findFirst();
    if (at.isEmpty()) return Optional.empty();
    Diagnostic d = Diagnostic.of(Code.E0602, at.get(), sentence(p.message()));
    if (p.cloudCode().isPresent())
      d = d.withHelp("The cloud's error code is `" + p.cloudCode().get() + "`.");
    return Optional.of(d);
  }

  /** Capitalised, ending in a period, as every message of the CLI. */
  static String sentence(String s) {
    String t = s.strip();
    if (t.isEmpty()) return t;
    t = Character.toUpperCase(t.charAt(0)) + t.substring(1);
    return t.endsWith(".") ? t : t + ".";
  }
}
