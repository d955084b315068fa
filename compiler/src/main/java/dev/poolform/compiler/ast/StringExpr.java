package dev.poolform.compiler.ast;

import dev.poolform.source.Span;
import java.util.List;

/**
 * A quoted string or a heredoc. {@code heredoc} records the form for the formatter; the parts
 * already have indentation stripped for {@code <<-}.
 */
public record StringExpr(List<StringPart> parts, Heredoc heredoc, Span span) implements Expr {
  public StringExpr {
    parts = List.copyOf(parts);
  }

  /** {@code NONE} for a quoted string. */
  public record Heredoc(String marker, boolean indented) {
    public static final Heredoc NONE = new Heredoc("", false);
  }

  /** True when there is no interpolation: the value is known without evaluation. */
  public boolean isConstant() {
    for (StringPart p : parts) { // a loop, not a stream: see resolve.Loader
      if (!(p instanceof StringPart.Text)) return false;
    }
    return true;
  }

  /** The text of a constant string (all parts are text). */
  public String constantText() {
    StringBuilder sb = new StringBuilder();
    for (StringPart p : parts) {
      if (p instanceof StringPart.Text t) sb.append(t.text());
    }
    return sb.toString();
  }
}
