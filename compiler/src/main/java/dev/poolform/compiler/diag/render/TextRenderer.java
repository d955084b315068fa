package dev.poolform.compiler.diag.render;

import dev.poolform.compiler.diag.Diagnostic;
import dev.poolform.compiler.diag.Note;
import dev.poolform.compiler.diag.Severity;
import dev.poolform.source.Span;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Diagnostics as people read them, in the style of rustc and clang:
 *
 * <pre>
 * error[E0402]: Capacity `min` (5) is greater than `max` (3).
 *  --&gt; web.pool:7:14
 *   |
 * 7 |   capacity { min = 5  max = 3 }
 *   |              ^~~~~~~
 * note: `max` is set here.
 *  --&gt; web.pool:7:23
 *   |
 * 7 |   capacity { min = 5  max = 3 }
 *   |                       ^~~~~~~
 * help: Lower `min` or raise `max`.
 *
 * error: 1 error
 * </pre>
 *
 * Multi-line spans are underlined on their first line. Output always ends with a newline.
 */
public final class TextRenderer {
  private final Style style;

  public TextRenderer(Style style) {
    this.style = style;
  }

  /** Without colour: what golden files and pipes get. */
  public static TextRenderer plain() {
    return new TextRenderer(Style.PLAIN);
  }

  /**
   * Every diagnostic, a blank line between them, then a summary line; the empty string when there
   * is nothing to say.
   */
  public String render(List<Diagnostic> diagnostics) {
    return render(diagnostics, Integer.MAX_VALUE);
  }

  /**
   * Like {@link #render(List)}, but shows at most {@code limit} diagnostics and says how many more
   * there are: a generated file with a hundred thousand duplicates should not print a hundred
   * thousand snippets. The summary still counts all of them.
   */
  public String render(List<Diagnostic> diagnostics, int limit) {
    if (diagnostics.isEmpty()) return "";
    StringBuilder sb = new StringBuilder();
    int shown = Math.min(limit, diagnostics.size());
    for (Diagnostic d : diagnostics.subList(0, shown)) {
      sb.append(render(d)).append('\n');
    }
    int hidden = diagnostics.size() - shown;
    if (hidden > 0) {
      sb.append(style.note("note"))
          .append(": ")
          .append(hidden)
          .append(hidden == 1 ? " more diagnostic is" : " more diagnostics are")
          .append(" not shown.\n\n");
    }
    sb.append(summary(diagnostics)).append('\n');
    return sb.toString();
  }

  /** One diagnostic with its snippet, notes and help; ends with a newline. */
  public String render(Diagnostic d) {
    // Plain loops, no lambda, stream or String.format: a file with a warning is still valid, and
    // the first lambda, stream or Formatter costs a cold `pool validate` more than all of this
    // (docs/BENCHMARKS.md#cold-start-fewer-jdk-classes-2026-12-05-2335-0025-utc).
    int gutter = digits(Snippet.of(d.span()).line());
    for (Note n : d.notes()) gutter = Math.max(gutter, digits(Snippet.of(n.span()).line()));

    StringBuilder sb = new StringBuilder();
    sb.append(style.severity(d.severity(), d.severity().label() + "[" + d.code().name() + "]"))
        .append(style.bold(": " + oneLine(d.message())))
        .append('\n');
    location(sb, d.span(), gutter, d.severity());
    for (Note n : d.notes()) {
      sb.append(style.note("note")).append(": ").append(oneLine(n.message())).append('\n');
      location(sb, n.span(), gutter, null);
    }
    Optional<String> help = d.help();
    if (help.isPresent())
      sb.append(style.help("help")).append(": ").append(oneLine(help.get())).append('\n');
    return sb.toString();
  }

  /** {@code error: 2 errors, 1 warning}, {@code warning: 1 warning}; empty without diagnostics. */
  public String summary(List<Diagnostic> diagnostics) {
    long errors = 0;
    for (Diagnostic d : diagnostics) if (d.isError()) errors++;
    long warnings = diagnostics.size() - errors;
    if (errors == 0 && warnings == 0) return "";
    List<String> parts = new ArrayList<>();
    if (errors > 0) parts.add(count(errors, "error"));
    if (warnings > 0) parts.add(count(warnings, "warning"));
    Severity worst = errors > 0 ? Severity.ERROR : Severity.WARNING;
    return style.severity(worst, worst.label()) + ": " + String.join(", ", parts);
  }

  /**
   * The location line and the snippet of {@code span}, its underline in the colour of {@code
   * severity}, or of a note when that is null.
   */
  private void location(StringBuilder sb, Span span, int gutter, Severity severity) {
    Snippet snip = Snippet.of(span);
    String pad = " ".repeat(gutter);
    sb.append(pad)
        .append(style.frame("--> "))
        .append(span.file().displayPath())
        .append(':')
        .append(span.line())
        .append(':')
        .append(span.column())
        .append('\n');
    sb.append(pad).append(' ').append(style.frame("|")).append('\n');
    String line = Integer.toString(snip.line());
    String number = " ".repeat(Math.max(0, gutter - line.length())) + line;
    sb.append(style.frame(number + " |"));
    if (!snip.text().isEmpty()) sb.append(' ').append(snip.text());
    sb.append('\n');
    String underline = "^" + "~".repeat(snip.underlineLength() - 1);
    sb.append(pad)
        .append(' ')
        .append(style.frame("|"))
        .append(' ')
        .append(" ".repeat(snip.underlineStart()))
        .append(severity == null ? style.note(underline) : style.severity(severity, underline))
        .append('\n');
  }

  /** How many columns a line number takes. */
  private static int digits(int line) {
    return Integer.toString(line).length();
  }

  private static String count(long n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
  }

  /** Messages are one sentence; a stray newline must not break the layout. */
  private static String oneLine(String s) {
    return s.replace("\r\n", " ").replace('\n', ' ').replace('\r', ' ');
  }
}
