package dev.poolform.cli.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UnifiedDiffTest {
  @Test
  void equalTextsHaveNoDiff() {
    assertThat(UnifiedDiff.diff("a", "b", "x\n", "x\n")).isEmpty();
  }

  @Test
  void oneChangedLineWithContext() {
    String a = "1\n2\n3\n4\n5\n6\n7\n8\n9\n";
    String b = "1\n2\n3\n4\nfive\n6\n7\n8\n9\n";
    assertThat(UnifiedDiff.diff("a/x.pool", "b/x.pool", a, b))
        .isEqualTo(
            """
            --- a/x.pool
            +++ b/x.pool
            @@ -2,7 +2,7 @@
             2
             3
             4
            -5
            +five
             6
             7
             8
            """);
  }

  @Test
  void distantChangesMakeSeparateHunksAndCloseOnesMerge() {
    StringBuilder a = new StringBuilder();
    for (int i = 1; i <= 30; i++) a.append(i).append('\n');
    String b =
        a.toString()
            .replace("\n2\n", "\ntwo\n")
            .replace("\n25\n", "\n")
            .replace("\n5\n", "\nfive\n");
    String d = UnifiedDiff.diff("a", "b", a.toString(), b);
    assertThat(d.lines().filter(l -> l.startsWith("@@")))
        .containsExactly("@@ -1,8 +1,8 @@", "@@ -22,7 +22,6 @@");
  }

  @Test
  void insertionIntoEmptyAndMissingFinalNewline() {
    assertThat(UnifiedDiff.diff("a", "b", "", "x\n"))
        .isEqualTo("--- a\n+++ b\n@@ -0,0 +1 @@\n+x\n");
    assertThat(UnifiedDiff.diff("a", "b", "x", "x\n"))
        .isEqualTo("--- a\n+++ b\n@@ -1 +1 @@\n-x\n\\ No newline at end of file\n+x\n");
  }

  @Test
  void hugeWhollyDifferentTextsStillDiff() {
    String a = "a\n".repeat(5000);
    String b = "b\n".repeat(5000);
    String d = UnifiedDiff.diff("a", "b", a, b);
    assertThat(d).startsWith("--- a\n+++ b\n@@ -1,5000 +1,5000 @@\n");
  }
}
