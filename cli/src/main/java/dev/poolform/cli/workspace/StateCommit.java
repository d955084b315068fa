package dev.poolform.cli.workspace;

import dev.poolform.cli.CliContext;
import dev.poolform.cli.ExitCode;
import dev.poolform.runtime.ApplyResult;
import dev.poolform.runtime.git.CommitMessage;
import dev.poolform.runtime.git.GitStateException;
import dev.poolform.runtime.git.StateRepo;
import dev.poolform.runtime.git.StateWriteLedger;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code apply --commit}: checked before the apply starts (a state file with edits Poolform did not
 * make is refused, exit 2), committed after it succeeds.
 */
public final class StateCommit {
  private final CliContext ctx;

  private StateCommit(CliContext ctx) {
    this.ctx = ctx;
  }

  public static StateCommit before(CliContext ctx, Path statePath) {
    // JGit logs through SLF4J; without a binding SLF4J would print a warning to stderr.
    System.setProperty("slf4j.internal.verbosity", "ERROR");
    try (StateRepo repo = StateRepo.open(statePath)) {
      repo.check(statePath);
    } catch (GitStateException e) {
      ctx.err().println("error: " + e.getMessage() + (e.getMessage().endsWith(".") ? "" : "."));
      throw new CommandFailed(ExitCode.USAGE);
    }
    return new StateCommit(ctx);
  }

  /** Commits the state file; {@code result} null means "nothing applied". */
  public void after(Path statePath, ApplyResult result) {
    StateWriteLedger.record(statePath);
    List<CommitMessage.Change> changes = result == null ? List.of() : ApplySummary.changes(result);
    List<String> trailer =
        result == null
            ? List.of()
            : List.of(
                "State serial "
                    + result.state().serial()
                    + ", lineage "
                    + result.state().lineage()
                    + ".");
    String message = CommitMessage.of("apply", changes, trailer);
    try (StateRepo repo = StateRepo.open(statePath)) {
      var id = repo.commit(statePath, message);
      if (id.isPresent()) {
        ctx.out()
            .println(
                "Committed "
                    + repo.pathOf(statePath)
                    + " as "
                    + id.get().substring(0, 10)
                    + ": "
                    + message.lines().findFirst().orElse(""));
      } else {
        ctx.out().println(repo.pathOf(statePath) + " is unchanged; nothing to commit.");
      }
    } catch (GitStateException e) {
      ctx.err().println("error: the apply succeeded, but " + e.getMessage());
      throw new CommandFailed(ExitCode.USAGE);
    }
  }
}
