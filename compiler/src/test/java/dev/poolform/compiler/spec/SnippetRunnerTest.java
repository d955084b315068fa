package dev.poolform.compiler.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.AssertionFailedError;

/** The snippet runner itself: it reads what a snippet says and fails on every difference. */
class SnippetRunnerTest {
  @TempDir Path dir;

  static final String POOL =
      "cloud local dev {}\n"
          + "pool \"web\" on dev {\n"
          + "  machine { size = \"s\" image = \"i\" }\n";

  private List<Snippet> load(String text) throws IOException {
    Path f = dir.resolve("case.pool");
    Files.writeString(f, text);
    return Snippet.load(f);
  }

  private void passes(String text) throws IOException {
    for (Snippet s : load(text)) SpecSnippetTest.check(s, false);
  }

  private void failsWith(String text, String... problems) throws IOException {
    Snippet s = load(text).get(0);
    assertThatThrownBy(() -> SpecSnippetTest.check(s, false))
        .isInstanceOf(AssertionFailedError.class)
        .message()
        .contains(problems);
  }

  @Test
  void snippetsKeepTheFilesLineNumbers() throws IOException {
    List<Snippet> s = load("let a = 1\n---\n# expect: W0501 at 4:5\nlet b = 2\n");
    assertThat(s).extracting(Snippet::firstLine).containsExactly(1, 3);
    assertThat(s.get(1).text()).isEqualTo("\n\n# expect: W0501 at 4:5\nlet b = 2\n");
    assertThat(s.get(1).expectations())
        .singleElement()
        .satisfies(e -> assertThat(e.describe()).isEqualTo("W0501 at 4:5"));
    assertThat(s.get(0).expectations()).isEmpty();
  }

  @Test
  void anExpectationAndItsClauses() throws IOException {
    Expectation e =
        load("# expect: E0202 at 5:5 message \"twice\"\n#   note at 4:5 \"first \\\"here\\\"\"\n"
                + "#   help \"Rename\" span \"a\"\n# an ordinary comment\n")
            .get(0)
            .expectations()
            .get(0);
    assertThat(e.message()).contains("twice");
    assertThat(e.help()).contains("Rename");
    assertThat(e.span()).contains("a");
    assertThat(e.notes())
        .containsExactly(
            new Expectation.NoteExpectation(4, 5, java.util.Optional.of("first \"here\"")));
  }

  @Test
  void malformedExpectationsAreErrorsNotComments() {
    assertThatThrownBy(() -> load("# expect: E9999 at 1:1\n")).hasMessageContaining("unknown code");
    assertThatThrownBy(() -> load("# expect: E0201 on 1:1\n")).hasMessageContaining("`at`");
    assertThatThrownBy(() -> load("# expect: E0201 at 1\n")).hasMessageContaining("LINE:COLUMN");
    assertThatThrownBy(() -> load("# expect: E0201 at 1:1 colour \"red\"\n"))
        .hasMessageContaining("case.pool:1: unknown clause `colour`");
    assertThatThrownBy(() -> load("# expect: E0201 at 1:1 message \"open\n"))
        .hasMessageContaining("unclosed quote");
  }

  /** {@link #POOL} (whose pool lacks `capacity`: E0303 at 3:6) under an expectation. */
  private static String expecting(String expectation) {
    return "# expect: " + expectation + "\n" + POOL + "}\n";
  }

  @Test
  void aMatchingSnippetPasses() throws IOException {
    passes(expecting("E0303 at 3:6 message \"capacity\""));
    passes("cloud local dev {}\nlet unused = 1 # expect: W0501 at 2:5 message \"never used\"\n");
  }

  @Test
  void aMissingOrUnexpectedDiagnosticFails() throws IOException {
    failsWith(POOL + "}\n", "unexpected E0303 at 2:6");
    failsWith("cloud local dev {}\n# expect: W0501 at 3:5\n", "missing W0501 at 3:5");
    failsWith(expecting("E0303 at 3:7"), "missing E0303 at 3:7", "unexpected E0303 at 3:6");
    failsWith(expecting("E0302 at 3:6"), "missing E0302 at 3:6", "unexpected E0303 at 3:6");
  }

  @Test
  void clausesThatDoNotHoldFail() throws IOException {
    failsWith(expecting("E0303 at 3:6 message \"nope\""), "lacks `nope`");
    failsWith(expecting("E0303 at 3:6 help \"nope\""), "help");
    failsWith(expecting("E0303 at 3:6 span \"web\""), "underlines `\"web\"`, not `web`");
    failsWith(expecting("E0303 at 3:6 note at 1:1"), "no note at 1:1");
  }

  @Test
  void anExpectationBelowItsLineFails() throws IOException {
    failsWith(POOL + "}\n# expect: E0303 at 2:6\n", "points above itself");
  }

  @Test
  void anErrorExpectedMeansNoIrAndNoneExpectedMeansACleanCompile() throws IOException {
    failsWith("let a = 1\n", "unexpected W0501");
    passes("cloud local dev {}\n");
  }
}
