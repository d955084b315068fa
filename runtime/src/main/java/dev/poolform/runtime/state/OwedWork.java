package dev.poolform.runtime.state;

import java.time.Instant;
import java.util.Optional;

/**
 * Work a step started on a pool's group and has not yet seen through: the machines it launched (or
 * asked the group for) are not all available. Like a resource Terraform marks tainted, it is
 * written to state when the step starts (with the cloud call that launches the machines, or just
 * before it) and removed only once the pool is at its spec, so neither a failure nor a killed
 * process lets the next plan forget it: that plan shows the pool as owing work, and the pools that
 * come {@code after} it wait until it is healthy.
 *
 * @param step the step that owes it: {@code create}, {@code scale}, {@code repair}, {@code replace}
 *     or {@code adopt} (of a group a killed create made), recorded when it starts; or any other
 *     change (an {@code update}, a {@code resume}) that failed to leave the pool at its spec
 * @param since when the step started
 * @param failure why the last attempt stopped, when it failed; empty while it runs, or when the
 *     apply was killed or interrupted before it could say
 */
public record OwedWork(String step, Instant since, Optional<String> failure) {
  public static OwedWork started(String step, Instant since) {
    return new OwedWork(step, since, Optional.empty());
  }

  public OwedWork failed(String why) {
    return new OwedWork(step, since, Optional.of(why));
  }
}
