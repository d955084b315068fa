package dev.poolform.runtime.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.poolform.runtime.testing.FakeTime;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A state belongs to one configuration: its own file, its name recorded, any other refused. */
class StateOwnerTest {
  @TempDir Path dir;
  Path a;
  Path b;

  @BeforeEach
  void setUp() throws Exception {
    a = Files.writeString(dir.resolve("a.pool"), "");
    b = Files.writeString(dir.resolve("b.pool"), "");
  }

  private StateStore store(Path configuration, Optional<Path> state) {
    Path file = state.orElse(StateOwner.defaultStatePath(configuration));
    return new StateStore(
        file, new FakeTime(), Optional.of(new StateOwner(configuration, state.isEmpty())));
  }

  @Test
  void eachSingleFileConfigurationHasItsOwnStateAndADirectoryHasPoolStateJson() {
    assertThat(StateOwner.defaultStatePath(a)).isEqualTo(dir.resolve("a.state.json"));
    assertThat(StateOwner.defaultStatePath(b)).isEqualTo(dir.resolve("b.state.json"));
    assertThat(StateOwner.defaultStatePath(dir)).isEqualTo(dir.resolve("pool.state.json"));
  }

  @Test
  void aWriteRecordsTheConfigurationRelativeToTheState() throws Exception {
    StateStore st = store(a, Optional.empty());
    st.read(Optional.empty());
    State w = st.write(StateFixtures.sample().withSerial(0));
    assertThat(w.configuration()).contains("a.pool");
    assertThat(Files.readString(st.path())).contains("\"configuration\": \"a.pool\"");

    Path elsewhere = Files.createDirectories(dir.resolve("states")).resolve("x.json");
    StateStore other = store(a, Optional.of(elsewhere));
    other.read(Optional.empty());
    assertThat(other.write(StateFixtures.sample().withSerial(0)).configuration())
        .contains("../a.pool");
    assertThat(store(dir, Optional.empty()).path()).isEqualTo(dir.resolve("pool.state.json"));
  }

  @Test
  void anotherConfigurationIsRefusedNamingBothAndTheStateOption() throws Exception {
    StateStore st = store(a, Optional.empty());
    st.read(Optional.empty());
    st.write(StateFixtures.sample().withSerial(0));
    byte[] before = Files.readAllBytes(st.path());

    assertThatThrownBy(() -> store(b, Optional.of(st.path())).read(Optional.empty()))
        .isInstanceOfSatisfying(
            StateException.class,
            e -> assertThat(e.kind()).isEqualTo(StateException.Kind.OTHER_CONFIGURATION))
        .hasMessageContaining("a.state.json belongs to the configuration a.pool, not to b.pool")
        .hasMessageContaining("`--state`");
    assertThat(Files.readAllBytes(st.path())).isEqualTo(before);
  }

  @Test
  void aStateThatRecordsNoConfigurationIsTakenAndClaimedByTheNextWrite() throws Exception {
    Path file = dir.resolve("a.state.json");
    Files.write(
        file,
        StateCodec.encode(StateFixtures.sample().withSerial(3).withReleased(java.util.List.of())));
    State s =
        StateCodec.decode(dev.poolform.ir.json.CanonicalJson.parse(Files.readAllBytes(file)), "x");
    assertThat(s.configuration()).contains("web.pool"); // the fixture records one: drop it
    Files.writeString(
        file, Files.readString(file).replace("\"configuration\": \"web.pool\",\n", ""));
    StateStore st = store(a, Optional.empty());
    State read = st.read(Optional.empty());
    assertThat(read.configuration()).isEmpty();
    assertThat(st.write(read.withoutResource("pool.db")).configuration()).contains("a.pool");
  }

  @Test
  void aRenamedConfigurationKeepsItsRenamedStateButAnExplicitStateIsChecked() throws Exception {
    Path old = Files.writeString(dir.resolve("old.pool"), "");
    StateStore st = store(old, Optional.empty());
    st.read(Optional.empty());
    st.write(StateFixtures.sample().withSerial(0));
    // The user renames old.pool to a.pool, and its state along with it.
    Files.delete(old);
    Files.move(st.path(), dir.resolve("a.state.json"));
    assertThat(store(a, Optional.empty()).read(Optional.empty()).configuration())
        .contains("old.pool");
    // b pointed at it explicitly is refused even so: a's is not b's.
    Files.writeString(old, "");
    assertThatThrownBy(
            () -> store(b, Optional.of(dir.resolve("a.state.json"))).read(Optional.empty()))
        .hasMessageContaining("belongs to the configuration old.pool");
  }

