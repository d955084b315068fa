package dev.poolform.runtime.secret;

import dev.poolform.files.SafeFiles;
import dev.poolform.runtime.state.AtomicFiles;
import dev.poolform.runtime.state.StateException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;

/**
 * The standard key sources: {@code POOLFORM_STATE_KEY} when it is set (CI, or a team that hands the
 * key out through its secret store), else the key file {@code $XDG_CONFIG_HOME/poolform/state.keys}
 * ({@code ~/.config/poolform/state.keys}), made on first use with owner-only permissions.
 */
public final class KeySources {
  private KeySources() {}

  /** The variable that holds keys: one or more, separated by commas or spaces, current first. */
  public static final String ENV = "POOLFORM_STATE_KEY";

  /** Key files are refused past this size: a key file holds a few keys. */
  static final long MAX_FILE_BYTES = 64 * 1024;

  /** The source for a run with {@code environment} (the only place it looks: tests pass theirs). */
  public static KeySource standard(Map<String, String> environment) {
    String env = environment.get(ENV);
    if (env != null) return new Env(env);
    return configDir(environment)
        .<KeySource>map(d -> new File(d.resolve("state.keys")))
        .orElse(NONE);
  }

  /** The user's Poolform config directory, from {@code XDG_CONFIG_HOME} or {@code HOME}. */
  static Optional<Path> configDir(Map<String, String> environment) {
    String xdg = environment.get("XDG_CONFIG_HOME");
    if (xdg != null && !xdg.isBlank()) return Optional.of(Path.of(xdg, "poolform"));
    String home = environment.get("HOME");
    if (home == null || home.isBlank()) home = environment.get("USERPROFILE");
    if (home == null || home.isBlank()) return Optional.empty();
    return Optional.of(Path.of(home, ".config", "poolform"));
  }

  static StateException keyError(String message) {
    return new StateException(StateException.Kind.KEY, message);
  }

  /** Keys from {@code POOLFORM_STATE_KEY}. */
  static final class Env implements KeySource {
    private final String text;

    Env(String text) {
      this.text = text;
    }

    @Override
    public Optional<KeyRing> ring() throws StateException {
      try {
        Optional<KeyRing> r = KeyRing.parse(text, ENV);
        if (r.isEmpty()) throw keyError(ENV + " is set but holds no key.");
        return r;
      } catch (IllegalArgumentException e) {
        throw keyError(ENV + " is not usable: " + e.getMessage() + ".");
      }
    }

    @Override
    public KeyRing create() throws StateException {
      return ring().orElseThrow();
    }

    @Override
    public void keep(KeyRing ring) {
      // The environment holds it already.
    }

    @Override
    public KeyRing rotate() throws StateException {
      throw keyError(
          "The keys come from "
              + ENV
              + ", which Poolform cannot change. Make a new key (e.g. `openssl rand -base64 32`)"
              + " and put it first in "
              + ENV
              + ", keeping the old keys after it.");
    }

    @Override
    public String where() {
      return ENV;
    }
  }

  /** Keys in a file in the user's config directory. */
  static final class File implements KeySource {
    private final Path file;

    File(Path file) {
      this.file = file;
    }

    @Override
    public Optional<KeyRing> ring() throws StateException {
      byte[] bytes;
      try {
        bytes = SafeFiles.readRegular(file, MAX_FILE_BYTES);
      } catch (NoSuchFileException e) {
        return Optional.empty();
      } catch (IOException e) {
        throw keyError("Cannot read the key file " + file + ": " + SafeFiles.reason(e) + ".");
      }
      try {
        return KeyRing.parse(SafeFiles.utf8(bytes), file.toString());
      } catch (IllegalArgumentException | SafeFiles.Refused e) {
        throw keyError("The key file " + file + " is not usable: " + e.getMessage() + ".");
      }
    }

    @Override
    public KeyRing create() {
      return new KeyRing(java.util.List.of(StateKey.generate()), file.toString());
    }

    @Override
    public void keep(KeyRing ring) throws StateException {
      write(ring);
    }

    @Override
    public KeyRing rotate() throws StateException {
      StateKey fresh = StateKey.generate();
      KeyRing r =
          ring()
              .map(old -> old.withCurrent(fresh))
              .orElse(new KeyRing(java.util.List.of(fresh), file.toString()));
      write(r);
      return r;
    }

    /** Atomically, readable by its owner only (the temp file is created that way). */
    private void write(KeyRing r) throws StateException {
      try {
        Path dir = file.toAbsolutePath().getParent();
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
          Files.createDirectories(
              dir,
              PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } else {
          Files.createDirectories(dir);
        }
        AtomicFiles.write(file, r.text().getBytes(StandardCharsets.UTF_8));
      } catch (IOException e) {
        throw keyError("Cannot write the key file " + file + ": " + SafeFiles.reason(e) + ".");
      }
    }

    @Override
    public String where() {
      return file.toString();
    }
  }

  /** No environment to find a key in. */
  static final KeySource NONE =
      new KeySource() {
        @Override
        public Optional<KeyRing> ring() {
          return Optional.empty();
        }

        @Override
        public KeyRing create() throws StateException {
          throw keyError(
              "No state key: set "
                  + ENV
                  + ", or HOME (Poolform keeps a key in ~/.config/poolform/state.keys).");
        }

        @Override
        public void keep(KeyRing ring) throws StateException {
          create();
        }

        @Override
        public KeyRing rotate() throws StateException {
          return create();
        }

        @Override
        public String where() {
          return ENV;
        }
      };
}
