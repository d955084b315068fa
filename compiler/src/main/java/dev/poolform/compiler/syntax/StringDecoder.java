package dev.poolform.compiler.syntax;

import dev.poolform.compiler.ast.Expr;
import dev.poolform.compiler.ast.StringExpr;
import dev.poolform.compiler.ast.StringPart;
import dev.poolform.compiler.diag.Code;
import dev.poolform.compiler.diag.Diagnostic;
import dev.poolform.grammar.PoolParser;
import dev.poolform.source.Span;
import java.util.ArrayList;
import java.util.List;
import org.antlr.v4.runtime.Token;

/**
 * Builds {@link StringExpr} from quoted strings and heredocs: merges text runs, decodes escapes
 * (E0103 points at the bad escape), turns <code>$$&#123;</code> into a literal <code>$&#123;</code>
 * , and strips the common indentation of {@code <<-} heredocs. Heredoc text is verbatim:
 * backslashes are not escapes there (cloud-init scripts are full of them).
 */
final class StringDecoder {
  private final Offsets offsets;
  private final SyntaxReporter reporter;
  private final ExprBuilder exprs;

  /**
   * @param exprs builds the interpolated expressions (the builder itself, not a method reference:
   *     no lambda is linked on a compilation's start path, docs/BENCHMARKS.md#cold-start)
   */
  StringDecoder(Offsets offsets, SyntaxReporter reporter, ExprBuilder exprs) {
    this.offsets = offsets;
    this.reporter = reporter;
    this.exprs = exprs;
  }

  /** Set when the string being decoded had an error (bad escape); see {@link #broken}. */
  private boolean badEscape;

  /**
   * Whether a string had an error already reported (unterminated, bad escape): its value is
   * unknown, so expressions use {@link Expr.Invalid} instead of a wrong value.
   */
  boolean broken(PoolParser.StringContext ctx) {
    return ctx.UNTERMINATED_STRING() != null || brokenParts(ctx.stringPart());
  }

  boolean broken(PoolParser.HeredocContext ctx) {
    return ctx.UNTERMINATED_HEREDOC() != null || brokenParts(ctx.stringPart());
  }

  private boolean brokenParts(List<PoolParser.StringPartContext> parts) {
    for (PoolParser.StringPartContext p : parts) {
      if (p instanceof PoolParser.InterpolationPartContext ip
          && (ip.expr() == null || ip.RBRACE() == null)) {
        return true;
      }
    }
    return false;
  }

  /** A quoted string as an expression: {@link Expr.Invalid} when broken. */
  Expr quotedExpr(PoolParser.StringContext ctx) {
    badEscape = false;
    StringExpr s = quoted(ctx);
    return badEscape || broken(ctx) ? new Expr.Invalid(s.span()) : s;
  }

  Expr heredocExpr(PoolParser.HeredocContext ctx) {
    StringExpr s = heredoc(ctx);
    return broken(ctx) ? new Expr.Invalid(s.span()) : s;
  }

  /** A piece before indentation stripping: text (with its span) or an interpolation. */
  private record Piece(String text, Expr expr, Span span) {}

  // string : STRING_START stringPart* (STRING_END | UNTERMINATED_STRING) ;
  StringExpr quoted(PoolParser.StringContext ctx) {
    Span span = offsets.span(ctx.getStart(), ctx.getStop());
    List<Piece> pieces = pieces(ctx.stringPart(), true);
    return new StringExpr(merge(pieces), StringExpr.Heredoc.NONE, span);
  }

  // heredoc : HEREDOC_START stringPart* (HEREDOC_END | UNTERMINATED_HEREDOC) ;
  StringExpr heredoc(PoolParser.HeredocContext ctx) {
    Span span = offsets.span(ctx.getStart(), ctx.getStop());
    String start = ctx.HEREDOC_START().getText();
    boolean indented = start.startsWith("<<-");
    String marker = start.substring(indented ? 3 : 2).strip();
    List<Piece> pieces = pieces(ctx.stringPart(), false);
    if (indented) pieces = stripIndent(pieces);
    return new StringExpr(merge(pieces), new StringExpr.Heredoc(marker, indented), span);
  }

