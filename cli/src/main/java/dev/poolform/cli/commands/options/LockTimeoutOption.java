package dev.poolform.cli.commands.options;

import dev.poolform.cli.CliContext;
import dev.poolform.cli.UsageException;
import dev.poolform.cli.workspace.LockCheck;
import dev.poolform.runtime.Workspace;
import dev.poolform.runtime.state.StateException;
import dev.poolform.stdlib.value.Literals;
import java.time.Duration;
import picocli.CommandLine.Option;

/**
 * {@code --lock-timeout DURATION}: how long apply and destroy wait for another process's lock
 * before giving up (default {@code 0s}: fail at once, naming the holder), as Terraform's flag.
 */
public final class LockTimeoutOption {
  @Option(
      names = "--lock-timeout",
      paramLabel = "DURATION",
      description =
          "Wait up to DURATION (e.g. 60s, 5m) for another run's lock on the state to be released (default: 0s, fail at once).")
  String lockTimeout = "0s";

  /** Returns once the state is not locked; fails as a held lock does when the wait runs out. */
  public void await(CliContext ctx, Workspace ws) throws StateException, InterruptedException {
    LockCheck.awaitUnlocked(ctx, ws, duration());
  }

  Duration duration() {
    try {
      return Duration.ofMillis(Literals.parseDuration(lockTimeout.strip()));
    } catch (Literals.LiteralFormatException e) {
      throw new UsageException(
          "--lock-timeout must be a duration like 30s or 5m, not `" + lockTimeout + "`.");
    }
  }
}
