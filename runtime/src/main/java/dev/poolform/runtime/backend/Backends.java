package dev.poolform.runtime.backend;

import dev.poolform.ir.IrBackend;
import dev.poolform.runtime.state.StateException;
import dev.poolform.runtime.state.StateStore;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.TreeSet;

/**
 * The backend a configuration's {@code state} block names (the local file when it has none): git is
 * built in, object stores come from the cloud modules ({@link ObjectStoreProvider}).
 */
public final class Backends {
  private Backends() {}

  /**
   * @param environment the workspace's environment, for the stores' SDK settings
   * @throws StateException of kind {@code IO} for a kind no module on the class path serves, or a
   *     store that cannot be opened
   */
  public static StateBackend open(
      Optional<IrBackend> spec, StateStore store, Clock clock, Map<String, String> environment)
      throws StateException {
    if (spec.isEmpty()) return new LocalBackend(store.lock());
    IrBackend b = spec.get();
    if (b.kind().equals("git")) return new GitBackend(store.path(), b, clock);
    TreeSet<String> kinds = new TreeSet<>();
    kinds.add("git");
    for (ObjectStoreProvider p : ServiceLoader.load(ObjectStoreProvider.class)) {
      if (p.kind().equals(b.kind())) {
        return new ObjectBackend(store.path(), p.open(b, environment), clock);
      }
      kinds.add(p.kind());
    }
    throw new StateException(
        StateException.Kind.IO,
        "This build of Poolform cannot keep state in `"
            + b.kind()
            + "` (state "
            + b.kind()
            + " { ... }); it has "
            + String.join(", ", kinds)
            + " and the local file.");
  }
}
