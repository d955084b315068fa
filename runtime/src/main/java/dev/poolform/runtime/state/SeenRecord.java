package dev.poolform.runtime.state;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.poolform.files.SafeFiles;
import dev.poolform.ir.json.CanonicalJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The newest lineage and serial this workspace has read or written for one state file, kept in
 * {@code .poolform/seen.json} beside it (git-ignored, so a checkout does not move it back). A state
 * older than this was restored from an older commit; applying it would undo changes the clouds
 * already have, so the store refuses it.
 *
 * <p>The file maps state file names to {@code {"lineage", "serial"}}, so several state files in one
 * directory ({@code --state}) do not disturb each other.
 */
public final class SeenRecord {
  public record Seen(String lineage, long serial) {}

  /** The record holds a line per state file; anything this large is not one. */
  static final long MAX_BYTES = 1L << 20;

  private final Path file;
  private final String key;

  public SeenRecord(Path statePath) {
    Path abs = statePath.toAbsolutePath();
    this.file = abs.getParent().resolve(".poolform").resolve("seen.json");
    this.key = abs.getFileName().toString();
  }

  public Path file() {
    return file;
  }

  /**
   * The last seen lineage and serial; empty if none or the record is unreadable (it is a cache).
   */
  public Optional<Seen> get() {
    try {
      if (!Files.exists(file)) return Optional.empty();
      JsonNode n = CanonicalJson.parse(SafeFiles.readRegular(file, MAX_BYTES)).path(key);
      if (!n.isObject() || !n.hasNonNull("lineage")) return Optional.empty();
      return Optional.of(new Seen(n.get("lineage").asText(), n.path("serial").asLong()));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** Records a state as seen if it is newer (or of another lineage, after an explicit switch). */
  public void record(String lineage, long serial) throws IOException {
    Optional<Seen> cur = get();
    if (cur.isPresent() && cur.get().lineage().equals(lineage) && cur.get().serial() >= serial)
      return;
    ObjectNode all;
    try {
      all =
          Files.exists(file)
                  && CanonicalJson.parse(SafeFiles.readRegular(file, MAX_BYTES))
                      instanceof ObjectNode o
              ? o
              : CanonicalJson.object();
    } catch (IOException e) {
      all = CanonicalJson.object();
    }
    ObjectNode s = CanonicalJson.object();
    s.put("lineage", lineage);
    s.put("serial", serial);
    all.set(key, s);
    AtomicFiles.write(file, CanonicalJson.bytes(all), false);
  }

  /** Forgets this state file (after the user accepted an older state on purpose). */
  public void forget() throws IOException {
    if (!Files.exists(file)) return;
    JsonNode all = CanonicalJson.parse(SafeFiles.readRegular(file, MAX_BYTES));
    if (all instanceof ObjectNode o) {
      o.remove(key);
      AtomicFiles.write(file, CanonicalJson.bytes(o), false);
    }
  }
}
