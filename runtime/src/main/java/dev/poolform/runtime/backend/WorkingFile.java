package dev.poolform.runtime.backend;

import dev.poolform.files.SafeFiles;
import dev.poolform.runtime.state.StateException;
import dev.poolform.runtime.state.StateStore;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/** The working state file's bytes, as a backend compares and publishes them. */
final class WorkingFile {
  private WorkingFile() {}

  /** The file's bytes, or empty when there is none; bounded and refusing non-regular files. */
  static Optional<byte[]> read(Path stateFile) throws StateException {
    try {
      return Optional.of(SafeFiles.readRegular(stateFile, StateStore.MAX_BYTES));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new StateException(
          StateException.Kind.IO, "Cannot read " + stateFile + ": " + SafeFiles.reason(e) + ".", e);
    }
  }
}
