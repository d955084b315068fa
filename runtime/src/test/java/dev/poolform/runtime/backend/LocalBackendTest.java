package dev.poolform.runtime.backend;

import dev.poolform.runtime.state.StateStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.io.TempDir;

/**
 * The local file's lock ({@code pool.state.json.lock}) held to the lock contract: every "machine"
 * is another process in the one directory, since the local file is shared only by hand.
 */
class LocalBackendTest extends StateBackendContract {
  @TempDir Path dir;

  @Override
  protected StateBackend backend(String machine, Clock clock) throws Exception {
    StateStore store = new StateStore(dir.resolve("pool.state.json"), clock);
    return Backends.open(Optional.empty(), store, clock, Map.of());
  }

  @Override
  protected boolean lockPresent() {
    return Files.exists(dir.resolve("pool.state.json.lock"));
  }
}
