package dev.poolform.runtime.testing;

import dev.poolform.ir.IrConfig;
import dev.poolform.runtime.ApplyResult;
import dev.poolform.runtime.PlanResult;
import dev.poolform.runtime.Workspace;
import dev.poolform.runtime.WorkspaceOptions;
import dev.poolform.runtime.engine.ApplyOptions;
import dev.poolform.runtime.engine.ProviderRegistry;
import dev.poolform.runtime.event.ApplyEvent;
import dev.poolform.runtime.event.ApplyListener;
import dev.poolform.runtime.plan.Plan;
import dev.poolform.runtime.state.State;
import dev.poolform.runtime.state.StateStore;
import dev.poolform.testing.fixtures.StateKeys;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/** A workspace on the sim cloud with fake time: plan and apply in milliseconds. */
public final class Harness {
  public final FakeTime time;
  public final SimCloud cloud;
  public final Path dir;
  public final Workspace workspace;
  public final List<ApplyEvent> events = new CopyOnWriteArrayList<>();
  public ApplyOptions options = ApplyOptions.defaults().withPollInterval(Duration.ofSeconds(1));

  /** The state key every harness uses. */
  public static final String KEY = StateKeys.KEY;

  public Harness(Path dir) {
    this(dir, StateKeys.with(Map.of()));
  }

  /** A harness whose workspace sees {@code environment} (where it finds its state key). */
  public Harness(Path dir, Map<String, String> environment) {
    this(dir, environment, new FakeTime(), null);
  }

  private Harness(Path dir, Map<String, String> environment, FakeTime time, SimCloud cloud) {
    System.setProperty("poolform.state.fsync", "false");
    this.time = time;
    this.cloud = cloud != null ? cloud : new SimCloud(time);
    this.dir = dir;
    this.workspace =
        Workspace.open(
            new WorkspaceOptions(
                dir, Optional.empty(), environment, time, time, ProviderRegistry.of(this.cloud)));
  }

  /**
   * The same directory, cloud and time seen by another process whose environment is {@code
   * environment} (another state key, none at all).
   */
  public Harness reopen(Map<String, String> environment) {
    return new Harness(dir, environment, time, cloud);
  }

  public ApplyListener listener() {
    return events::add;
  }

  public Plan plan(IrConfig config) throws Exception {
    PlanResult r = workspace.plan(config);
    if (!r.ok()) throw new AssertionError("plan failed: " + r.problems());
    return r.plan().get();
  }

  public ApplyResult apply(IrConfig config) throws Exception {
    return workspace.apply(config, options, listener());
  }

  /** Applies and insists that everything succeeded. */
  public ApplyResult applyOk(IrConfig config) throws Exception {
    ApplyResult r = apply(config);
    if (!r.ok()) throw new AssertionError("apply failed: " + r.pools() + " " + r.problems());
    return r;
  }

  public State state() throws Exception {
    return workspace.state();
  }

  /**
   * Drops an entry from the state file without touching the cloud: what a kill between a create
   * call and its state write leaves (unlike {@code pool state rm}, which releases the group).
   */
  public void forget(String address) throws Exception {
    StateStore store = new StateStore(workspace.statePath(), time);
    State s = store.read(Optional.empty());
    store.write(s.withoutResource(address));
  }
}
