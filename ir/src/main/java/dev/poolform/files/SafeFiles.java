package dev.poolform.files;

import java.io.FileInputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/** Bounded, regular-file-only reads and failure reasons in words. */
public final class SafeFiles {
  private SafeFiles() {}

  /**
   * A file refused before or while reading it; the message is the reason ("it is a directory", "it
   * is larger than 32 MiB"), to follow "Cannot read X: ".
   */
  public static final class Refused extends IOException {
    private static final long serialVersionUID = 1L;

    public Refused(String reason) {
      super(reason);
    }
  }

  /**
   * Reads {@code path} (following symbolic links) if it is a regular file of at most {@code
   * maxBytes}. Anything else is refused without being opened: opening a FIFO blocks until a writer
   * comes, and a device such as {@code /dev/zero} never ends. The size is checked again while
   * reading, for a file that grows in between.
   *
   * @throws Refused not a regular file, or too large
   * @throws IOException the file system's own failure ({@link #reason} words it)
   */
  public static byte[] readRegular(Path path, long maxBytes) throws IOException {
    BasicFileAttributes a = Files.readAttributes(path, BasicFileAttributes.class);
    refuseIrregular(a);
    if (a.size() > maxBytes) throw tooLarge(maxBytes);
    try (InputStream in = open(path)) {
      byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
      if (bytes.length > maxBytes) throw tooLarge(maxBytes);
      return bytes;
    }
  }

  /**
   * A plain {@link FileInputStream}: {@code Files.newInputStream} reads through a {@code
   * FileChannel}, whose classes and direct buffers (about 35 classes) a cold {@code validate} would
   * load and initialise for nothing (docs/BENCHMARKS.md). When the open fails (permission denied,
   * or the file went away since its attributes were read), {@code Files} opens it again so that the
   * failure is the typed exception {@link #reason} words.
   */
  private static InputStream open(Path path) throws IOException {
    // A path of another file system (a zip's, an in-memory one) has no java.io.File.
    if (path.getFileSystem() != FileSystems.getDefault()) return Files.newInputStream(path);
    try {
      return new FileInputStream(path.toFile());
    } catch (FileNotFoundException e) {
      return Files.newInputStream(path);
    }
  }

  /** Refuses {@code path} unless it is a regular file (following symbolic links); opens nothing. */
  public static void requireRegular(Path path) throws IOException {
    refuseIrregular(Files.readAttributes(path, BasicFileAttributes.class));
  }

  /**
   * Where {@code path} leads: itself, or the file its chain of symbolic links ends at, which need
   * not exist yet (a dangling link names the file to create). A writer that replaces a file by
   * renaming a temporary one over it must rename over this path: renaming over the link would
   * replace the link with a regular file and leave its target stale.
   *
   * @throws IOException a loop of links, or a link that cannot be read
   */
  public static Path followLinks(Path path) throws IOException {
    Path p = path.toAbsolutePath().normalize();
    for (int hops = 0; isLink(p); hops++) {
      if (hops >= MAX_LINKS) throw new FileSystemLoopException(path.toString());
      Path to = Files.readSymbolicLink(p);
      p = p.resolveSibling(to).normalize();
    }
    return p;
  }

  /** As many links as Linux follows in one path lookup. */
  private static final int MAX_LINKS = 40;

  /** True if {@code path} itself (not what it points to) is a symbolic link. */
  public static boolean isLink(Path path) {
    try {
      return Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS)
          .isSymbolicLink();
    } catch (IOException e) {
      return false;
    }
  }

  private static void refuseIrregular(BasicFileAttributes a) throws Refused {
    if (a.isRegularFile()) return;
    if (a.isDirectory()) throw new Refused("it is a directory");
    throw new Refused("it is not a regular file (a FIFO, socket or device)");
  }

  private static Refused tooLarge(long maxBytes) {
    return new Refused("it is larger than " + size(maxBytes));
  }

  /** {@code 32 MiB}, {@code 1 KiB}, {@code 100 bytes}. */
  static String size(long bytes) {
    if (bytes >= 1L << 20 && bytes % (1L << 20) == 0) return (bytes >> 20) + " MiB";
    if (bytes >= 1L << 10 && bytes % (1L << 10) == 0) return (bytes >> 10) + " KiB";
    return bytes + " bytes";
  }

  /**
   * Decodes UTF-8 strictly; a leading byte order mark is dropped.
   *
   * @throws Refused naming the offset of the first byte that is not UTF-8
   */
  public static String utf8(byte[] bytes) throws Refused {
    try {
      String s =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes))
              .toString();
      return s.startsWith("\uFEFF") ? s.substring(1) : s;
    } catch (CharacterCodingException e) {
      int at = firstInvalid(bytes);
      throw new Refused(
          "it is not UTF-8 text (byte 0x"
              + String.format("%02X", bytes[at] & 0xff)
              + " at offset "
              + at
              + ")");
    }
  }

  /** The offset of the first byte that does not start or continue a valid UTF-8 sequence. */
  static int firstInvalid(byte[] b) {
    int i = 0;
    while (i < b.length) {
      int c = b[i] & 0xff;
      int n;
      int min;
      if (c < 0x80) {
        i++;
        continue;
      } else if (c >= 0xc2 && c <= 0xdf) {
        n = 1;
        min = 0x80;
      } else if (c >= 0xe0 && c <= 0xef) {
        n = 2;
        min = 0x800;
      } else if (c >= 0xf0 && c <= 0xf4) {
        n = 3;
        min = 0x10000;
      } else {
        return i;
      }
      if (i + n >= b.length) return i; // the sequence is cut off
      int cp = c & (0x3f >> n);
      for (int k = 1; k <= n; k++) {
        int cc = b[i + k] & 0xff;
        if ((cc & 0xc0) != 0x80) return i;
        cp = (cp << 6) | (cc & 0x3f);
      }
      if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
      i += n + 1;
    }
    return Math.max(0, b.length - 1);
  }

  /**
   * Why an I/O operation failed, in words to follow "Cannot read X: ": never just the path again,
   * which is all a {@link NoSuchFileException}'s message holds.
   */
  public static String reason(IOException e) {
    if (e instanceof Refused) return e.getMessage();
    if (e instanceof NoSuchFileException) return "no such file";
    if (e instanceof AccessDeniedException) return "permission denied";
    if (e instanceof NotDirectoryException) return "a part of the path is not a directory";
    if (e instanceof FileSystemLoopException) return "a loop of symbolic links";
    if (e instanceof FileSystemException f && f.getReason() != null) {
      return lowerFirst(f.getReason());
    }
    if (e instanceof FileSystemException) return e.getClass().getSimpleName();
    String m = e.getMessage();
    return m == null || m.isBlank() ? e.getClass().getSimpleName() : lowerFirst(m);
  }

  private static String lowerFirst(String s) {
    if (s.length() > 1 && Character.isUpperCase(s.charAt(0)) && !Character.isUpperCase(s.charAt(1)))
      return Character.toLowerCase(s.charAt(0)) + s.substring(1);
    return s;
  }
}
