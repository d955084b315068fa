package dev.poolform.runtime.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.poolform.runtime.testing.FakeTime;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The state file as an attacker or an accident may leave it: a FIFO, a link to a device, a link to
 * the real file elsewhere, a serial at its limit, a file that cannot be read.
 */
class StateFileSafetyTest {
  @TempDir Path dir;

  private Path state() {
    return dir.resolve("pool.state.json");
  }

  private StateStore store() {
    return new StateStore(state(), new FakeTime());
  }

  private static StateException refusal(ThrowingRead r) {
    try {
      r.run();
    } catch (StateException e) {
      return e;
    } catch (Exception e) {
      throw new AssertionError("expected a StateException, got " + e, e);
    }
    throw new AssertionError("expected a StateException");
  }

  interface ThrowingRead {
    void run() throws Exception;
  }

  /** Opening a FIFO for reading blocks until a writer comes: it must never be opened. */
  @Test
  void aFifoIsRefusedWithoutBlocking() throws Exception {
    assumeThat(mkfifo(state())).as("mkfifo is available").isTrue();
    StateException e =
        org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(
            Duration.ofSeconds(10), () -> refusal(() -> store().read(Optional.empty())));
    assertThat(e.kind()).isEqualTo(StateException.Kind.IO);
    assertThat(e.getMessage())
        .isEqualTo(
            "Cannot read " + state() + ": it is not a regular file (a FIFO, socket or device).");
    // Nor does the lock's reader block on a FIFO where the lock file should be.
    Files.delete(state());
    Path lock = dir.resolve("pool.state.json.lock");
    assertThat(mkfifo(lock)).isTrue();
    StateException l =
        org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(
            Duration.ofSeconds(10), () -> refusal(() -> store().lock().read()));
    assertThat(l.getMessage()).contains("not a regular file");
  }

  /** A link to /dev/zero used to end in an OutOfMemoryError. */
  @Test
  void aLinkToADeviceIsRefused() throws Exception {
    Path zero = Path.of("/dev/zero");
    assumeThat(Files.exists(zero)).isTrue();
    Files.createSymbolicLink(state(), zero);
    StateException e = refusal(() -> store().read(Optional.empty()));
    assertThat(e.kind()).isEqualTo(StateException.Kind.IO);
    assertThat(e.getMessage()).contains("it is not a regular file");
  }

  @Test
  void aStateFileLargerThanTheBoundIsRefused() throws Exception {
    try (var ch =
        java.nio.channels.FileChannel.open(
            state(),
            java.nio.file.StandardOpenOption.CREATE_NEW,
            java.nio.file.StandardOpenOption.WRITE)) {
      // A sparse file: its size is past the bound without writing 256 MiB.
      ch.write(java.nio.ByteBuffer.wrap(new byte[] {'{'}), StateStore.MAX_BYTES + 1);
    }
    StateException e = refusal(() -> store().read(Optional.empty()));
    assertThat(e.getMessage()).endsWith("it is larger than 256 MiB.");
  }

  /** A missing directory component, a directory: the reason in words, not the path again. */
  @Test
  void everyReadFailureNamesItsReason() throws Exception {
    Files.createDirectory(state());
    assertThat(refusal(() -> store().read(Optional.empty())).getMessage())
        .isEqualTo("Cannot read " + state() + ": it is a directory.");
    Files.delete(state());
    Files.writeString(dir.resolve("file"), "x");
    StateStore under = new StateStore(dir.resolve("file/pool.state.json"), new FakeTime());
    assertThat(refusal(() -> under.read(Optional.empty())).getMessage())
        .isEqualTo("Cannot read " + dir.resolve("file/pool.state.json") + ": not a directory.");
  }

