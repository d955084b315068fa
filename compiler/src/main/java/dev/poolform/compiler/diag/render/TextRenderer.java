package dev.poolform.compiler.diag.render;

import dev.poolform.compiler.diag.Diagnostic;
import dev.poolform.compiler.diag.Note;
import dev.poolform.compiler.diag.Severity;
import dev.poolform.source.Span;
import java.util.ArrayList;
import java.util.List;

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
    List<Span> spans = new ArrayList<>();
    spans.add(d.span());
    d.notes().forEach(n -> spans.add(n.span()));
    int gutter =
        spans.stream()
            .mapToInt(s -> Integer.toString(Snippet.of(s).line()).length())
            .max()
            .orElse(1);

    StringBuilder sb = new StringBuilder();
    sb.append(style.severity(d.severity(), d.severity().label() + "[" + d.code().name() + "]"))
        .append(style.bold(": " + oneLine(d.message())))
        .append('\n');
    location(sb, d.span(), gutter, u -> style.severity(d.severity(), u));
    for (Note n : d.notes()) {
      sb.append(style.note("note")).append(": ").append(oneLine(n.message())).append('\n');
      location(sb, n.span(), gutter, style::note);
    }
    d.help()
        .ifPresent(h -> sb.append(style.help("help")).append(": ").append(oneLine(h)).append('\n'));
    return sb.toString();
  }

  /** {@code error: 2 errors, 1 warning}, {@code warning: 1 warning}; empty without diagnostics. */
  public String summary(List<Diagnostic> diagnostics) {
    long errors = diagnostics.stream().filter(Diagnostic::isError).count();
    long warnings = diagnostics.size() - errors;
    if (errors == 0 && warnings == 0) return "";
    List<String> parts = new ArrayList<>();
    if (errors > 0) parts.add(count(errors, "error"));
    if (warnings > 0) parts.add(count(warnings, "warning"));
    Severity worst = errors > 0 ? Severity.ERROR : Severity.WARNING;
    return style.severity(worst, worst.label()) + ": " + String.join(", ", parts);
  }

  private void location(
      StringBuilder sb, Span span, int gutter, java.util.function.UnaryOperator<String> paint) {
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
    String number = String.format("%" + gutter + "d", snip.line());
    sb.append(style.frame(number + " |"));
    if (!snip.text().isEmpty()) sb.append(' ').append(snip.text());
    sb.append('\n');
    sb.append(pad)
        .append(' ')
        .append(style.frame("|"))
        .append(' ')
        .append(" ".repeat(snip.underlineStart()))
        .append(paint.apply("^" + "~".repeat(snip.underlineLength() - 1)))
        .append('\n');
  }

  private static String count(long n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
  }

  /** Messages are one sentence; a stray newline must not break the layout. */
  private static String oneLine(String s) {
    return s.replace("\r\n", " ").replace('\n', ' ').replace('\r', ' ');
  }
}
