package dev.poolform.runtime.state;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.poolform.files.SafeFiles;
import dev.poolform.ir.json.CanonicalJson;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.zip.CRC32C;

/**
 * The append-only journal beside a state file ({@code NAME.journal}): an apply records each step
 * here instead of rewriting the whole state, so that it writes bytes in proportion to what changed
 * (a rewrite per step made an apply of N pools write O(N²) bytes). The state file is the base; the
 * journal holds the steps since, and the store folds them back into the canonical file (compacts)
 * at the end of the apply, or the next command that takes the lock does after a crash.
 *
 * <p>One line per record, each {@code {"crc32c":"XXXXXXXX","record":{...}}}: the checksum covers
 * the record's bytes, so a record torn by a crash (a power cut mid-write) is known as such. The
 * first record names the base ({@code lineage}, {@code base_serial}); every later one is a step:
 * the serial it gives the state, the resources it puts whole, the addresses it removes, and the
 * whole list of pending intents. A torn last record is dropped (its write never returned, so
 * nothing relied on it); a bad record before the last is corruption and refused.
 */
final class StateJournal implements Closeable {
  /** The journal of {@code NAME} is {@code NAME.journal}, beside it. */
  static final String SUFFIX = ".journal";

  /** The journal format this version writes and reads. */
  static final int FORMAT = 1;

