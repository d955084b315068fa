package dev.poolform.runtime.testing;

import dev.poolform.ir.IrCloud;
import dev.poolform.ir.IrConfig;
import dev.poolform.runtime.Workspace;
import dev.poolform.runtime.WorkspaceOptions;
import dev.poolform.runtime.engine.ProviderRegistry;
import dev.poolform.runtime.engine.Sleeper;
import dev.poolform.runtime.local.LocalCloudProvider;
import dev.poolform.stdlib.value.DurationValue;
import dev.poolform.stdlib.value.MapValue;
import dev.poolform.testing.fixtures.Pools;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A workspace in {@code dir} on the real local cloud, on simulated time, for engine tests. */
public final class LocalWorkspaces {
  private LocalWorkspaces() {}

  /** The local cloud {@code dev}, whose machines boot at once: what engine tests mostly run on. */
  public static final IrCloud DEV =
      new IrCloud("local", "dev", MapValue.of(Map.of("boot_time", new DurationValue(0))));

  /**
   * The smallest configuration: one pool {@code web} on {@link #DEV}, 0 to 2 machines, 1 wanted.
   */
  public static IrConfig onePool() {
    return new IrConfig(1, List.of(Pools.pool("web").cloud(DEV).capacity(0, 2, 1).build()));
  }

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
