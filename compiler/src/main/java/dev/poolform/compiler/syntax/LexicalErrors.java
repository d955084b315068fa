package dev.poolform.compiler.syntax;

import static dev.poolform.grammar.PoolLexer.*;

import dev.poolform.compiler.diag.Code;
import dev.poolform.compiler.diag.Diagnostic;
import dev.poolform.compiler.syntax.lexer.Unterminated;
import dev.poolform.source.Span;
import java.util.List;
import org.antlr.v4.runtime.Token;

/**
 * Turns the lexer's error tokens into diagnostics: E0105 invalid character, E0104 malformed
 * literal, E0102 unterminated string, heredoc or block comment. The parser accepts these tokens
 * quietly, so each problem is reported once, here.
 */
final class LexicalErrors {
  private LexicalErrors() {}

  static void report(
      List<Token> tokens, List<Unterminated> open, Offsets offsets, SyntaxReporter reporter) {
    String text = offsets.file().text();
    for (Unterminated u : open) {
      if (u.atEof()) reporter.markUnterminatedAtEof();
    }
    for (Token t : tokens) {
      if (t.getType() == UNTERMINATED_COMMENT) reporter.markUnterminatedAtEof();
    }
    // In source order, so that the error cap keeps the first ones.
    int next = 0;
    for (Token t : tokens) {
      // A file of a million stray characters must not cost a million messages nobody sees.
      if (reporter.capped()) return;
      while (next < open.size() && open.get(next).start() <= t.getStartIndex()) {
        reportUnterminated(open.get(next++), offsets, text, reporter);
      }
      switch (t.getType()) {
        case ERROR_CHAR:
          reporter.report(Code.E0105, offsets.span(t), invalidCharacter(t.getText()));
          break;
        case BAD_NUMBER:
          reporter.report(
              Diagnostic.of(Code.E0104, offsets.span(t), "Malformed literal `" + t.getText() + "`.")
                  .withHelp(
                      "Numbers look like `42`, `0.05` or `1e3`; durations `500ms`, `30s`, `1h30m`;"
                          + " sizes `512MiB` or `2GB`; percentages `25%`."));
          break;
        case UNTERMINATED_COMMENT:
          reporter.report(
              Code.E0102,
              offsets.span(t.getStartIndex(), t.getStartIndex() + 1),
              "Unterminated block comment: `/*` has no closing `*/`.");
          break;
        default:
          break;
      }
    }
    while (next < open.size()) reportUnterminated(open.get(next++), offsets, text, reporter);
  }

  private static void reportUnterminated(
      Unterminated u, Offsets offsets, String text, SyntaxReporter reporter) {
    if (u.heredoc()) {
      Span span = offsets.span(u.start(), u.stop());
      String marker = span.text().replaceFirst("^<<-?", "").strip();
      reporter.report(
          Code.E0102,
          span,
          "Unterminated heredoc: no line `" + marker + "` closes it before the end of the file.");
    } else {
      Span quote = offsets.span(u.start(), u.start());
      int eol = text.indexOf('\n', quote.start());
      if (eol < 0) eol = text.length();
      if (eol > quote.start() && text.charAt(eol - 1) == '\r') eol--;
      Span span = new Span(quote.file(), quote.start(), Math.max(quote.end(), eol));
      reporter.report(
          Code.E0102, span, "Unterminated string: add a closing `\"` before the end of the line.");
    }
  }

  private static String invalidCharacter(String s) {
    int cp = s.isEmpty() ? 0 : s.codePointAt(0);
    if (cp == '$') {
      return "Invalid character `$`: interpolation `${...}` is only allowed inside strings.";
    }
    String code = String.format("U+%04X", cp);
    if (cp < 0x20 || cp == 0x7f) return "Invalid control character " + code + ".";
    if (cp > 0x7f) {
      return "Invalid character `"
          + s
          + "` ("
          + code
          + "): outside strings and comments only"
          + " ASCII is allowed.";
    }
    return "Invalid character `" + s + "`.";
  }
}
