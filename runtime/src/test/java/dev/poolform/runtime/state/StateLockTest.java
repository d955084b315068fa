package dev.poolform.runtime.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.poolform.runtime.testing.FakeTime;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StateLockTest {
  @TempDir Path dir;

  private StateLock lock() {
    return new StateLock(dir.resolve("pool.state.json"), new FakeTime());
  }

  /** A lock taken now, as a real run takes it (a fake clock's past would read as a reused pid). */
  private StateLock live() {
    return new StateLock(dir.resolve("pool.state.json"), Clock.systemUTC());
  }

  @Test
  void secondHolderFailsAtOnceNamingTheFirst() throws Exception {
    try (StateLock.Held held = live().acquire("apply")) {
      assertThat(Files.exists(dir.resolve("pool.state.json.lock"))).isTrue();
      assertThatThrownBy(() -> lock().acquire("destroy"))
          .isInstanceOfSatisfying(
              StateException.class,
              e -> {
                assertThat(e.kind()).isEqualTo(StateException.Kind.LOCKED);
                assertThat(e.getMessage())
                    .contains(held.info().who())
                    .contains("pid " + ProcessHandle.current().pid())
                    .contains("`apply`")
                    // The holder (this JVM) is running: breaking its lock would let two runs
                    // change the state at once, so the way out is to wait, not force-unlock.
                    .contains("still running on this host: wait for it to finish")
                    .doesNotContain("pool force-unlock")
                    .doesNotContain(held.info().id());
              });
    }
    assertThat(Files.exists(dir.resolve("pool.state.json.lock"))).isFalse();
    lock().acquire("apply").close();
  }

  @Test
  void theLockAppearsWholeAndLeavesNoTemporaryFile() throws Exception {
    try (StateLock.Held held = lock().acquire("apply")) {
      // Readable at once: a process killed right after acquiring leaves a lock force-unlock can
      // name.
      assertThat(lock().read()).contains(held.info());
      try (var files = Files.list(dir)) {
        assertThat(files.map(f -> f.getFileName().toString()))
            .containsExactly("pool.state.json.lock");
      }
    }
    try (var files = Files.list(dir)) {
      assertThat(files).isEmpty();
    }
  }

  @Test
  void forceUnlockNeedsTheMatchingId() throws Exception {
    StateLock.Held held = lock().acquire("apply");
    // The message names the holder, never the real id: it is all that guards a running apply.
    assertThatThrownBy(() -> lock().forceUnlock("wrong"))
        .isInstanceOfSatisfying(
            StateException.class,
            e -> assertThat(e.kind()).isEqualTo(StateException.Kind.LOCK_MISMATCH))
        .hasMessageContaining("another id than wrong")
        .hasMessageContaining("`apply`")
        .hasMessageNotContaining(held.info().id());
    assertThat(Files.exists(lock().file())).isTrue();
    lock().forceUnlock(held.info().id());
    assertThat(Files.exists(lock().file())).isFalse();
    assertThatThrownBy(() -> lock().forceUnlock(held.info().id()))
        .hasMessageContaining("not locked");
  }

  @Test
  void lockOfADeadProcessOnThisHostIsReportedAsSuch() throws Exception {
    Process p = new ProcessBuilder("true").start();
    p.waitFor();
    LockInfo dead =
        new LockInfo(
            "dead-id",
            "someone@" + StateLock.hostName(),
            p.pid(),
            Instant.parse("2026-01-01T00:00:00Z"),
            "apply");
    Files.write(lock().file(), dev.poolform.ir.json.CanonicalJson.bytes(StateLock.toJson(dead)));
    assertThat(StateLock.holderIsDead(dead)).isTrue();
    assertThatThrownBy(() -> lock().acquire("apply"))
        .hasMessageContaining("no longer running")
        .hasMessageContaining("pool force-unlock dead-id");
    // Still locked until force-unlock: taking over automatically would race with another taker.
    assertThat(Files.exists(lock().file())).isTrue();
  }

  @Test
  void aLiveProcessThatStartedAfterTheLockWasTakenIsNotItsHolder() throws Exception {
    // This JVM's pid, but the lock is older than this JVM: the holder is gone and its pid reused.
    LockInfo reused =
        new LockInfo(
            "old-id",
            "someone@" + StateLock.hostName(),
            ProcessHandle.current().pid(),
            Instant.parse("2020-01-01T00:00:00Z"),
            "apply");
    Files.write(lock().file(), dev.poolform.ir.json.CanonicalJson.bytes(StateLock.toJson(reused)));
    assertThat(StateLock.holderIsAlive(reused)).isFalse();
    assertThatThrownBy(() -> lock().acquire("apply"))
        .hasMessageContaining("no longer running")
        .hasMessageContaining("pool force-unlock old-id");
  }

  @Test
  void aHolderOnAnotherHostCannotBeCheckedSoForceUnlockIsOfferedIfItIsGone() throws Exception {
    LockInfo elsewhere =
        new LockInfo(
            "far-id",
            "someone@not-" + StateLock.hostName(),
            ProcessHandle.current().pid(),
            Instant.now(),
            "apply");
    Files.write(
        lock().file(), dev.poolform.ir.json.CanonicalJson.bytes(StateLock.toJson(elsewhere)));
    assertThatThrownBy(() -> lock().acquire("apply"))
        .hasMessageNotContaining("still running")
        .hasMessageNotContaining("no longer running")
        .hasMessageContaining("If no Poolform process is using it, run `pool force-unlock far-id`");
  }
}