  private static final byte[] PREFIX = "{\"crc32c\":\"".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] MIDDLE = "\",\"record\":".getBytes(StandardCharsets.US_ASCII);
  private static final int HEAD = PREFIX.length + 8 + MIDDLE.length;

  private final Path file;
  private final FileChannel channel;
  private final boolean durable;
  private long bytes;

  private StateJournal(Path file, FileChannel channel, boolean durable, long bytes) {
    this.file = file;
    this.channel = channel;
    this.durable = durable;
    this.bytes = bytes;
  }

  static Path pathFor(Path state) {
    return state.resolveSibling(state.getFileName() + SUFFIX);
  }

  /**
   * Starts a journal over the state file of {@code lineage} at {@code baseSerial}, replacing any
   * older one, and makes the file's existence durable before the first step relies on it.
   */
  static StateJournal start(Path file, String lineage, long baseSerial, boolean durable)
      throws IOException {
    ObjectNode head = CanonicalJson.object();
    head.put("journal", FORMAT);
    head.put("lineage", lineage);
    head.put("base_serial", baseSerial);
    head.put("tool_version", StateCodec.TOOL_VERSION);
    FileChannel ch = open(file);
    StateJournal j = new StateJournal(file, ch, durable, 0);
    try {
      j.write(head);
    } catch (IOException e) {
      j.close();
      throw e;
    }
    if (durable) AtomicFiles.syncDirectory(file.getParent());
    return j;
  }

  /**
   * Opens the journal for writing from its start, readable by its owner only, as the state file is
   * (it holds the same entries).
   */
  private static FileChannel open(Path file) throws IOException {
    Set<OpenOption> options =
        Set.of(
            StandardOpenOption.CREATE,
            StandardOpenOption.WRITE,
            StandardOpenOption.TRUNCATE_EXISTING);
    if (!file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      return FileChannel.open(file, options);
    }
    FileChannel ch =
        FileChannel.open(
            file,
            options,
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    // CREATE applies the permissions only to a new file; one left behind keeps its own.
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    return ch;
  }

  /** The bytes written so far (the store compacts when the journal outgrows the state). */
  long size() {
    return bytes;
  }

  /**
   * What one step changes: the resources {@code to} has that {@code from} has not, or has
   * otherwise, and the addresses only {@code from} has.
   */
  record Step(Map<String, ResourceState> put, List<String> remove) {
    Step {
      put = java.util.Collections.unmodifiableMap(put);
      remove = List.copyOf(remove);
    }

    /**
     * The keys the maps' change log names when {@code to} was derived from {@code from}, else one
     * pass over both sorted maps (comparing the maps with {@code equals} looked each key up again,
     * O(N log N) per step).
     */
    static Step between(State from, State to) {
      Map<String, ResourceState> put = new java.util.LinkedHashMap<>();
      List<String> remove = new ArrayList<>();
      Optional<java.util.Set<String>> changed =
          FrozenMap.changedSince(from.resources(), to.resources());
      if (changed.isPresent()) {
        // The usual case in an apply: `to` was made from `from` by a few withResource and
        // withoutResource calls, which name their keys; the other pools need no look.
        for (String k : new java.util.TreeSet<>(changed.get())) {
          ResourceState a = from.resources().get(k);
          ResourceState b = to.resources().get(k);
          if (b == null) {
            if (a != null) remove.add(k);
          } else if (!b.equals(a)) {
            put.put(k, b);
          }
        }
        return new Step(put, remove);
      }
      Iterator<Map.Entry<String, ResourceState>> a = from.resources().entrySet().iterator();
      Iterator<Map.Entry<String, ResourceState>> b = to.resources().entrySet().iterator();
      Map.Entry<String, ResourceState> x = a.hasNext() ? a.next() : null;
      Map.Entry<String, ResourceState> y = b.hasNext() ? b.next() : null;
      while (x != null || y != null) {
        int c = x == null ? 1 : y == null ? -1 : x.getKey().compareTo(y.getKey());
        if (c < 0) {
          remove.add(x.getKey());
          x = a.hasNext() ? a.next() : null;
        } else if (c > 0) {
          put.put(y.getKey(), y.getValue());
          y = b.hasNext() ? b.next() : null;
        } else {
          // A record's equals compares its components with Objects.equals, which tests identity
          // first: a record the step did not rebuild costs a few pointer comparisons.
          if (!x.getValue().equals(y.getValue())) put.put(y.getKey(), y.getValue());
          x = a.hasNext() ? a.next() : null;
          y = b.hasNext() ? b.next() : null;
        }
      }
      return new Step(put, remove);
    }

    boolean isEmpty() {
      return put.isEmpty() && remove.isEmpty();
    }
  }

  /**
   * Appends {@code step}, which brings the state to {@code to} (its serial and pending intents),
   * and when durable returns only once it is on disk.
   */
  void append(Step step, State to) throws IOException {
    ObjectNode o = CanonicalJson.object();
    o.put("serial", to.serial());
    ObjectNode put = CanonicalJson.object();
    for (Map.Entry<String, ResourceState> e : step.put().entrySet())
      put.set(e.getKey(), StateCodec.resource(e.getValue()));
    o.set("put", put);
    ArrayNode remove = CanonicalJson.array();
    step.remove().forEach(remove::add);
    o.set("remove", remove);
    ArrayNode pending = CanonicalJson.array();
    for (PendingIntent p : to.pending()) pending.add(StateCodec.intent(p));
    o.set("pending", pending);
    write(o);
  }

  private void write(JsonNode record) throws IOException {
    byte[] json = CanonicalJson.compact(record).getBytes(StandardCharsets.UTF_8);
    ByteBuffer buf = ByteBuffer.allocate(HEAD + json.length + 2);
    buf.put(PREFIX).put(crc(json, 0, json.length).getBytes(StandardCharsets.US_ASCII));
    buf.put(MIDDLE).put(json).put((byte) '}').put((byte) '\n').flip();
    while (buf.hasRemaining()) bytes += channel.write(buf);
    if (durable) channel.force(false);
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }

  Path file() {
    return file;
  }

  /** Removes a journal whose steps the state file now holds (or that holds none). */
  static void delete(Path file, boolean durable) throws IOException {
    if (Files.deleteIfExists(file) && durable) AtomicFiles.syncDirectory(file.getParent());
  }

  private static String crc(byte[] b, int off, int len) {
    CRC32C c = new CRC32C();
    c.update(b, off, len);
    return String.format("%08x", c.getValue());
  }

  // ---------------------------------------------------------------- reading

  /**
   * A journal as read: the base it extends and its steps in order. {@code torn} says the last
   * record was incomplete and dropped.
   */
  record Contents(
      String lineage, long baseSerial, String toolVersion, List<JsonNode> steps, boolean torn) {
    Contents {
      steps = List.copyOf(steps);
    }
  }

  /**
   * Reads the journal at {@code file}; empty when there is none, or when not even its first record
   * was written whole (then it holds no step anyone relied on).
   *
   * @throws StateException CORRUPT for a bad record before the last one, or an unknown format
   */
  static Optional<Contents> read(Path file, long maxBytes) throws IOException, StateException {
    byte[] all;
    try {
      all = SafeFiles.readRegular(file, maxBytes);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
    String name = file.getFileName().toString();
    List<JsonNode> records = new ArrayList<>();
    boolean torn = false;
    int start = 0;
    while (start < all.length) {
      int end = start;
      while (end < all.length && all[end] != '\n') end++;
      Optional<JsonNode> r = end < all.length ? record(all, start, end) : Optional.empty();
      if (r.isEmpty()) {
        // Only the last record may be incomplete: every earlier one was written (and synced)
        // before the next began.
        int next = end + 1;
        if (next < all.length) {
          throw corrupt(name, "record " + (records.size() + 1) + " is damaged");
        }
        torn = true;
        break;
      }
      records.add(r.get());
      start = end + 1;
    }
    if (records.isEmpty()) return Optional.empty();
    JsonNode head = records.get(0);
    if (head.path("journal").asInt(-1) != FORMAT
        || !head.path("lineage").isTextual()
        || !head.path("base_serial").isIntegralNumber()) {
      throw corrupt(name, "its first record is not a journal header of format " + FORMAT);
    }
    return Optional.of(
        new Contents(
            head.get("lineage").asText(),
            head.get("base_serial").asLong(),
            head.path("tool_version").asText(StateCodec.TOOL_VERSION),
            records.subList(1, records.size()),
            torn));
  }

  /** The record on line [start, end), if the line is whole and its checksum holds. */
  private static Optional<JsonNode> record(byte[] all, int start, int end) {
    int len = end - start;
    if (len < HEAD + 2 || all[end - 1] != '}') return Optional.empty();
    for (int i = 0; i < PREFIX.length; i++)
      if (all[start + i] != PREFIX[i]) return Optional.empty();
    for (int i = 0; i < MIDDLE.length; i++)
      if (all[start + PREFIX.length + 8 + i] != MIDDLE[i]) return Optional.empty();
    String want = new String(all, start + PREFIX.length, 8, StandardCharsets.US_ASCII);
    int from = start + HEAD;
    int to = end - 1;
    if (!crc(all, from, to - from).equals(want)) return Optional.empty();
    try {
      return Optional.of(
          CanonicalJson.parse(new String(all, from, to - from, StandardCharsets.UTF_8)));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /**
   * {@code base} with every step applied in order; each step must raise the serial by exactly one.
   *
   * @throws StateException CORRUPT when a step does not follow from the one before
   */
  static State replay(State base, Contents journal, String name) throws StateException {
    TreeMap<String, ResourceState> resources = new TreeMap<>(base.resources());
    List<PendingIntent> pending = base.pending();
    long serial = base.serial();
    int n = 1;
    for (JsonNode step : journal.steps()) {
      n++;
      try {
        long s = step.path("serial").asLong(-1);
        if (!step.path("serial").isIntegralNumber() || s != serial + 1) {
          throw new IllegalArgumentException(
              "it gives serial " + step.path("serial") + " after serial " + serial);
        }
        Iterator<Map.Entry<String, JsonNode>> puts = step.path("put").properties().iterator();
        while (puts.hasNext()) {
          Map.Entry<String, JsonNode> e = puts.next();
          resources.put(e.getKey(), StateCodec.resource(e.getKey(), e.getValue()));
        }
        for (JsonNode a : step.path("remove")) {
          if (!a.isTextual()) throw new IllegalArgumentException("it removes " + a);
          resources.remove(a.asText());
        }
        pending = StateCodec.intents(step.path("pending"));
        serial = s;
      } catch (RuntimeException e) {
        throw corrupt(name, "record " + n + " is not a valid step: " + e.getMessage());
      }
    }
    return new State(
        base.formatVersion(),
        serial,
        base.lineage(),
        // The version that wrote the steps, as a whole rewrite after each would have recorded.
        journal.steps().isEmpty() ? base.toolVersion() : journal.toolVersion(),
        FrozenMap.adopt(resources),
        pending,
        // Steps never change these: a state that does is written whole (StateStore.append).
        base.configuration(),
        base.released());
  }

  private static StateException corrupt(String name, String why) {
    return new StateException(
        StateException.Kind.CORRUPT,
        name
            + " (the steps of an apply not yet folded into the state) cannot be read: "
            + why
            + ". Nothing was changed. Restore the state from git, or move "
            + name
            + " aside to go on from the state file alone (the next plan then shows what the"
            + " clouds have that it does not).");
  }
}
