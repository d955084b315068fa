package dev.poolform.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class SafeFilesTest {
  @TempDir Path dir;

  @Test
  void readsARegularFileThroughALink() throws Exception {
    Path f = Files.writeString(dir.resolve("a.txt"), "hé");
    Path link = Files.createSymbolicLink(dir.resolve("link"), f);
    assertThat(SafeFiles.utf8(SafeFiles.readRegular(link, 100))).isEqualTo("hé");
    assertThat(SafeFiles.isLink(link)).isTrue();
    assertThat(SafeFiles.isLink(f)).isFalse();
  }

  /** A path of another file system (here a zip's) has no java.io.File: Files reads it. */
  @Test
  void readsAFileOfAnotherFileSystem() throws Exception {
    try (FileSystem zip =
        FileSystems.newFileSystem(dir.resolve("a.zip"), Map.of("create", "true"))) {
      Path f = Files.writeString(zip.getPath("a.txt"), "hé");
      assertThat(SafeFiles.utf8(SafeFiles.readRegular(f, 100))).isEqualTo("hé");
    }
  }

  /** Opening a FIFO for reading blocks until a writer comes: it must be refused unopened. */
  @Test
  @Timeout(10)
  void refusesAFifoWithoutOpeningIt() throws Exception {
    Path fifo = dir.resolve("fifo");
    assumeTrue(mkfifo(fifo), "mkfifo is not available");
    assertThatThrownBy(() -> SafeFiles.readRegular(fifo, 100))
        .isInstanceOf(SafeFiles.Refused.class)
        .hasMessage("it is not a regular file (a FIFO, socket or device)");
  }

  @Test
  @Timeout(10)
  void refusesADeviceBehindALink() throws Exception {
    Path zero = Path.of("/dev/zero");
    assumeTrue(Files.exists(zero), "no /dev/zero here");
    Path link = Files.createSymbolicLink(dir.resolve("state.json"), zero);
    assertThatThrownBy(() -> SafeFiles.readRegular(link, 1L << 30))
        .isInstanceOf(SafeFiles.Refused.class)
        .hasMessageContaining("not a regular file");
  }

  @Test
  void refusesDirectoriesAndFilesOverTheBound() throws Exception {
    assertThatThrownBy(() -> SafeFiles.readRegular(dir, 100)).hasMessage("it is a directory");
    Path big = Files.write(dir.resolve("big"), new byte[2048]);
    assertThatThrownBy(() -> SafeFiles.readRegular(big, 1024))
        .isInstanceOf(SafeFiles.Refused.class)
        .hasMessage("it is larger than 1 KiB");
    assertThat(SafeFiles.readRegular(big, 2048)).hasSize(2048);
  }

  @Test
  void decodesStrictUtf8AndNamesTheFirstBadByte() throws Exception {
    assertThat(SafeFiles.utf8("\uFEFFok".getBytes(StandardCharsets.UTF_8))).isEqualTo("ok");
    assertThatThrownBy(() -> SafeFiles.utf8(new byte[] {'a', 'b', (byte) 0xff, 'c'}))
        .hasMessage("it is not UTF-8 text (byte 0xFF at offset 2)");
    // A sequence cut off at the end, an overlong encoding, a lone surrogate.
    assertThat(SafeFiles.firstInvalid(new byte[] {'a', (byte) 0xe2, (byte) 0x82})).isEqualTo(1);
    assertThat(SafeFiles.firstInvalid(new byte[] {(byte) 0xc0, (byte) 0xaf})).isEqualTo(0);
    assertThat(SafeFiles.firstInvalid(new byte[] {'x', (byte) 0xed, (byte) 0xa0, (byte) 0x80}))
        .isEqualTo(1);
    assertThatThrownBy(() -> SafeFiles.utf8(new byte[] {'a', (byte) 0xe2, (byte) 0x82}))
        .hasMessageContaining("offset 1");
  }

  /** "Cannot read X: X" said nothing; every reason is words. */
  @Test
  void reasonsAreWordsNotThePathAgain() throws Exception {
    Path missing = dir.resolve("missing.json");
    IOException e = catchIo(() -> SafeFiles.readRegular(missing, 10));
    assertThat(SafeFiles.reason(e)).isEqualTo("no such file");
    Path file = Files.writeString(dir.resolve("f"), "x");
    IOException notDir = catchIo(() -> SafeFiles.readRegular(file.resolve("child"), 10));
    assertThat(SafeFiles.reason(notDir)).doesNotContain(dir.toString()).isNotBlank();
    Path loop = dir.resolve("loop");
    Files.createSymbolicLink(loop, loop);
    IOException looped = catchIo(() -> SafeFiles.readRegular(loop, 10));
    assertThat(SafeFiles.reason(looped)).doesNotContain(dir.toString()).isNotBlank();
    if (!"root".equals(System.getProperty("user.name"))) {
      Path locked = Files.writeString(dir.resolve("locked"), "x");
      assumeTrue(locked.toFile().setReadable(false, false));
      IOException denied = catchIo(() -> SafeFiles.readRegular(locked, 10));
      assertThat(SafeFiles.reason(denied)).isEqualTo("permission denied");
    }
  }

  interface Io {
    void run() throws IOException;
  }

  static IOException catchIo(Io io) {
    try {
      io.run();
    } catch (IOException e) {
      return e;
    }
    throw new AssertionError("no IOException");
  }

  static boolean mkfifo(Path p) throws InterruptedException {
    try {
      Process proc = new ProcessBuilder("mkfifo", p.toString()).inheritIO().start();
      return proc.waitFor(
              Duration.ofSeconds(5).toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)
          && proc.exitValue() == 0;
    } catch (IOException e) {
      return false;
    }
  }
}
