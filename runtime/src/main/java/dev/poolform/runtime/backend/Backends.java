package dev.poolform.runtime.backend;

import dev.poolform.ir.IrBackend;
import dev.poolform.runtime.state.StateException;
import dev.poolform.runtime.state.StateStore;
import java.time.Clock;
import java.util.Optional;

/** The backend a configuration's {@code state} block names (the local file when it has none). */
public final class Backends {
  private Backends() {}

  /**
   * @throws StateException of kind {@code IO} for a kind this build cannot use (the compiler
   *     accepts only known kinds, so only a newer configuration gets here)
   */
  public static StateBackend open(Optional<IrBackend> spec, StateStore store, Clock clock)
      throws StateException {
    if (spec.isEmpty()) return new LocalBackend(store.lock());
    IrBackend b = spec.get();
    return switch (b.kind()) {
      case "git" -> new GitBackend(store.path(), b, clock);
      default ->
          throw new StateException(
              StateException.Kind.IO,
              "This build of Poolform cannot keep state in `"
                  + b.kind()
                  + "` (state "
                  + b.kind()
                  + " { ... }); it supports git and the local file.");
    };
  }
}