  /**
   * A state kept elsewhere and linked in (a shared checkout, a mounted volume) is written through
   * the link: the link stays, and the file it names holds the new state.
   */
  @Test
  void aLinkedStateIsWrittenThroughTheLink() throws Exception {
    Path elsewhere = Files.createDirectory(dir.resolve("elsewhere"));
    Path real = elsewhere.resolve("real.json");
    Files.createSymbolicLink(state(), Path.of("elsewhere/real.json"));
    StateStore st = store();
    st.read(Optional.empty());
    State w1 = st.write(StateFixtures.sample().withSerial(0));
    State w2 = st.write(w1.withoutResource("pool.db"));
    assertThat(Files.isSymbolicLink(state())).isTrue();
    assertThat(Files.readAllBytes(real)).isEqualTo(StateCodec.encode(w2));
    assertThat(store().read(Optional.empty())).isEqualTo(w2);
    try (var files = Files.list(elsewhere)) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactly("real.json");
    }
    // Another workspace linking to the same file takes the same lock.
    Path second = Files.createDirectory(dir.resolve("second"));
    Files.createSymbolicLink(second.resolve("pool.state.json"), real);
    try (StateLock.Held held = st.lock().acquire("apply")) {
      assertThat(st.lock().file()).isEqualTo(elsewhere.resolve("real.json.lock"));
      StateStore other = new StateStore(second.resolve("pool.state.json"), new FakeTime());
      assertThatThrownBy(() -> other.lock().acquire("apply"))
          .isInstanceOfSatisfying(
              StateException.class,
              e -> assertThat(e.kind()).isEqualTo(StateException.Kind.LOCKED));
    }
  }

  /** A serial at the largest long cannot be raised; wrapping to a negative one is refused too. */
  @Test
  void theSerialNeverWrapsAround() throws Exception {
    StateStore st = store();
    st.read(Optional.empty());
    State w = st.write(StateFixtures.sample().withSerial(0));
    String text = Files.readString(state(), StandardCharsets.UTF_8);
    Files.writeString(
        state(), text.replace("\"serial\": " + w.serial(), "\"serial\": " + Long.MAX_VALUE));
    StateStore at = store();
    State max = at.read(Optional.empty());
    assertThat(max.serial()).isEqualTo(Long.MAX_VALUE);
    byte[] before = Files.readAllBytes(state());
    StateException e = refusal(() -> at.write(max.withoutResource("pool.db")));
    assertThat(e.kind()).isEqualTo(StateException.Kind.CORRUPT);
    assertThat(e.getMessage()).contains("the largest there is");
    assertThat(Files.readAllBytes(state())).isEqualTo(before);

    for (String bad : new String[] {"-1", "9223372036854775808", "1.5", "\"7\""}) {
      Files.writeString(state(), text.replace("\"serial\": " + w.serial(), "\"serial\": " + bad));
      Files.deleteIfExists(dir.resolve(".poolform/seen.json"));
      StateException c = refusal(() -> store().read(Optional.empty()));
      assertThat(c.kind()).as(bad).isEqualTo(StateException.Kind.CORRUPT);
      assertThat(c.getMessage()).as(bad).contains("`/serial` must be a whole number");
    }
  }

  /** A hand edit of the wrong type is refused where it is (a JSON pointer), not read as 0. */
  @Test
  void anIllTypedFieldIsRefusedByItsPointer() throws Exception {
    StateStore st = store();
    st.read(Optional.empty());
    State w = st.write(StateFixtures.sample());
    String text = Files.readString(state(), StandardCharsets.UTF_8);
    String address = w.resources().firstKey();
    java.util.Map<String, String> edits =
        java.util.Map.of(
            "\"desired\": " + w.resource(address).orElseThrow().observed().desired(),
            "`/resources/" + address + "/observed/desired` must be a whole number",
            "\"lineage\": \"" + w.lineage() + "\"",
            "`/lineage` must be a string");
    for (var e : edits.entrySet()) {
      assertThat(text).contains(e.getKey());
      String edited =
          text.replaceFirst(
              java.util.regex.Pattern.quote(e.getKey()),
              e.getKey().substring(0, e.getKey().indexOf(':') + 2) + "[\"three\"]");
      Files.writeString(state(), edited);
      Files.deleteIfExists(dir.resolve(".poolform/seen.json"));
      byte[] before = Files.readAllBytes(state());
      StateException c = refusal(() -> store().read(Optional.empty()));
      assertThat(c.kind()).as(e.getKey()).isEqualTo(StateException.Kind.CORRUPT);
      assertThat(c.getMessage())
          .as(e.getKey())
          .contains(state().getFileName().toString())
          .contains(e.getValue())
          .contains("found [\"three\"]")
          .contains("nothing was changed");
      assertThat(Files.readAllBytes(state())).isEqualTo(before);
    }
  }

  private static boolean mkfifo(Path p) throws Exception {
    try {
      Process pr = new ProcessBuilder("mkfifo", p.toString()).redirectErrorStream(true).start();
      return pr.waitFor(10, TimeUnit.SECONDS) && pr.exitValue() == 0;
    } catch (java.io.IOException e) {
      return false;
    }
  }
}
