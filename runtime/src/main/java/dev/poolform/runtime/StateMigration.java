package dev.poolform.runtime;

import dev.poolform.ir.IrBackend;
import dev.poolform.runtime.backend.Backends;
import dev.poolform.runtime.backend.StateBackend;
import dev.poolform.runtime.backend.StateHeader;
import dev.poolform.runtime.state.State;
import dev.poolform.runtime.state.StateException;
import dev.poolform.runtime.state.StateStore;
import java.nio.file.Files;
import java.util.Optional;

/**
 * {@code pool state migrate}: copies the state from another backend to the workspace's, lineage and
 * serial kept. Both locks are held: the source's while its newest state is brought into the working
 * file, the target's while it is published there. The target must hold no state, or this lineage at
 * a serial no newer than the source's; anything else is refused before anything is written. The
 * source keeps its copy.
 */
final class StateMigration {
  private StateMigration() {}

  static Migration migrate(
      Optional<IrBackend> source, WorkspaceOptions options, StateStore store, LockedRuns target)
      throws StateException {
    StateBackend from = Backends.open(source, store, options.clock(), options.environment());
    StateBackend to = target.backend();
    if (from.describe().equals(to.describe())) {
      throw new StateException(
          StateException.Kind.IO,
          "The state is already kept in "
              + to.describe()
              + ": the source and the target of the migration are the same.");
    }
    try (StateBackend.Lock held = from.lock("state migrate")) {
      from.sync();
      if (!Files.exists(store.path())) {
        throw new StateException(
            StateException.Kind.MISSING,
            "There is no state in " + from.describe() + " to migrate; nothing was changed.");
      }
      State mine = store.read(Optional.empty());
      Optional<StateHeader> theirs = to.peek();
      if (theirs.isPresent()) refuseOver(theirs.get(), mine, from, to);
      target.run("state migrate", () -> null);
      return new Migration(from.describe(), to.describe(), mine.lineage(), mine.serial());
    }
  }

  /** A migration never replaces another lineage's state, nor a newer copy of this one. */
  private static void refuseOver(StateHeader t, State mine, StateBackend from, StateBackend to)
      throws StateException {
    if (!t.lineage().equals(mine.lineage())) {
      throw new StateException(
          StateException.Kind.FOREIGN_LINEAGE,
          to.describe()
              + " already holds another state (lineage "
              + t.lineage()
              + "; this one is "
              + mine.lineage()
              + "). Nothing was changed: a migration never replaces another configuration's"
              + " state. Point the `state` block elsewhere, or remove that state first if it"
              + " is truly abandoned.");
    }
    if (t.serial() > mine.serial()) {
      throw new StateException(
          StateException.Kind.OLDER_SERIAL,
          to.describe()
              + " already holds this state at serial "
              + t.serial()
              + ", newer than the "
              + mine.serial()
              + " of "
              + from.describe()
              + ". Nothing was changed: it has moved on there, so there is nothing to"
              + " migrate.");
    }
  }
}
