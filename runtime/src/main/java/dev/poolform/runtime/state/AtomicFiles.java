package dev.poolform.runtime.state;

import dev.poolform.files.SafeFiles;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Crash-safe file replacement: write a temp file in the same directory, fsync it, rename it over
 * the target atomically, fsync the directory. A reader sees the old bytes or the new, never a mix.
 *
 * <p>A target that is a symbolic link is written through: the temporary file is made beside the
 * file the link names and renamed over it, so the link stays and what it points to is updated
 * (renaming over the link itself would replace it with a regular file and leave its target stale).
 */
public final class AtomicFiles {
  private AtomicFiles() {}

  public static void write(Path target, byte[] bytes) throws IOException {
    write(target, bytes, true);
  }

  /**
   * Replaces {@code target} atomically; {@code durable} adds the fsyncs. Copies that can be rebuilt
   * (the backup, the seen record) skip them: a crash may lose such a copy, never tear it.
   */
  public static void write(Path link, byte[] bytes, boolean durable) throws IOException {
    Path target = SafeFiles.followLinks(link);
    Path dir = target.getParent();
    Files.createDirectories(dir);
    Path tmp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp");
    try {
      try (FileChannel ch =
          FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
        ByteBuffer buf = ByteBuffer.wrap(bytes);
        while (buf.hasRemaining()) ch.write(buf);
        if (durable) ch.force(true);
      }
      try {
        Files.move(
            tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
      }
      if (durable) syncDirectory(dir);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /** Makes a rename durable; some platforms cannot open a directory, which is then skipped. */
  public static void syncDirectory(Path dir) {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException | UnsupportedOperationException e) {
      // Windows cannot fsync a directory; the rename is still atomic there.
    }
  }
}
