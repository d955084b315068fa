package dev.poolform.runtime.event;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.poolform.ir.json.CanonicalJson;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The workspace's own event stream, kept by every apply, destroy and watch: JSON lines in {@code
 * .poolform/events/events.jsonl} beside the configuration. When the file passes {@link #MAX_BYTES}
 * it becomes {@code events.1.jsonl} (the older ones shift up, {@code events.KEEP.jsonl} is
 * dropped), so the stream never grows past about {@code (KEEP + 1) * MAX_BYTES}. Each line is one
 * event with its {@code source} ({@code apply}, {@code destroy}, {@code watch}); writers in several
 * processes append whole lines under a file lock. Events carry what output already shows, never a
 * secret's value.
 */
public final class EventLog {
  public static final long MAX_BYTES = 8L * 1024 * 1024;
  public static final int KEEP = 4;
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * One writer at a time in this JVM: a file lock guards against other processes only, and a second
   * lock on the same file from another thread would throw.
   */
  private static final Object WRITING = new Object();

  private final Path dir;
  private final long maxBytes;
  private volatile Optional<IOException> failure = Optional.empty();

  public EventLog(Path workspaceDirectory) {
    this(workspaceDirectory.resolve(".poolform").resolve("events"), MAX_BYTES);
  }

  EventLog(Path dir, long maxBytes) {
    this.dir = dir;
    this.maxBytes = maxBytes;
  }

  public Path directory() {
    return dir;
  }

  /** Appends one event; a failure is remembered ({@link #failure}), never thrown at the caller. */
  public void append(String source, ObjectNode event) {
    ObjectNode line = event.deepCopy();
    line.put("source", source);
    byte[] bytes = (CanonicalJson.compact(line) + "\n").getBytes(StandardCharsets.UTF_8);
    synchronized (WRITING) {
      write(bytes);
    }
  }

  private void write(byte[] bytes) {
    try {
      Files.createDirectories(dir);
      Path current = dir.resolve("events.jsonl");
      try (FileChannel ch =
              FileChannel.open(
                  current,
                  StandardOpenOption.CREATE,
                  StandardOpenOption.WRITE,
                  StandardOpenOption.APPEND);
          FileLock lock = ch.lock()) {
        ch.write(ByteBuffer.wrap(bytes));
        if (ch.size() >= maxBytes) rotate();
      }
    } catch (IOException | RuntimeException e) {
      // Events are best effort: an apply or a watch never stops for its log.
      failure = Optional.of(e instanceof IOException io ? io : new IOException(e));
    }
  }

  /** An apply listener that appends every step with {@code source}. */
  public ApplyListener listener(String source) {
    return e -> append(source, JsonLinesEventWriter.toJson(e));
  }

  public Optional<IOException> failure() {
    return failure;
  }

  private void rotate() throws IOException {
    Files.deleteIfExists(dir.resolve("events." + KEEP + ".jsonl"));
    for (int i = KEEP - 1; i >= 1; i--) {
      Path from = dir.resolve("events." + i + ".jsonl");
      if (Files.exists(from)) {
        Files.move(
            from, dir.resolve("events." + (i + 1) + ".jsonl"), StandardCopyOption.ATOMIC_MOVE);
      }
    }
    Files.move(
        dir.resolve("events.jsonl"), dir.resolve("events.1.jsonl"), StandardCopyOption.ATOMIC_MOVE);
  }

  /**
   * Events at or after {@code since} about {@code address} (or any, when empty), oldest first. A
   * line that is not a JSON object (a torn write from a killed process) is skipped.
   */
  public List<JsonNode> read(Optional<Instant> since, Optional<String> address) throws IOException {
    List<JsonNode> out = new ArrayList<>();
    for (int i = KEEP; i >= 0; i--) {
      Path f = dir.resolve(i == 0 ? "events.jsonl" : "events." + i + ".jsonl");
      List<String> lines;
      try {
        lines = Files.readAllLines(f, StandardCharsets.UTF_8);
      } catch (NoSuchFileException e) {
        continue;
      }
      for (String l : lines) {
        JsonNode n;
        try {
          n = JSON.readTree(l);
        } catch (IOException e) {
          continue;
        }
        if (n == null || !n.isObject()) continue;
        if (address.isPresent() && !address.get().equals(n.path("address").asText())) continue;
        if (since.isPresent() && instant(n).map(t -> t.isBefore(since.get())).orElse(true))
          continue;
        out.add(n);
      }
    }
    out.sort(Comparator.comparing((JsonNode n) -> instant(n).orElse(Instant.EPOCH)));
    return out;
  }

  private static Optional<Instant> instant(JsonNode n) {
    try {
      return Optional.of(Instant.parse(n.path("time").asText()));
    } catch (java.time.format.DateTimeParseException e) {
      return Optional.empty();
    }
  }
}
