package dev.poolform.runtime.testing;

import dev.poolform.runtime.Workspace;
import dev.poolform.runtime.WorkspaceOptions;
import dev.poolform.runtime.engine.ProviderRegistry;
import dev.poolform.runtime.engine.Sleeper;
import dev.poolform.runtime.local.LocalCloudProvider;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/** A workspace in {@code dir} on the real local cloud, on simulated time, for engine tests. */
public final class LocalWorkspaces {
  private LocalWorkspaces() {}

  /** Sleeping advances {@code time}. */
  public static Workspace open(Path dir, FakeTime time) {
    return open(dir, time, time);
  }

  /** With its own sleeper (one that "dies" after a few sleeps, to test interrupted applies). */
  public static Workspace open(Path dir, FakeTime time, Sleeper sleeper) {
    // Engine tests test decisions, not disks.
    System.setProperty("poolform.state.fsync", "false");
    return Workspace.open(
        new WorkspaceOptions(
            dir,
            Optional.empty(),
            Map.of(),
            time,
            sleeper,
            ProviderRegistry.of(new LocalCloudProvider())));
  }
}
