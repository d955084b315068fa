package dev.poolform.testing.golden;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.AssertionFailedError;

class GoldenFileTest {
  @TempDir Path dir;

  @BeforeEach
  void notUpdating() {
    assumeFalse(GoldenFile.UPDATE, "-Dgolden.update=true rewrites instead of comparing");
  }

  @Test
  void equalTextPasses() throws Exception {
    Path f = Files.writeString(dir.resolve("case.out"), "same\n");
    GoldenFile.check(f, "same\n");
  }

  @Test
  void differentTextFailsWithBothSidesAndLeavesTheFile() throws Exception {
    Path f = Files.writeString(dir.resolve("case.out"), "want\n");
    assertThatThrownBy(() -> GoldenFile.check(f, "got\n"))
        .isInstanceOf(AssertionFailedError.class)
        .hasMessageContaining("differs from " + f)
        .hasMessageContaining("-Dgolden.update=true")
        .satisfies(
            e -> {
              AssertionFailedError a = (AssertionFailedError) e;
              assertThat(a.getExpected().getValue()).isEqualTo("want\n");
              assertThat(a.getActual().getValue()).isEqualTo("got\n");
            });
    assertThat(Files.readString(f)).isEqualTo("want\n");
  }

  @Test
  void aMissingFileIsWrittenAndFails() throws Exception {
    Path f = dir.resolve("new/case.err");
    assertThatThrownBy(() -> GoldenFile.check(f, "text\n"))
        .isInstanceOf(AssertionFailedError.class)
        .hasMessageContaining("wrote missing golden file");
    assertThat(Files.readString(f)).isEqualTo("text\n");
  }
}
