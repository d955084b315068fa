package dev.poolform.runtime.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.poolform.runtime.testing.FakeTime;
import dev.poolform.testing.fixtures.Pools;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The journal an apply appends its steps to ({@link StateStore#append}): compacting it gives the
 * very bytes a whole rewrite per step gives, a read replays it, a torn last record is dropped, and
 * anything else that does not fit is refused without a change.
 */
class StateJournalTest {
  @TempDir Path dir;

  private StateStore store(String name) {
    return new StateStore(dir.resolve(name), new FakeTime());
  }

  /** A pseudo-random apply: pools created, changed and deleted, intents recorded and cleared. */
  private static List<State> steps(State base, long seed, int count) {
    Random r = new Random(seed);
    List<State> out = new ArrayList<>();
    State s = base;
    for (int i = 0; i < count; i++) {
      int what = r.nextInt(6);
      String name = "p" + r.nextInt(12);
      String address = "pool." + name;
      if (what == 0) {
        s = s.withResource(StateFixtures.resource(Pools.pool(name).build()));
      } else if (what == 1) {
        s = s.withoutResource(address);
      } else if (what == 2 && s.resource(address).isPresent()) {
        ResourceState rs = s.resource(address).get();
        s =
            s.withResource(
                rs.withObserved(
                    new ObservedState(0, 10, r.nextInt(10), rs.observed().specHash(), 1)));
      } else if (what == 5) {
        // Released groups are no part of a step: the store writes such a state whole.
        s =
            s.withReleased(
                new ReleasedGroup(
                    address,
                    new StateCloud("local", "dev", dev.poolform.ir.json.CanonicalJson.object()),
                    new dev.poolform.runtime.provider.GroupRef(address, name, name),
                    Instant.parse("2026-01-01T00:00:00Z"),
                    r.nextBoolean()));
      } else if (what == 3) {
        s =
            s.withPending(
                new PendingIntent(
                    "create", address, "tok-" + i, name, Instant.parse("2026-01-01T00:00:00Z")));
      } else {
        s = s.withoutPending(p -> p.address().equals(address));
      }
      out.add(s);
    }
    return out;
  }

  @Test
  void compactingGivesTheBytesOfAWholeRewritePerStep() throws Exception {
    for (long seed = 1; seed <= 5; seed++) {
      StateStore whole = store("whole-" + seed + ".json");
      StateStore journaled = store("journaled-" + seed + ".json");
      whole.read(Optional.empty());
      journaled.read(Optional.empty());
      State base = StateFixtures.sample();
      whole.write(base);
      journaled.write(base);
      for (State s : steps(base, seed, 40)) {
        State a = whole.write(s);
        State b = journaled.append(s);
        assertThat(b.serial()).as("seed %d", seed).isEqualTo(a.serial());
      }
      // Before compaction, any reader sees the journaled state as the whole rewrite wrote it.
      assertThat(store("journaled-" + seed + ".json").read(Optional.empty()))
          .as("seed %d", seed)
          .isEqualTo(store("whole-" + seed + ".json").read(Optional.empty()));
      journaled.compact();
      assertThat(Files.readAllBytes(journaled.path()))
          .as("seed %d", seed)
          .isEqualTo(Files.readAllBytes(whole.path()));
      assertThat(journaled.journalPath()).doesNotExist();
    }
  }

  @Test
  void aStepFoundThroughTheChangeLogEqualsOneFoundByComparingWholeStates() {
    for (long seed = 1; seed <= 20; seed++) {
      State from = StateFixtures.sample();
      List<State> all = steps(from, seed, 30);
      State to = all.get(all.size() - 1);
      // A copy with the same entries but no history: only a whole comparison can diff it.
      State unrelated =
          new State(
              to.formatVersion(),
              to.serial(),
              to.lineage(),
              to.toolVersion(),
              new java.util.TreeMap<>(to.resources()),
              to.pending());
      assertThat(FrozenMap.changedSince(from.resources(), to.resources())).isPresent();
      assertThat(FrozenMap.changedSince(from.resources(), unrelated.resources())).isEmpty();
      assertThat(StateJournal.Step.between(from, to))
          .as("seed %d", seed)
          .isEqualTo(StateJournal.Step.between(from, unrelated));
    }
  }

  @Test
  void appendWritesOnlyWhatChanged() throws Exception {
    StateStore st = store("pool.state.json");
    st.read(Optional.empty());
    State s = st.write(StateFixtures.sample());
    long fileSize = Files.size(st.path());
    for (int i = 0; i < 50; i++) {
      int n = i;
      s = st.append(s.withoutPending(p -> true).withPending(intent("pool.web", "t" + n)));
    }
    assertThat(Files.size(st.path())).as("the state file is not rewritten").isEqualTo(fileSize);
    assertThat(Files.getPosixFilePermissions(st.journalPath()))
        .as("readable by its owner only, as the state file")
        .isEqualTo(Files.getPosixFilePermissions(st.path()));
    // Each step holds the intents, not the pools.
    assertThat(Files.size(st.journalPath())).isLessThan(50L * 400);
    assertThat(st.append(s).serial()).as("an unchanged state adds no step").isEqualTo(s.serial());
  }

  @Test
  void aTornLastRecordIsDroppedAndTheLockHolderFoldsTheRest() throws Exception {
    StateStore st = sampleStore();
    State base = st.read(Optional.empty());
    State one = st.append(base.withoutResource("pool.db"));
    State two = st.append(one.withPending(intent("pool.x", "t1")));
    byte[] journal = Files.readAllBytes(st.journalPath());
    // A power cut in the middle of the last record.
    Files.write(st.journalPath(), Arrays.copyOf(journal, journal.length - 17));

    StateStore reader = store("pool.state.json");
    assertThat(reader.read(Optional.empty())).isEqualTo(one);
    assertThat(reader.journalPath()).as("a reader without the lock changes nothing").exists();

    StateStore next = store("pool.state.json");
    try (StateLock.Held lock = next.lock().acquire("apply")) {
      assertThat(next.read(Optional.empty())).isEqualTo(one);
    }
    assertThat(next.journalPath()).doesNotExist();
    assertThat(
            StateCodec.decode(
                dev.poolform.ir.json.CanonicalJson.parse(Files.readAllBytes(next.path())), "x"))
        .isEqualTo(one);
    assertThat(Files.readAllBytes(next.path())).isEqualTo(StateCodec.encode(one));
    assertThat(two.serial()).isEqualTo(one.serial() + 1);
  }

  @Test
  void aJournalWithoutAWholeHeaderHoldsNothing() throws Exception {
    StateStore st = sampleStore();
    State base = st.read(Optional.empty());
    Files.writeString(st.journalPath(), "{\"crc32c\":\"0000");
    assertThat(store("pool.state.json").read(Optional.empty())).isEqualTo(base);
  }

  @Test
  void aDamagedRecordBeforeTheLastIsRefusedAndNothingChanges() throws Exception {
    StateStore st = sampleStore();
    State base = st.read(Optional.empty());
    State one = st.append(base.withoutResource("pool.db"));
    st.append(one.withPending(intent("pool.x", "t1")));
    byte[] journal = Files.readAllBytes(st.journalPath());
    String text = new String(journal, StandardCharsets.UTF_8);
    int second = text.indexOf('\n') + 1;
    // Flip one byte inside the second record (the first step).
    int at = text.indexOf("pool.db", second);
    journal[at] = 'P';
    Files.write(st.journalPath(), journal);
    byte[] stateBefore = Files.readAllBytes(st.path());

    refusedUnderLock(StateException.Kind.CORRUPT, "record 2 is damaged");
    assertThat(Files.readAllBytes(st.path())).isEqualTo(stateBefore);
    assertThat(Files.readAllBytes(st.journalPath())).isEqualTo(journal);
  }

  @Test
  void aJournalLeftBehindByAFinishedCompactionIsIgnoredAndRemoved() throws Exception {
    StateStore st = sampleStore();
    State base = st.read(Optional.empty());
    State one = st.append(base.withoutResource("pool.db"));
    byte[] journal = Files.readAllBytes(st.journalPath());
    st.compact();
    // As if the process died after writing the file and before removing the journal.
    Files.write(st.journalPath(), journal);

    readsAsALeftover(one);
  }

  @Test
  void aLeftoverJournalWithItsLastRecordTornIsStillALeftover() throws Exception {
    StateStore st = sampleStore();
    State base = st.read(Optional.empty());
    State one = st.append(base.withoutResource("pool.db"));
    State two = st.append(one.withPending(intent("pool.x", "t1")));
    byte[] journal = Files.readAllBytes(st.journalPath());
    st.compact();
    // The compaction wrote the file (serial of `two`) and died before removing the journal, whose
    // last record was then damaged (CrashSafetyIT tears the last record of whatever is left).
    Files.write(st.journalPath(), Arrays.copyOf(journal, journal.length - 17));

    readsAsALeftover(two);
  }

  /**
   * The journal is a compaction's leftover: every reader sees the file's {@code state}, and the
   * lock holder removes the journal.
   */
  private void readsAsALeftover(State state) throws StateException {
    assertThat(store("pool.state.json").read(Optional.empty())).isEqualTo(state);
    StateStore next = store("pool.state.json");
    try (StateLock.Held lock = next.lock().acquire("apply")) {
      assertThat(next.read(Optional.empty())).isEqualTo(state);
    }
    assertThat(next.journalPath()).doesNotExist();
  }

  @Test
  void aJournalOverAnotherStateFileIsRefused() throws Exception {
    StateStore st = sampleStore();
    State base = st.read(Optional.empty());
    byte[] baseBytes = Files.readAllBytes(st.path());
    State one = st.write(base.withoutResource("pool.db"));
    st.append(one.withPending(intent("pool.x", "t1")));
    // The state file is put back to an older serial while the journal extends the newer one
    // (the seen record would refuse the older serial too; remove it to reach the journal check).
    Files.write(st.path(), baseBytes);
    Files.delete(dir.resolve(".poolform/seen.json"));

    refusedUnderLock(StateException.Kind.CORRUPT, "was the state file replaced");
    assertThat(Files.readAllBytes(st.path())).isEqualTo(baseBytes);
    assertThat(st.journalPath()).exists();
  }

  @Test
  void aJournalWhoseStepsTheFileDidNotTakeIsRefused() throws Exception {
    StateStore st = sampleStore();
    State base = st.read(Optional.empty());
    State one = st.append(base.withoutResource("pool.db"));
    byte[] journal = Files.readAllBytes(st.journalPath());
    st.compact();
    // The file moved on past where the journal's steps took it (a newer state pulled from git).
    st.write(one.withoutResource("pool.web"));
    Files.write(st.journalPath(), journal);
    byte[] stateBefore = Files.readAllBytes(st.path());
    refusedUnderLock(StateException.Kind.CORRUPT, "was the state file replaced");
    assertThat(Files.readAllBytes(st.path())).isEqualTo(stateBefore);
  }

  @Test
  void anApplyAfterAJournalReadWithoutTheLockKeepsItsSteps() throws Exception {
    StateStore st = sampleStore();
    State base = st.read(Optional.empty());
    st.append(base.withoutResource("pool.db"));
    // The next apply's store read the journal without holding this store's lock.
    StateStore next = store("pool.state.json");
    State s = next.read(Optional.empty());
    State two = next.append(s.withPending(intent("pool.x", "t1")));
    // Killed here: the first apply's step must still be there.
    assertThat(store("pool.state.json").read(Optional.empty())).isEqualTo(two);
  }

  @Test
  void aMissingStateFileWithAJournalIsRefused() throws Exception {
    StateStore st = sampleStore();
    State base = st.read(Optional.empty());
    st.append(base.withoutResource("pool.db"));
    Files.delete(st.path());
    assertThatThrownBy(() -> store("pool.state.json").read(Optional.empty()))
        .isInstanceOfSatisfying(
            StateException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(StateException.Kind.MISSING);
              assertThat(e.getMessage()).contains("pool.state.json.journal");
            });
  }

  @Test
  void aWholeWriteFoldsAnOpenJournal() throws Exception {
    StateStore st = sampleStore();
    State base = st.read(Optional.empty());
    State one = st.append(base.withoutResource("pool.db"));
    State two = st.write(one.withoutResource("pool.web"));
    assertThat(st.journalPath()).doesNotExist();
    assertThat(two.serial()).isEqualTo(one.serial() + 1);
    assertThat(store("pool.state.json").read(Optional.empty())).isEqualTo(two);
  }

  @Test
  void aRestoreKeepsTheInterruptedStepsInTheBackupAndRemovesTheJournal() throws Exception {
    StateStore st = sampleStore();
    State base = st.read(Optional.empty());
    byte[] older = Files.readAllBytes(st.path());
    Files.write(dir.resolve("older.json"), older);
    State one = st.append(base.withoutResource("pool.db"));
    State two = st.append(one.withPending(intent("pool.x", "t1")));
    // Killed before compaction: the journal holds both steps.

    StateStore next = store("pool.state.json");
    State restored;
    try (StateLock.Held lock = next.lock().acquire("state restore")) {
      restored = next.restore(next.readRestore(dir.resolve("older.json")));
    }
    assertThat(next.journalPath()).doesNotExist();
    assertThat(restored.serial()).isGreaterThan(two.serial());
    assertThat(restored.resources()).isEqualTo(base.resources());
    assertThat(store("pool.state.json").read(Optional.empty())).isEqualTo(restored);
    assertThat(
            StateCodec.decode(
                dev.poolform.ir.json.CanonicalJson.parse(
                    Files.readAllBytes(dir.resolve("pool.state.json.backup"))),
                "backup"))
        .as("the replaced state, with the interrupted apply's steps")
        .isEqualTo(two);
  }

  @Test
  void aRestoreOverAJournalThatDoesNotFitDropsIt() throws Exception {
    StateStore st = sampleStore();
    State base = st.read(Optional.empty());
    byte[] baseBytes = Files.readAllBytes(st.path());
    Files.write(dir.resolve("older.json"), baseBytes);
    State one = st.write(base.withoutResource("pool.db"));
    State two = st.append(one.withPending(intent("pool.x", "t1")));
    // The state file was put back under the journal: reads refuse it, a restore is the way out.
    Files.write(st.path(), baseBytes);
    Files.delete(dir.resolve(".poolform/seen.json"));

    StateStore next = store("pool.state.json");
    State restored;
    try (StateLock.Held lock = next.lock().acquire("state restore")) {
      restored = next.restore(next.readRestore(dir.resolve("older.json")));
    }
    assertThat(next.journalPath()).doesNotExist();
    assertThat(restored.serial()).isGreaterThan(two.serial());
    assertThat(store("pool.state.json").read(Optional.empty())).isEqualTo(restored);
  }

  /** A store whose file holds the sample state. */
  private StateStore sampleStore() throws StateException {
    StateStore st = store("pool.state.json");
    st.read(Optional.empty());
    st.write(StateFixtures.sample());
    return st;
  }

  /** A command that takes the lock and reads is refused with {@code kind}, naming {@code text}. */
  private void refusedUnderLock(StateException.Kind kind, String text) throws StateException {
    StateStore next = store("pool.state.json");
    try (StateLock.Held lock = next.lock().acquire("apply")) {
      assertThatThrownBy(() -> next.read(Optional.empty()))
          .isInstanceOfSatisfying(
              StateException.class,
              e -> {
                assertThat(e.kind()).isEqualTo(kind);
                assertThat(e.getMessage()).contains(text);
              });
    }
  }

  private static PendingIntent intent(String address, String token) {
    return new PendingIntent("create", address, token, "x", Instant.parse("2026-01-01T00:00:02Z"));
  }
}
