package dev.poolform.runtime.state;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The configuration a state belongs to. A single-file configuration {@code NAME.pool} keeps its
 * state in {@code NAME.state.json} beside it, a directory configuration in {@code pool.state.json}
 * inside the directory, so the configurations of one folder never share a state. The state also
 * records which configuration wrote it ({@link State#configuration()}, relative to the state file),
 * so a state pointed at from another configuration ({@code --state}) is refused rather than planned
 * against: its pools would read as removed and be destroyed.
 *
 * @param configuration the configuration: a {@code .pool} file or a directory, absolute
 * @param defaultState whether the state is the configuration's default one (no {@code --state})
 */
public record StateOwner(Path configuration, boolean defaultState) {
  /** The state file name of a directory configuration, and of every state before format 4. */
  public static final String DIRECTORY_STATE = "pool.state.json";

  private static final String SUFFIX = ".pool";

  public StateOwner {
    configuration = configuration.toAbsolutePath().normalize();
  }

  /**
   * {@code NAME.state.json} beside {@code NAME.pool}; {@code DIR/pool.state.json} for a directory.
   */
  public static Path defaultStatePath(Path configuration) {
    Path c = configuration.toAbsolutePath().normalize();
    String name = c.getFileName() == null ? "" : c.getFileName().toString();
    if (!Files.isDirectory(c) && name.endsWith(SUFFIX)) {
      return c.resolveSibling(name.substring(0, name.length() - SUFFIX.length()) + ".state.json");
    }
    return c.resolve(DIRECTORY_STATE);
  }

  /** How a state at {@code statePath} records this configuration: relative, {@code /}-separated. */
  public String recorded(Path statePath) {
    Path rel = statePath.toAbsolutePath().normalize().getParent().relativize(configuration);
    String s = rel.toString().replace('\\', '/');
    return s.isEmpty() ? "." : s;
  }

  /** The configuration a state at {@code statePath} records, as an absolute path. */
  public static Path resolve(Path statePath, String recorded) {
    return statePath.toAbsolutePath().normalize().getParent().resolve(recorded).normalize();
  }

  /**
   * Refuses a state written for another configuration. A state that records none (written before
   * Poolform recorded it) is taken, and the next write records this one. So is a default state
   * whose recorded configuration no longer exists: the configuration and its state were renamed
   * together.
   */
  public void check(State s, Path statePath) throws StateException {
    if (s.configuration().isEmpty()) return;
    Path theirs = resolve(statePath, s.configuration().get());
    if (theirs.equals(configuration)) return;
    if (defaultState && !Files.exists(theirs)) return;
    String file = statePath.getFileName().toString();
    throw new StateException(
        StateException.Kind.OTHER_CONFIGURATION,
        statePath
            + " belongs to the configuration "
            + s.configuration().get()
            + ", not to "
            + recorded(statePath)
            + " (paths relative to the state's folder): each configuration keeps its own state,"
            + " and planning this one against "
            + file
            + " would destroy the other's pools. "
            + (defaultState
                ? "Rename the state after its configuration, or give this configuration its own"
                    + " with `--state PATH`."
                : "Leave out `--state` to use "
                    + defaultStatePath(configuration).getFileName()
                    + ", or point `--state` at this configuration's state.")
            + " Nothing was changed.");
  }

  /**
   * Refuses to start a new default state for a single-file configuration while a {@code
   * pool.state.json} beside it, written before states were kept per configuration, may be its
   * state: starting afresh would create every pool again beside the running ones.
   */
  public void refuseLegacy(Path statePath) throws StateException {
    if (!defaultState || Files.isDirectory(configuration)) return;
    Path legacy = statePath.resolveSibling(DIRECTORY_STATE);
    if (legacy.equals(statePath) || !Files.isRegularFile(legacy)) return;
    Optional<State> old = readQuietly(legacy);
    if (old.isPresent() && old.get().configuration().isPresent()) {
      // A state that says whose it is: another configuration's (a directory's, or one named).
      if (!resolve(legacy, old.get().configuration().get()).equals(configuration)) return;
    }
    String pools =
        old.map(
                s ->
                    s.resources().isEmpty()
                        ? "no pools"
                        : String.join(", ", s.resources().keySet()))
            .orElse("pools it could not read");
    throw new StateException(
        StateException.Kind.LEGACY_STATE,
        configuration.getFileName()
            + " keeps its state in "
            + statePath.getFileName()
            + ", which does not exist yet, but "
            + legacy
            + " ("
            + pools
            + ") was written by an older Poolform, which kept one state for every configuration"
            + " of a folder. If it is this configuration's state, rename it: `mv "
            + legacy
            + " "
            + statePath
            + "` (`git mv` if it is committed). If it belongs to another configuration of the"
            + " folder, rename it after that one. Nothing was changed.");
  }

  private static Optional<State> readQuietly(Path file) {
    try {
      return Optional.of(
          StateCodec.decode(
              dev.poolform.ir.json.CanonicalJson.parse(
                  dev.poolform.files.SafeFiles.readRegular(file, StateStore.MAX_BYTES)),
              file.getFileName().toString()));
    } catch (IOException | StateException | RuntimeException e) {
      return Optional.empty();
    }
  }
}