  private List<Piece> pieces(List<PoolParser.StringPartContext> parts, boolean quoted) {
    List<Piece> out = new ArrayList<>();
    for (PoolParser.StringPartContext p : parts) {
      Span span = offsets.span(p.getStart(), p.getStop());
      if (p instanceof PoolParser.TextPartContext) {
        String t = p.getText();
        if (!quoted) t = t.replace("\r\n", "\n");
        out.add(new Piece(t, null, span));
      } else if (p instanceof PoolParser.EscapePartContext) {
        out.add(new Piece(unescape(p.getStart(), span), null, span));
      } else if (p instanceof PoolParser.DollarEscapePartContext) {
        out.add(new Piece("${", null, span));
      } else if (p instanceof PoolParser.InterpolationPartContext ip) {
        Expr e = exprs.build(ip.expr(), span);
        out.add(new Piece(null, e, span));
      }
    }
    return out;
  }

  private String unescape(Token t, Span span) {
    String s = t.getText();
    if (s.length() >= 2) {
      switch (s.charAt(1)) {
        case '"':
          return "\"";
        case '\\':
          return "\\";
        case 'n':
          return "\n";
        case 't':
          return "\t";
        case 'r':
          return "\r";
        case 'u':
          if (s.length() > 3 && s.charAt(2) == '{' && s.endsWith("}")) {
            String hex = s.substring(3, s.length() - 1);
            if (hex.matches("[0-9A-Fa-f]{1,6}")) {
              int cp = Integer.parseInt(hex, 16);
              if (cp <= 0x10FFFF && (cp < 0xD800 || cp > 0xDFFF))
                return new String(Character.toChars(cp));
              badEscape = true;
              reporter.report(
                  Code.E0103, span, "Escape `" + s + "` is not a Unicode scalar value.");
              return s;
            }
          }
          badEscape = true;
          reporter.report(
              Diagnostic.of(Code.E0103, span, "Invalid Unicode escape `" + s + "`.")
                  .withHelp(
                      "Write a code point as 1 to 6 hex digits in braces, e.g. `\\u{1F600}`."));
          return s;
        default:
          break;
      }
    }
    badEscape = true;
    String shown = s.length() < 2 ? "\\" : s;
    reporter.report(
        Diagnostic.of(Code.E0103, span, "Invalid escape sequence `" + shown + "`.")
            .withHelp(
                "Valid escapes are `\\\"`, `\\\\`, `\\n`, `\\t`, `\\r` and `\\u{...}`; write `$${`"
                    + " for a literal `${`."));
    return s;
  }

  /** Consecutive text pieces become one {@link StringPart.Text}. */
  private static List<StringPart> merge(List<Piece> pieces) {
    List<StringPart> parts = new ArrayList<>();
    StringBuilder text = new StringBuilder();
    Span textSpan = null;
    for (Piece p : pieces) {
      if (p.expr() == null) {
        if (p.text().isEmpty()) continue;
        text.append(p.text());
        textSpan = textSpan == null ? p.span() : textSpan.to(p.span());
      } else {
        if (textSpan != null) {
          parts.add(new StringPart.Text(text.toString(), textSpan));
          text.setLength(0);
          textSpan = null;
        }
        parts.add(new StringPart.Interpolation(p.expr(), p.span()));
      }
    }
    if (textSpan != null) parts.add(new StringPart.Text(text.toString(), textSpan));
    return parts;
  }

  /**
   * {@code <<-}: remove the smallest indentation of the non-blank lines from every line. A line
   * that starts with an interpolation has indentation zero.
   */
  static List<Piece> stripIndent(List<Piece> pieces) {
    int min = Integer.MAX_VALUE;
    boolean counting = true;
    int indent = 0;
    for (Piece p : pieces) {
      if (p.expr() != null) {
        if (counting) min = Math.min(min, indent);
        counting = false;
        continue;
      }
      for (int i = 0; i < p.text().length(); i++) {
        char c = p.text().charAt(i);
        if (counting) {
          if (c == ' ' || c == '\t') {
            indent++;
            continue;
          }
          if (c == '\n') {
            indent = 0;
            continue;
          }
          min = Math.min(min, indent);
          counting = false;
        }
        if (c == '\n') {
          counting = true;
          indent = 0;
        }
      }
    }
    if (min == Integer.MAX_VALUE || min == 0) return pieces;
    List<Piece> out = new ArrayList<>();
    int toStrip = min; // still to remove on the current line
    for (Piece p : pieces) {
      if (p.expr() != null) {
        toStrip = 0;
        out.add(p);
        continue;
      }
      StringBuilder sb = new StringBuilder();
      for (int i = 0; i < p.text().length(); i++) {
        char c = p.text().charAt(i);
        if (toStrip > 0 && (c == ' ' || c == '\t')) {
          toStrip--;
          continue;
        }
        toStrip = 0;
        sb.append(c);
        if (c == '\n') toStrip = min;
      }
      out.add(new Piece(sb.toString(), null, p.span()));
    }
    return out;
  }
}
