package dev.poolform.runtime.git;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Remembers what Poolform last wrote to a state file, so that "the file differs from git's HEAD"
 * can be told apart from "someone edited it by hand": the first is Poolform's own uncommitted work
 * (an apply without {@code --commit}, or one that was interrupted), the second must not be
 * committed under Poolform's name.
 *
 * <p>The record is {@code <state dir>/.poolform/written/<state file name>.sha256}: the SHA-256 of
 * the bytes of the last write. It lives under {@code .poolform/}, which is not committed. Anything
 * that writes the state file calls {@link #record} right after the write.
 */
public final class StateWriteLedger {
  private StateWriteLedger() {}

  public static Path recordFile(Path stateFile) {
    Path abs = stateFile.toAbsolutePath().normalize();
    return abs.getParent()
        .resolve(".poolform")
        .resolve("written")
        .resolve(abs.getFileName() + ".sha256");
  }

  /** Records the state file's current content as written by Poolform (best effort). */
  public static void record(Path stateFile) {
    try {
      byte[] bytes =
          dev.poolform.files.SafeFiles.readRegular(
              stateFile, dev.poolform.runtime.state.StateStore.MAX_BYTES);
      Path rec = recordFile(stateFile);
      Files.createDirectories(rec.getParent());
      Path tmp = rec.resolveSibling(rec.getFileName() + ".tmp");
      Files.writeString(tmp, sha256(bytes) + "\n", StandardCharsets.UTF_8);
      Files.move(tmp, rec, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      // Without a record, a later --commit asks the user to commit by hand: safe, just less smooth.
    }
  }

  /** The SHA-256 (hex) of Poolform's last write to this state file, if recorded. */
  public static Optional<String> last(Path stateFile) {
    try {
      return Optional.of(Files.readString(recordFile(stateFile), StandardCharsets.UTF_8).trim());
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** Whether {@code bytes} is what Poolform last wrote to this state file. */
  public static boolean isLastWrite(Path stateFile, byte[] bytes) {
    return last(stateFile).map(h -> h.equals(sha256(bytes))).orElse(false);
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of()
          .formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
