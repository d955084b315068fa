package dev.poolform.lsp.workspace;

import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The buffers the editor has open, by path: their text wins over the file on disk (an unsaved edit
 * is what the user sees, so it is what the compiler reads). Safe to use from any thread.
 */
public final class Documents {
  /**
   * One open buffer.
   *
   * @param uri as the client wrote it (clients compare URIs as text, so answers reuse it)
   * @param path the file it shows, absolute and normalised
   * @param version the client's version number, raised on every change
   */
  public record Document(String uri, Path path, int version, String text) {}

  private final Map<Path, Document> open = new ConcurrentHashMap<>();

  /** The path of a {@code file:} URI, absolute and normalised; empty for any other scheme. */
  public static Optional<Path> pathOf(String uri) {
    try {
      URI u = URI.create(uri);
      if (!"file".equalsIgnoreCase(u.getScheme())) return Optional.empty();
      return Optional.of(Path.of(u).toAbsolutePath().normalize());
    } catch (IllegalArgumentException | java.nio.file.FileSystemNotFoundException e) {
      return Optional.empty();
    }
  }

  /** Opens or replaces a buffer. */
  public Optional<Document> put(String uri, int version, String text) {
    return pathOf(uri)
        .map(
            p -> {
              Document d = new Document(uri, p, version, text);
              open.put(p, d);
              return d;
            });
  }

  public void close(String uri) {
    pathOf(uri).ifPresent(open::remove);
  }

  public Optional<Document> get(String uri) {
    return pathOf(uri).map(open::get);
  }

  public Optional<Document> at(Path path) {
    return Optional.ofNullable(open.get(path));
  }

  /** Every open buffer's text by path: what the compiler reads instead of the disk. */
  public Map<Path, String> overlay() {
    return overlay(snapshot());
  }

  /**
   * Every open buffer as it is now. A compile reads these texts and publishes under these versions,
   * so an edit that arrives meanwhile is never announced with diagnostics of the text before it.
   */
  public Map<Path, Document> snapshot() {
    return Map.copyOf(open);
  }

  /** The texts of {@code buffers} by path. */
  public static Map<Path, String> overlay(Map<Path, Document> buffers) {
    Map<Path, String> out = new java.util.HashMap<>();
    buffers.forEach((p, d) -> out.put(p, d.text()));
    return out;
  }

  public java.util.Collection<Document> all() {
    return open.values();
  }
}
