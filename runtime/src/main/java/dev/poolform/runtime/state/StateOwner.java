package dev.poolform.runtime.state;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

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
   * whose recorded configuration no longer exists (the configuration and its state were renamed
   * together), and a directory's default state written for one of the directory's own files (a file
   * split into the folder, its state moved as {@link #refuseFresh} says).
   */
  public void check(State s, Path statePath) throws StateException {
    if (s.configuration().isEmpty()) return;
    Path theirs = resolve(statePath, s.configuration().get());
    if (theirs.equals(configuration)) return;
    if (defaultState && !Files.exists(theirs)) return;
    if (defaultState && isFileOfThisDirectory(theirs)) return;
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
   * Refuses to start a new default state while a state beside it may hold this configuration's
   * pools: starting afresh would create every pool again beside the running ones. For a single-file
   * configuration that is a {@code pool.state.json} written before states were kept per
   * configuration; for a directory, the state one of its files kept as a configuration of its own.
   */
  public void refuseFresh(Path statePath) throws StateException {
    if (!defaultState) return;
    if (Files.isDirectory(configuration)) {
      refuseFileStates(statePath);
      return;
    }
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

  private boolean isFileOfThisDirectory(Path file) {
    return Files.isDirectory(configuration)
        && configuration.equals(file.getParent())
        && file.getFileName().toString().endsWith(SUFFIX);
  }

  /**
   * A directory's {@code F.state.json} that records one of the directory's {@code .pool} files
   * (there or not: a split may rename it away) and holds pools: the file was a configuration of its
   * own, and the user has now made the folder one.
   */
  private void refuseFileStates(Path statePath) throws StateException {
    List<Path> candidates;
    try (Stream<Path> files = Files.list(configuration)) {
      candidates =
          files
              .filter(f -> f.getFileName().toString().endsWith(".state.json"))
              .filter(f -> !f.equals(statePath))
              .sorted()
              .toList();
    } catch (IOException e) {
      return; // unreadable folder: the command fails on its .pool files with a clear message
    }
    for (Path f : candidates) {
      Optional<State> s = readQuietly(f);
      if (s.isEmpty() || s.get().configuration().isEmpty() || s.get().resources().isEmpty()) {
        continue;
      }
      Path theirs = resolve(f, s.get().configuration().get());
      if (!isFileOfThisDirectory(theirs)) continue;
      String file = theirs.getFileName().toString();
      throw new StateException(
          StateException.Kind.FILE_STATE,
          "The configuration of the folder "
              + configuration
              + " keeps its state in "
              + statePath.getFileName()
              + ", which does not exist yet, but "
              + f
              + " ("
              + String.join(", ", s.get().resources().keySet())
              + ") is the state of "
              + file
              + " as a configuration of its own; starting afresh would create its pools again"
              + " beside the running ones. If you split "
              + file
              + " into this folder's files, make it the folder's state: `mv "
              + f
              + " "
              + statePath
              + "` (`git mv` if it is committed)."
              + (Files.exists(theirs)
                  ? " To use " + file + " on its own, name it: `pool plan " + theirs + "`."
                  : "")
              + " Nothing was changed.");
    }
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
