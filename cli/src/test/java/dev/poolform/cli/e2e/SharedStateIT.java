package dev.poolform.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.poolform.cli.CliRun;
import dev.poolform.testing.fixtures.TcpRelay;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The guarantee of a shared state backend, from the CLI as real processes ({@code
 * examples/teams.pool} with the backend's {@code state} block), run for every backend by its
 * subclass: two applies from two machines at once, exactly one runs and the other is refused at
 * once naming the holder; a SIGKILLed apply leaves a lock that names its holder, that {@code
 * --lock-timeout} waits for and {@code force-unlock} clears, and a state the next apply accepts and
 * publishes; a network failure between the apply and its publish loses no state and says what to
 * run. Costs about six child JVMs per backend.
 */
abstract class SharedStateIT {
  @TempDir Path tmp;

  /** A machine (a directory or a clone) with the configuration, sharing the one state. */
  abstract Workspace machine(String name) throws Exception;

  /** The state as the backend holds it; empty when there is none yet. */
  abstract Optional<JsonNode> sharedState() throws Exception;

  /** Whether the lock is held, as the store itself says. */
  abstract boolean lockPresent() throws Exception;

  /**
   * The relay the machines reach an object store through (null for git): {@link #cutNetwork} cuts
   * it.
   */
  TcpRelay relay;

  @AfterEach
  void closeRelay() throws Exception {
    if (relay != null) relay.close();
  }

  /** The network between the machines and the store fails. */
  void cutNetwork() throws Exception {
    relay.cut();
  }

  /** The network is back. */
  void restoreNetwork() throws Exception {
    relay.restore();
  }

  static String output(ChildApply c) throws Exception {
    if (!c.process().waitFor(180, TimeUnit.SECONDS)) throw new AssertionError("apply hung");
    Thread.sleep(100); // let the drain thread take the last lines
    return c.output().toString();
  }

  @Test
  void twoMachinesApplyingAtOnceOneRunsTheOtherIsRefusedNamingTheHolder() throws Exception {
    race();
  }

  void race() throws Exception {
    Workspace a = machine("a");
    Workspace b = machine("b");
    ChildApply first = ChildApply.start(a);
    ChildApply second = ChildApply.start(b);
    String outA = output(first);
    String outB = output(second);
    List<Integer> codes = List.of(first.process().exitValue(), second.process().exitValue());
    assertThat(codes).as("a:\n%s\nb:\n%s", outA, outB).containsExactlyInAnyOrder(0, 2);
    String refused = codes.get(0) == 2 ? outA : outB;
    // The winner was still running on this machine: the refusal says to wait, not to force-unlock.
    assertThat(refused)
        .contains("The state is locked by ", "`apply` since", "still running on this host")
        .doesNotContain("pool force-unlock ");
    assertThat(lockPresent()).isFalse();
    JsonNode shared = sharedState().orElseThrow();
    assertThat(shared.path("serial").asLong()).isPositive();
    assertThat(shared.path("resources").has("pool.web")).isTrue();

    // The refused machine's next command brings the state in.
    Workspace loser = codes.get(0) == 2 ? a : b;
    loser.expect(0, "show", "main.pool");
    assertThat(loser.state().path("lineage").asText()).isEqualTo(shared.path("lineage").asText());
  }

  /**
   * A killed apply leaves the lock; {@code --lock-timeout} waits for it and runs out naming the
   * holder; a waiting apply (from another terminal on that machine) takes the lock as soon as
   * {@code force-unlock} clears it, and publishes the killed run's steps with its own.
   */
  @Test
  void aKilledApplysLockIsWaitedForAndClearedAndNoStateIsLost() throws Exception {
    Workspace a = machine("a");
    ChildApply.killedAfter(a, 1500);
    assertThat(lockPresent()).as("the killed apply held the lock").isTrue();

    CliRun refused = a.expect(2, "apply", "--auto-approve", "main.pool");
    Matcher m = Pattern.compile("pool force-unlock (\\S+)`").matcher(refused.err());
    assertThat(m.find()).as(refused.err()).isTrue();
    String id = m.group(1);
    CliRun timedOut = a.expect(2, "apply", "--auto-approve", "--lock-timeout", "1s", "main.pool");
    assertThat(timedOut.err()).contains("Waiting up to 1s", "pool force-unlock " + id);

    ChildApply waiting =
        ChildApply.start(
            a, List.of(), "apply", "--auto-approve", "--lock-timeout", "2m", "main.pool");
    waiting.started().await(120, TimeUnit.SECONDS);
    Thread.sleep(1500);
    assertThat(waiting.process().isAlive()).as(waiting.output().toString()).isTrue();
    a.expect(0, "force-unlock", id, "main.pool");
    String out = output(waiting);
    assertThat(waiting.process().exitValue()).as(out).isZero();
    assertThat(out).contains("Waiting up to 2m");

    JsonNode shared = sharedState().orElseThrow();
    assertThat(shared.path("resources").has("pool.web")).isTrue();
    assertThat(shared.path("serial").asLong()).isEqualTo(a.state().path("serial").asLong());
    assertThat(lockPresent()).isFalse();
  }

  /**
   * The network fails while the apply works (after it took the lock, before it publishes): the
   * apply fails saying nothing is lost and what to run; the lock is kept; after {@code
   * force-unlock}, the next apply publishes the state.
   */
  @Test
  void aNetworkFailureBetweenApplyAndPublishLosesNoStateAndSaysWhatToRun() throws Exception {
    Workspace a = machine("a");
    ChildApply apply = ChildApply.start(a);
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (!apply.output().toString().contains("pool.web: create started")) {
      assertThat(apply.process().isAlive()).as(apply.output().toString()).isTrue();
      assertThat(System.nanoTime()).as("the apply did not start its steps").isLessThan(end);
      Thread.sleep(20);
    }
    cutNetwork();
    String out;
    try {
      out = output(apply);
    } finally {
      restoreNetwork();
    }
    assertThat(apply.process().exitValue()).as(out).isNotZero();
    assertThat(out).contains("Nothing is lost", "pool force-unlock ");
    assertThat(lockPresent()).as("the lock is kept").isTrue();
    assertThat(sharedState().map(s -> s.path("resources").has("pool.web")))
        .isNotEqualTo(Optional.of(true));

    Matcher m = Pattern.compile("pool force-unlock (\\S+)`").matcher(out);
    assertThat(m.find()).as(out).isTrue();
    a.expect(0, "force-unlock", m.group(1), "main.pool");
    a.expect(0, "apply", "--auto-approve", "main.pool");
    JsonNode shared = sharedState().orElseThrow();
    assertThat(shared.path("resources").has("pool.web")).isTrue();
    assertThat(shared.path("serial").asLong()).isEqualTo(a.state().path("serial").asLong());
    assertThat(lockPresent()).isFalse();
  }
}
