package dev.poolform.runtime.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.poolform.runtime.state.LockInfo;
import dev.poolform.runtime.state.StateException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * What a backend that shares the state between machines (git, s3, azurerm) promises beyond its lock
 * ({@link StateBackendContract}): a run publishes its state under the lock and another machine
 * brings it in before its own run; a state written behind the lock is never overwritten; another
 * lineage, or another state at the same serial, is refused; and a network failure before the
 * publish loses nothing: the lock is kept and the next run, after {@code force-unlock}, publishes
 * the state.
 */
public abstract class SharedStateBackendContract extends StateBackendContract {

  /** The working state file of {@code machine} (its directory or clone). */
  protected abstract Path workingFile(String machine) throws Exception;

  /** The shared state as the store holds it; empty when there is none yet. */
  protected abstract Optional<String> shared() throws Exception;

  /**
   * Writes {@code content} as the shared state behind the back of the run holding {@code held}, as
   * someone who ignores (or can pass) the lock would.
   */
  protected abstract void writeBehindTheLock(LockInfo held, String content) throws Exception;

  /** A backend for {@code machine} whose connection to the store can be cut. */
  protected abstract Network network(String machine) throws Exception;

  /** A backend and the network it reaches the store through. */
  public interface Network extends AutoCloseable {
    StateBackend backend();

    /** The store becomes unreachable for {@link #backend()}. */
    void cut() throws Exception;

    /** The store is reachable again (for backends opened from now on). */
    @Override
    void close() throws Exception;

    /** A step that may fail. */
    interface Step {
      void run() throws Exception;
    }

    static Network of(StateBackend backend, Step cut, Step restore) {
      return new Network() {
        @Override
        public StateBackend backend() {
          return backend;
        }

        @Override
        public void cut() throws Exception {
          cut.run();
        }

        @Override
        public void close() throws Exception {
          restore.run();
        }
      };
    }
  }

  protected static String state(String lineage, long serial) {
    return "{\"format_version\":3,\"lineage\":\"" + lineage + "\",\"serial\":" + serial + "}\n";
  }

  private void writeState(String machine, String lineage, long serial) throws Exception {
    Files.writeString(workingFile(machine), state(lineage, serial));
  }

  @Test
  void aPublishedStateIsBroughtInByTheNextMachineWhichPublishesOverIt() throws Exception {
    StateBackend a = backend("a");
    try (StateBackend.Lock held = a.lock("apply")) {
      a.sync();
      writeState("a", "L1", 1);
      held.publish("apply");
    }
    assertThat(lockPresent()).isFalse();
    assertThat(shared()).hasValueSatisfying(s -> assertThat(s).contains("\"serial\":1"));

    StateBackend b = backend("b");
    try (StateBackend.Lock held = b.lock("apply")) {
      b.sync();
      assertThat(Files.readString(workingFile("b"))).contains("\"serial\":1");
      assertThat(b.notices()).as("bringing the state in is said").isNotEmpty();
      writeState("b", "L1", 2);
      held.publish("apply");
    }
    assertThat(shared()).hasValueSatisfying(s -> assertThat(s).contains("\"serial\":2"));
    assertThat(backend("c").peek()).map(StateHeader::serial).contains(2L);
  }

  @Test
  void aStateWrittenBehindTheLockIsNotOverwrittenAndTheLockIsKept() throws Exception {
    StateBackend a = backend("a");
    StateBackend.Lock held = a.lock("apply");
    a.sync();
    writeBehindTheLock(held.info(), state("L1", 5));
    writeState("a", "L1", 1);
    assertThatThrownBy(() -> held.publish("apply"))
        .isInstanceOf(StateException.class)
        .hasMessageContaining("changed while this run held its lock")
        .hasMessageContaining("pool force-unlock " + held.info().id());
    held.close();
    assertThat(shared()).hasValueSatisfying(s -> assertThat(s).contains("\"serial\":5"));
    assertThat(lockPresent()).as("the lock is kept").isTrue();
    backend("b").forceUnlock(held.info().id());
    assertThat(lockPresent()).isFalse();
  }

  @Test
  void anotherLineageOrTheSameSerialWithOtherContentIsRefused() throws Exception {
    StateBackend a = backend("a");
    try (StateBackend.Lock held = a.lock("apply")) {
      a.sync();
      writeState("a", "L1", 3);
      held.publish("apply");
    }
    backend("b"); // the machine exists (a clone is made) before its working file is written
    writeState("b", "L2", 9);
    assertThatThrownBy(() -> backend("b").sync()).hasMessageContaining("different states");
    Files.writeString(
        workingFile("b"), "{\"format_version\":3,\"lineage\":\"L1\",\"serial\":3,\"x\":1}\n");
    assertThatThrownBy(() -> backend("b").sync()).hasMessageContaining("at the same serial 3");
    assertThat(shared()).hasValueSatisfying(s -> assertThat(s).contains("\"serial\":3"));
  }

  @Test
  void aNetworkFailureBeforeThePublishLosesNoStateAndTheNextRunPublishesIt() throws Exception {
    StateBackend.Lock held;
    try (Network net = network("a")) {
      StateBackend a = net.backend();
      held = a.lock("apply");
      a.sync();
      writeState("a", "L1", 1);
      net.cut(); // the network goes away between apply and publish
      assertThatThrownBy(() -> held.publish("apply"))
          .isInstanceOf(StateException.class)
          .hasMessageContaining("Nothing is lost")
          .hasMessageContaining("pool force-unlock " + held.info().id());
      held.close();
    }
    assertThat(lockPresent()).as("the lock is kept").isTrue();
    assertThat(shared()).as("nothing was published").isEmpty();

    // The next run on this machine, with the network back: force-unlock, then it publishes.
    StateBackend next = backend("a");
    next.forceUnlock(held.info().id());
    try (StateBackend.Lock again = next.lock("apply")) {
      next.sync();
      again.publish("apply");
    }
    assertThat(shared()).hasValueSatisfying(s -> assertThat(s).contains("\"serial\":1"));
    assertThat(lockPresent()).isFalse();
  }
}