  @Test
  void aLegacyFolderStateIsNeitherIgnoredNorTakenSilently() throws Exception {
    // What Poolform wrote before states were kept per configuration: pool.state.json, unowned.
    State legacy = StateFixtures.sample().withSerial(7);
    String text =
        new String(StateCodec.encode(legacy), java.nio.charset.StandardCharsets.UTF_8)
            .replace("\"configuration\": \"web.pool\",\n  ", "");
    Files.writeString(
        dir.resolve("pool.state.json"),
        text.replace("\"format_version\": 4", "\"format_version\": 3"));

    assertThatThrownBy(() -> store(a, Optional.empty()).read(Optional.empty()))
        .isInstanceOfSatisfying(
            StateException.class,
            e -> assertThat(e.kind()).isEqualTo(StateException.Kind.LEGACY_STATE))
        .hasMessageContaining(
            "pool.state.json (pool.db, pool.web) was written by an older Poolform")
        .hasMessageContaining(
            "mv " + dir.resolve("pool.state.json") + " " + dir.resolve("a.state.json"));
    assertThat(Files.exists(dir.resolve("a.state.json"))).isFalse();

    // Renamed as told, it is a's state, and the next write records that.
    Files.move(dir.resolve("pool.state.json"), dir.resolve("a.state.json"));
    StateStore st = store(a, Optional.empty());
    State s = st.read(Optional.empty());
    assertThat(s.serial()).isEqualTo(7);
    assertThat(st.write(s.withoutResource("pool.db")).configuration()).contains("a.pool");
    // b, still without a state of its own, starts afresh: nothing in the folder may be its.
    assertThat(store(b, Optional.empty()).read(Optional.empty()).serial()).isZero();
  }

  @Test
  void aDirectoryConfigurationsStateIsNoLegacyForTheFilesBesideIt() throws Exception {
    StateStore dirStore = store(dir, Optional.empty());
    dirStore.read(Optional.empty());
    dirStore.write(StateFixtures.sample().withSerial(0));
    assertThat(Files.readString(dirStore.path())).contains("\"configuration\": \".\"");
    assertThat(store(a, Optional.empty()).read(Optional.empty()).serial()).isZero();
  }

  @Test
  void aFileSplitIntoTheFolderMovesItsStateToTheFolderNotIntoAFreshOne() throws Exception {
    // a.pool was a configuration of its own; the user splits it into a.pool and b.pool and plans
    // the folder. A fresh pool.state.json would create a's pools again beside the running ones.
    StateStore fileStore = store(a, Optional.empty());
    fileStore.read(Optional.empty());
    long serial = fileStore.write(StateFixtures.sample().withSerial(4)).serial();

    assertThatThrownBy(() -> store(dir, Optional.empty()).read(Optional.empty()))
        .isInstanceOfSatisfying(
            StateException.class,
            e -> assertThat(e.kind()).isEqualTo(StateException.Kind.FILE_STATE))
        .hasMessageContaining("a.state.json (pool.db, pool.web) is the state of a.pool")
        .hasMessageContaining(
            "mv " + dir.resolve("a.state.json") + " " + dir.resolve("pool.state.json"));
    assertThat(Files.exists(dir.resolve("pool.state.json"))).isFalse();

    // Moved as told, it is the folder's state (a.pool is one of its files), serial kept, and the
    // next write records the folder.
    Files.move(dir.resolve("a.state.json"), dir.resolve("pool.state.json"));
    StateStore dirStore = store(dir, Optional.empty());
    State s = dirStore.read(Optional.empty());
    assertThat(s.serial()).isEqualTo(serial);
    assertThat(dirStore.write(s.withoutResource("pool.db")).configuration()).contains(".");
  }

  @Test
  void aFileStateRefusesTheFolderEvenWhenItsFileWasRenamedAway() throws Exception {
    // main.pool split into a.pool and b.pool, main.pool deleted: main.state.json still holds the
    // running pools.
    Path main = Files.writeString(dir.resolve("main.pool"), "");
    StateStore fileStore = store(main, Optional.empty());
    fileStore.read(Optional.empty());
    fileStore.write(StateFixtures.sample().withSerial(1));
    Files.delete(main);
    assertThatThrownBy(() -> store(dir, Optional.empty()).read(Optional.empty()))
        .hasMessageContaining("main.state.json (pool.db, pool.web) is the state of main.pool");
  }

  @Test
  void theFolderStartsAfreshBesideFileStatesWithNoPoolsOrOfOtherFolders() throws Exception {
    StateStore empty = store(a, Optional.empty());
    empty.read(Optional.empty());
    empty.write(
        StateFixtures.sample()
            .withSerial(0)
            .withoutResource("pool.db")
            .withoutResource("pool.web"));
    Path sub = Files.createDirectories(dir.resolve("sub"));
    Path elsewhere = Files.writeString(sub.resolve("c.pool"), "");
    StateStore other = store(elsewhere, Optional.of(dir.resolve("c.state.json")));
    other.read(Optional.empty());
    other.write(StateFixtures.sample().withSerial(0));
    assertThat(store(dir, Optional.empty()).read(Optional.empty()).serial()).isZero();
    // An explicit --state is the user's choice: no refusal.
    assertThat(store(dir, Optional.of(dir.resolve("x.json"))).read(Optional.empty()).serial())
        .isZero();
  }
}
