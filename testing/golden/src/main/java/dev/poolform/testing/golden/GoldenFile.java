package dev.poolform.testing.golden;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One expected file of a golden test (compiler, CAPI and examples goldens alike). {@code
 * -Dgolden.update=true} rewrites it; a missing one is written and the test fails, so every new
 * expectation is reviewed before it is committed.
 */
public final class GoldenFile {
  private GoldenFile() {}

  public static final boolean UPDATE = Boolean.getBoolean("golden.update");

  /** Compares {@code actual} with {@code expected}, or (re)writes it as described above. */
  public static void check(Path expected, String actual) {
    boolean exists = Files.exists(expected);
    if (UPDATE || !exists) {
      try {
        Files.createDirectories(expected.toAbsolutePath().getParent());
        Files.writeString(expected, actual, StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      if (!exists && !UPDATE)
        fail("wrote missing golden file " + expected + "; review and commit it");
      return;
    }
    String want;
    try {
      want = Files.readString(expected, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    assertEquals(
        want, actual, () -> "differs from " + expected + " (-Dgolden.update=true rewrites it)");
  }
}
