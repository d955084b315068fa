package dev.poolform.compiler.diag.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.poolform.compiler.diag.Code;
import dev.poolform.compiler.diag.Diagnostic;
import dev.poolform.source.SourceFile;
import dev.poolform.source.Span;
import java.util.List;
import org.junit.jupiter.api.Test;

class TextRendererTest {
  private static final SourceFile WEB =
      SourceFile.of(
          "web.pool",
          "cloud local dev {}\n"
              + "pool \"web\" on dev {\n"
              + "  capacity { min = 5  max = 3 }\n"
              + "}\n");

  private static Span span(SourceFile f, String needle) {
    int at = f.text().indexOf(needle);
    return new Span(f, at, at + needle.length());
  }

  @Test
  void rendersHeaderLocationSnippetNoteHelpAndSummary() {
    Diagnostic d =
        Diagnostic.of(
                Code.E0402, span(WEB, "min = 5"), "Capacity `min` (5) is greater than `max` (3).")
            .withNote(span(WEB, "max = 3"), "`max` is set here.")
            .withHelp("Lower `min` or raise `max`.");
    assertThat(TextRenderer.plain().render(List.of(d)))
        .isEqualTo(
            """
            error[E0402]: Capacity `min` (5) is greater than `max` (3).
             --> web.pool:3:14
              |
            3 |   capacity { min = 5  max = 3 }
              |              ^~~~~~~
            note: `max` is set here.
             --> web.pool:3:23
              |
            3 |   capacity { min = 5  max = 3 }
              |                       ^~~~~~~
            help: Lower `min` or raise `max`.

            error: 1 error
            """);
  }

  @Test
  void summaryCountsErrorsAndWarnings() {
    Diagnostic e = Diagnostic.of(Code.E0201, span(WEB, "dev {"), "Unknown name.");
    Diagnostic w = Diagnostic.of(Code.W0501, span(WEB, "cloud"), "Unused.");
    TextRenderer r = TextRenderer.plain();
    assertThat(r.summary(List.of(e, e, w))).isEqualTo("error: 2 errors, 1 warning");
    assertThat(r.summary(List.of(w, w))).isEqualTo("warning: 2 warnings");
    assertThat(r.summary(List.of())).isEmpty();
    assertThat(r.render(List.of())).isEmpty();
    assertThat(r.render(List.of(w)))
        .startsWith("warning[W0501]: Unused.\n")
        .endsWith("\nwarning: 1 warning\n");
  }

  @Test
  void multiLineSpanIsUnderlinedToEndOfFirstLine() {
    int start = WEB.text().indexOf("pool");
    Diagnostic d = Diagnostic.of(Code.E0303, new Span(WEB, start, WEB.text().length()), "Missing.");
    assertThat(TextRenderer.plain().render(d))
        .contains("2 | pool \"web\" on dev {\n  | ^~~~~~~~~~~~~~~~~~~\n");
  }

  @Test
  void emptySpanAtEndOfFileGetsOneCaret() {
    SourceFile f = SourceFile.of("a.pool", "pool \"x\" on dev {");
    int end = f.text().length();
    Diagnostic d = Diagnostic.of(Code.E0101, new Span(f, end, end), "Expected `}`.");
    assertThat(TextRenderer.plain().render(d))
        .isEqualTo(
            """
            error[E0101]: Expected `}`.
             --> a.pool:1:18
              |
            1 | pool "x" on dev {
              |                  ^
            """);
  }

  @Test
  void gutterWidensForLargeLineNumbersAndAlignsNotes() {
    SourceFile f = SourceFile.of("big.pool", "x\n".repeat(120) + "let a = 1\n");
    Diagnostic d =
        Diagnostic.of(Code.E0202, span(f, "let a"), "Duplicate.")
            .withNote(new Span(f, 0, 1), "First.");
    String out = TextRenderer.plain().render(d);
    assertThat(out).contains("   --> big.pool:121:1\n    |\n121 | let a = 1\n    | ^~~~~\n");
    assertThat(out).contains("note: First.\n   --> big.pool:1:1\n    |\n  1 | x\n    | ^\n");
  }

  @Test
  void tabsAndControlCharactersKeepTheUnderlineAligned() {
    SourceFile f = SourceFile.of("t.pool", "\tlet\u0007 a = 1\n");
    Diagnostic d = Diagnostic.of(Code.E0105, span(f, "\u0007"), "Invalid character.");
    assertThat(TextRenderer.plain().render(d)).contains("1 |     let? a = 1\n  |        ^\n");
  }

  @Test
  void hugeLinesAreCutToAWindowAroundTheSpan() {
    String line = "a".repeat(50_000) + "BAD" + "b".repeat(50_000);
    SourceFile f = SourceFile.of("h.pool", line);
    Diagnostic d = Diagnostic.of(Code.E0105, span(f, "BAD"), "Bad.");
    String out = TextRenderer.plain().render(d);
    String[] lines = out.lines().toArray(String[]::new);
    assertThat(lines[3])
        .startsWith("1 | ...")
        .endsWith("...")
        .hasSizeLessThan(Snippet.MAX_WIDTH + 20);
    int col = lines[3].indexOf("BAD");
    assertThat(lines[4].indexOf('^')).isEqualTo(col);
    assertThat(lines[4]).endsWith("^~~");
  }

  @Test
  void messagesStayOnOneLine() {
    Diagnostic d = Diagnostic.of(Code.E0101, span(WEB, "cloud"), "Two\nlines.").withHelp("a\r\nb");
    assertThat(TextRenderer.plain().render(d))
        .startsWith("error[E0101]: Two lines.\n")
        .endsWith("help: a b\n");
  }

  @Test
  void colourOnlyWhenAsked() {
    Diagnostic d =
        Diagnostic.of(Code.E0201, span(WEB, "dev {"), "Unknown name.").withHelp("Fix it.");
    assertThat(TextRenderer.plain().render(List.of(d))).doesNotContain("\u001b[");
    String coloured = new TextRenderer(Style.ANSI).render(List.of(d));
    assertThat(coloured)
        .contains("\u001b[1;31merror[E0201]\u001b[0m")
        .contains("\u001b[1;36mhelp\u001b[0m");
    assertThat(coloured.replaceAll("\u001b\\[[0-9;]*m", ""))
        .isEqualTo(TextRenderer.plain().render(List.of(d)));
  }

  @Test
  void aLimitShowsTheFirstDiagnosticsAndCountsTheRest() {
    Diagnostic e = Diagnostic.of(Code.E0201, span(WEB, "dev {"), "Unknown name.");
    String out = TextRenderer.plain().render(List.of(e, e, e), 1);
    assertThat(out.split("error\\[E0201\\]", -1)).hasSize(2);
    assertThat(out).endsWith("note: 2 more diagnostics are not shown.\n\nerror: 3 errors\n");
    assertThat(TextRenderer.plain().render(List.of(e), 1))
        .isEqualTo(TextRenderer.plain().render(List.of(e)));
  }
}
