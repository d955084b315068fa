package dev.poolform.runtime.state;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.poolform.runtime.testing.FakeTime;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StateStoreTest {
  @TempDir Path dir;

  private StateStore store() {
    return new StateStore(dir.resolve("pool.state.json"), new FakeTime());
  }

  @Test
  void missingStateIsEmptyWithFreshLineage() throws Exception {
    State s = store().read(Optional.empty());
    assertThat(s.serial()).isZero();
    assertThat(s.resources()).isEmpty();
    assertThat(s.lineage()).hasSize(36);
    assertThat(Files.exists(dir.resolve("pool.state.json"))).isFalse();
  }

  @Test
  void writesAtomicallyKeepsBackupAndRaisesSerialOnlyOnChange() throws Exception {
    StateStore st = store();
    State s = st.read(Optional.empty());
    State w1 = st.write(StateFixtures.sample().withSerial(0));
    assertThat(w1.serial()).isEqualTo(1);
    byte[] first = Files.readAllBytes(st.path());
    assertThat(Files.exists(st.backupPath())).isFalse();

    State same = st.write(w1);
    assertThat(same.serial()).isEqualTo(1);
    assertThat(Files.readAllBytes(st.path())).isEqualTo(first);

    State w2 = st.write(w1.withoutResource("pool.db"));
    assertThat(w2.serial()).isEqualTo(2);
    assertThat(Files.readAllBytes(st.backupPath())).isEqualTo(first);
    assertThat(store().read(Optional.empty())).isEqualTo(w2);
    // No temp files left behind.
    try (var files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
    }
    assertThat(s.lineage()).isNotEqualTo(w2.lineage()); // sample brought its own lineage
  }

  @Test
  void restoreTakesAnOlderStateBackAboveEverySerialSeen() throws Exception {
    StateStore st = store();
    st.read(Optional.empty());
    State w1 = st.write(StateFixtures.sample());
    State w2 = st.write(w1.withoutResource("pool.db"));
    Path older = Files.copy(st.backupPath(), dir.resolve("older.json"));
    Files.copy(older, st.path(), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    assertRefused(StateException.Kind.OLDER_SERIAL, "older than serial");

    StateStore again = store();
    State restored = again.restore(again.readRestore(older));
    assertThat(restored.serial()).isEqualTo(w2.serial() + 1);
    assertThat(restored.resources()).containsKey("pool.db");
    assertThat(store().read(Optional.empty())).isEqualTo(restored);
  }

  @Test
  void restoreReplacesACorruptStateButNeverTakesAnotherLineage() throws Exception {
    StateStore st = store();
    st.read(Optional.empty());
    State w1 = st.write(StateFixtures.sample());
    Path good = Files.copy(st.path(), dir.resolve("good.json"));
    Files.writeString(
        dir.resolve("other.json"),
        new String(StateCodec.encode(w1), UTF_8).replace(w1.lineage(), "another-lineage"));
    Files.writeString(st.path(), "{ torn");

    StateStore again = store();
    assertThatThrownBy(() -> again.readRestore(dir.resolve("other.json")))
        .isInstanceOf(StateException.class)
        .hasMessageContaining("lineage another-lineage");
    State restored = again.restore(again.readRestore(good));
    assertThat(restored.serial()).isEqualTo(w1.serial() + 1);
    assertThat(Files.readString(again.backupPath())).isEqualTo("{ torn");
    assertThat(store().read(Optional.empty())).isEqualTo(restored);
  }

  @Test
  void corruptStateIsRefusedAndLeftAlone() throws Exception {
    Path f = dir.resolve("pool.state.json");
    Files.writeString(f, "{\n  \"serial\": 3,\n  this is not json");
    // Located, as the user would look for it in an editor.
    assertRefused(StateException.Kind.CORRUPT, "pool.state.json:3:3: not valid JSON");
  }

  @Test
  void truncatedStateIsRefused() throws Exception {
    byte[] full = StateCodec.encode(StateFixtures.sample());
    Files.write(dir.resolve("pool.state.json"), Arrays.copyOf(full, full.length / 2));
    assertRefused(StateException.Kind.CORRUPT, "truncated");
  }

  @Test
  void newerFormatIsRefused() throws Exception {
    Files.writeString(
        dir.resolve("pool.state.json"),
        "{\"format_version\": 9, \"serial\": 1, \"lineage\": \"x\"}\n");
    assertRefused(StateException.Kind.NEWER_FORMAT, "newer Poolform");
  }

  @Test
  void foreignLineageIsRefused() throws Exception {
    StateStore st = store();
    st.read(Optional.empty());
    st.write(StateFixtures.sample());
    State other =
        new State(
            1,
            9,
            "99999999-0000-0000-0000-000000000000",
            "t",
            new java.util.TreeMap<>(),
            java.util.List.of());
    Files.write(st.path(), StateCodec.encode(other));
    assertRefused(StateException.Kind.FOREIGN_LINEAGE, "another configuration");
    // An expected lineage given by the caller is checked too.
    StateStore y = new StateStore(dir.resolve("y.json"), new FakeTime());
    y.read(Optional.empty());
    y.write(StateFixtures.sample());
    assertThatThrownBy(
            () -> new StateStore(dir.resolve("y.json"), new FakeTime()).read(Optional.of("abc")))
        .isInstanceOfSatisfying(
            StateException.class,
            e -> assertThat(e.kind()).isEqualTo(StateException.Kind.FOREIGN_LINEAGE));
  }

  @Test
  void olderSerialAfterCheckoutIsRefused() throws Exception {
    StateStore st = store();
    st.read(Optional.empty());
    State w1 = st.write(StateFixtures.sample());
    byte[] old = Files.readAllBytes(st.path());
    st.write(w1.withoutResource("pool.db"));
    // Like `git checkout HEAD~1 -- pool.state.json`.
    Files.write(st.path(), old);
    assertRefused(StateException.Kind.OLDER_SERIAL, "older than serial 2");
  }

  @Test
  void deletedStateAfterUseIsRefused() throws Exception {
    StateStore st = store();
    st.read(Optional.empty());
    st.write(StateFixtures.sample());
    Files.delete(st.path());
    assertThatThrownBy(() -> store().read(Optional.empty()))
        .isInstanceOfSatisfying(
            StateException.class, e -> assertThat(e.kind()).isEqualTo(StateException.Kind.MISSING));
  }

  @Test
  void expectedLineageOfAPlanIsKeptForAFreshState() throws Exception {
    State s = store().read(Optional.of("plan-lineage"));
    assertThat(s.lineage()).isEqualTo("plan-lineage");
  }

  private void assertRefused(StateException.Kind kind, String text) throws Exception {
    Path f = dir.resolve("pool.state.json");
    byte[] before = Files.readAllBytes(f);
    Path seen = dir.resolve(".poolform/seen.json");
    byte[] seenBefore = Files.exists(seen) ? Files.readAllBytes(seen) : null;
    assertThatThrownBy(() -> store().read(Optional.empty()))
        .isInstanceOfSatisfying(
            StateException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(kind);
              assertThat(e.getMessage()).contains(text);
            });
    assertThat(Files.readAllBytes(f)).isEqualTo(before);
    if (seenBefore != null) assertThat(Files.readAllBytes(seen)).isEqualTo(seenBefore);
  }
}
