package dev.poolform.compiler.format;

import dev.poolform.compiler.ast.SourceUnit;
import dev.poolform.compiler.syntax.Comment;
import dev.poolform.source.SourceFile;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Prints the AST in the canonical layout, putting every comment back by its source position.
 *
 * <p>The rules:
 *
 * <ul>
 *   <li>Two spaces per level; one declaration or body item per line.
 *   <li>A body, map, list, call or {@code for}/{@code if} block stays on one line if it was written
 *       on one line (its brackets on the same line) and holds no comment; a one-line {@code
 *       for}/{@code if} block holds at most one declaration. One-line bodies separate items with
 *       two spaces, as docs/language.md writes them ({@code capacity { min = 1 max = 5 }});
 *       one-line maps, lists and calls with {@code ", "} ({@code { team = "a", env = e }}, {@code
 *       ["a", "b"]}, {@code f(x, y)}). Anything else is one item per line; multi-line lists and
 *       calls end every item with a comma, multi-line bodies and maps use none.
 *   <li>Consecutive single-line items with a name (attributes, one-line blocks, map entries, {@code
 *       let}s) have their names padded to the same width, so that {@code =} and <code>&#123;</code>
 *       line up ({@code rollout { ... }} under {@code capacity { ... }}), as in docs/language.md
 *       and like {@code terraform fmt}. A blank line, a comment on its own line or a multi-line
 *       item ends the run.
 *   <li>Blank lines between items are kept, several collapse into one; none after an opening or
 *       before a closing brace.
 *   <li>One space around binary operators, {@code ?} and {@code :}; none after unary operators,
 *       inside brackets or around {@code .}.
 *   <li>Strings and heredocs are printed exactly as written; literals keep their spelling (except
 *       {@code - 3}, which becomes {@code -3}).
 *   <li>Comments: one on its own line stays on its own line (before the item that follows it); one
 *       after code on the same line stays after that code. A comment somewhere the layout does not
 *       model (inside an expression, between a declaration's keyword and its brace) makes that
 *       expression or header print exactly as written.
 * </ul>
 */
final class Layout {
  private final SourceText source;
  private final Lines lines;
  private final DeclLayout decls;

  /**
   * The printers, from the inside out: expressions, bodies, declarations. Each places the comments
   * it meets in {@code source}, so one layout prints one file once.
   */
  Layout(SourceFile file, List<Comment> comments) {
    this.source = new SourceText(file, comments);
    this.lines = new Lines(source);
    ExprLayout exprs = new ExprLayout(source, lines);
    BodyLayout bodies = new BodyLayout(source, lines, exprs);
    this.decls = new DeclLayout(source, lines, exprs, bodies);
  }

  /** The whole file; fails if a comment was left unplaced, so the caller keeps the input. */
  String file(SourceUnit unit) {
    List<Item> items = unit.decls().stream().map(decls::item).collect(Collectors.toList());
    String out = lines.emit(new Interleave(source).entries(items, 0, source.length()), 0, "");
    source.checkAllPlaced();
    return out;
  }
}
