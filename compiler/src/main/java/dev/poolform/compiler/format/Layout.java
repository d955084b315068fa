package dev.poolform.compiler.format;

import dev.poolform.compiler.ast.Body;
import dev.poolform.compiler.ast.BodyItem;
import dev.poolform.compiler.ast.Decl;
import dev.poolform.compiler.ast.Expr;
import dev.poolform.compiler.ast.Ident;
import dev.poolform.compiler.ast.MapEntry;
import dev.poolform.compiler.ast.SourceUnit;
import dev.poolform.compiler.ast.StringExpr;
import dev.poolform.compiler.syntax.Comment;
import dev.poolform.source.SourceFile;
import dev.poolform.source.Span;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
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
 *       two spaces, as LANGUAGE.md writes them ({@code capacity { min = 1 max = 5 }}); one-line
 *       maps, lists and calls with {@code ", "} ({@code { team = "a", env = e }}, {@code ["a",
 *       "b"]}, {@code f(x, y)}). Anything else is one item per line; multi-line lists and calls end
 *       every item with a comma, multi-line bodies and maps use none.
 *   <li>Consecutive single-line items with a name (attributes, one-line blocks, map entries, {@code
 *       let}s) have their names padded to the same width, so that {@code =} and <code>&#123;</code>
 *       line up ({@code rollout { ... }} under {@code capacity { ... }}), as in LANGUAGE.md and
 *       like {@code terraform fmt}. A blank line, a comment on its own line or a multi-line item
 *       ends the run.
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
  /** Marks the end of a heredoc in rendered text: nothing may follow on that line. */
  private static final char HEREDOC_END = '\u0001';

  private final SourceFile file;
  private final String src;
  private final List<Comment> comments;
  private final boolean[] emitted;

  Layout(SourceFile file, List<Comment> comments) {
    this.file = file;
    this.src = file.text();
    this.comments = comments;
    this.emitted = new boolean[comments.size()];
  }

  // ------------------------------------------------------------------------------------------
  // Items, entries and their emission.

  /**
   * Something printed on its own line(s). An alignable item has a {@code head} (the part before
   * {@code =}) and a {@code rest} (from {@code " = "} on); others only a {@code render}.
   */
  private record Item(
      int start, int end, String head, IntFunction<String> rest, IntFunction<String> render) {
    static Item aligned(Span span, String head, IntFunction<String> rest) {
      return new Item(span.start(), span.end(), head, rest, null);
    }

    static Item plain(Span span, IntFunction<String> render) {
      return new Item(span.start(), span.end(), null, null, render);
    }

    String oneLine(int indent) {
      return head != null ? head + rest.apply(indent) : render.apply(indent);
    }
  }

  private sealed interface Entry {}

  private record Blank() implements Entry {}

  private record CommentLine(Comment comment) implements Entry {}

  /** An item with the block comments just before it on its line and the comments after it. */
  private record ItemLine(Item item, List<Comment> leading, List<Comment> trailing)
      implements Entry {}

  /** Interleaves items with the comments between {@code from} and {@code to}. */
  private List<Entry> entries(List<Item> items, int from, int to) {
    List<Entry> out = new ArrayList<>();
    int cursor = from;
    int prevEnd = -1; // end of the last thing placed, for blank-line detection
    for (int i = 0; i < items.size(); i++) {
      Item item = items.get(i);
      List<Comment> leading = new ArrayList<>();
      for (int c = firstAtOrAfter(cursor);
          c < comments.size() && comments.get(c).span().start() < item.start();
          c++) {
        Comment cm = comments.get(c);
        if (emitted[c]) continue;
        if (prevEnd >= 0 && blankBetween(prevEnd, cm.span().start())) out.add(new Blank());
        emitted[c] = true;
        if (cm.block() && sameLine(cm.span().end() - 1, item.start())) {
          leading.add(cm); // `/* why */ name = value` stays on one line
        } else {
          leading.forEach(l -> out.add(new CommentLine(l)));
          leading.clear();
          out.add(new CommentLine(cm));
        }
        prevEnd = cm.span().end();
      }
      if (leading.isEmpty() && prevEnd >= 0 && blankBetween(prevEnd, item.start()))
        out.add(new Blank());
      int next = i + 1 < items.size() ? items.get(i + 1).start() : to;
      List<Comment> trailing = new ArrayList<>();
      int end = item.end();
      int line = file.line(Math.max(item.start(), item.end() - 1));
      for (int c = firstAtOrAfter(item.end());
          c < comments.size() && comments.get(c).span().start() < next;
          c++) {
        Comment cm = comments.get(c);
        int s = cm.span().start();
        if (emitted[c] || file.line(s) != line) continue;
        trailing.add(cm);
        emitted[c] = true;
        end = Math.max(end, cm.span().end());
      }
      out.add(new ItemLine(item, leading, trailing));
      prevEnd = end;
      cursor = end;
    }
    for (int c = firstAtOrAfter(cursor);
        c < comments.size() && comments.get(c).span().start() < to;
        c++) {
      Comment cm = comments.get(c);
      if (emitted[c]) continue;
      if (prevEnd >= 0 && blankBetween(prevEnd, cm.span().start())) out.add(new Blank());
      out.add(new CommentLine(cm));
      emitted[c] = true;
      prevEnd = cm.span().end();
    }
    return out;
  }

  /**
   * Prints entries one per line at {@code indent}; {@code suffix} ends every item ({@code ","}).
   * Single-line items with a name (attributes, one-line blocks, map entries, lets) that follow each
   * other form a run whose names are padded to the same width, so their {@code =} and <code>&#123;
   * </code> line up; anything else ends the run.
   */
  private String emit(List<Entry> entries, int indent, String suffix) {
    int n = entries.size();
    String[] texts = new String[n];
    boolean[] aligned = new boolean[n];
    for (int i = 0; i < n; i++) {
      if (entries.get(i) instanceof ItemLine il) {
        texts[i] = il.item().oneLine(indent);
        aligned[i] =
            il.item().head() != null
                && il.leading().isEmpty()
                && texts[i].indexOf('\n') < 0
                && texts[i].indexOf(HEREDOC_END) < 0;
      }
    }
    StringBuilder sb = new StringBuilder();
    String pad = spaces(indent);
    int runWidth = -1;
    for (int i = 0; i < n; i++) {
      Entry e = entries.get(i);
      if (!aligned[i]) runWidth = -1;
      if (e instanceof Blank) {
        sb.append('\n');
      } else if (e instanceof CommentLine cl) {
        sb.append(pad).append(commentText(cl.comment())).append('\n');
      } else {
        ItemLine il = (ItemLine) e;
        String text = texts[i];
        if (aligned[i]) {
          if (runWidth < 0) {
            runWidth = 0;
            for (int j = i; j < n && aligned[j]; j++) {
              runWidth = Math.max(runWidth, ((ItemLine) entries.get(j)).item().head().length());
            }
          }
          String head = il.item().head();
          text = head + spaces(runWidth - head.length()) + text.substring(head.length());
        } else if (!il.leading().isEmpty()) {
          StringBuilder lead = new StringBuilder();
          for (Comment c : il.leading()) lead.append(commentText(c)).append(' ');
          text = lead + text;
        }
        sb.append(pad).append(finishItem(text, indent, suffix));
        for (Comment c : il.trailing()) sb.append(' ').append(commentText(c));
        sb.append('\n');
      }
    }
    return sb.toString();
  }

  /** Appends the suffix, and resolves heredoc ends: what follows one goes to the next line. */
  private static String finishItem(String text, int indent, String suffix) {
    if (text.endsWith(String.valueOf(HEREDOC_END))) {
      text = text.substring(0, text.length() - 1);
      if (!suffix.isEmpty()) text = text + "\n" + spaces(indent) + suffix;
    } else {
      text = text + suffix;
    }
    return resolveHeredocs(text, indent);
  }

  private static String resolveHeredocs(String text, int indent) {
    if (text.indexOf(HEREDOC_END) < 0) return text;
    return text.replaceAll(HEREDOC_END + " ?", "\n" + spaces(indent));
  }

  private String commentText(Comment c) {
    return c.block() ? c.text() : c.text().stripTrailing();
  }

  // ------------------------------------------------------------------------------------------
  // Declarations.

  String file(SourceUnit unit) {
    List<Item> items = unit.decls().stream().map(this::declItem).collect(Collectors.toList());
    String out = emit(entries(items, 0, src.length()), 0, "");
    for (int c = 0; c < comments.size(); c++) {
      if (!emitted[c]) throw new IllegalStateException("comment not placed: " + comments.get(c));
    }
    return out;
  }

  private Item declItem(Decl d) {
    if (d instanceof Decl.Let let) {
      return Item.aligned(
          let.span(), "let " + let.name().name(), ind -> " = " + expr(let.value(), ind));
    }
    return Item.plain(d.span(), ind -> decl(d, ind));
  }

  private String decl(Decl d, int ind) {
    if (d instanceof Decl.Import imp) {
      return header(
          imp.span().start(), imp.span().end(), () -> "import " + verbatim(imp.path().span()));
    }
    if (d instanceof Decl.Let let) {
      return "let " + let.name().name() + " = " + expr(let.value(), ind);
    }
    if (d instanceof Decl.Cloud c) {
      return header(
              c.span().start(),
              c.body().span().start(),
              () -> "cloud " + c.kind().name() + " " + c.name().name())
          + " "
          + body(c.body(), ind);
    }
    if (d instanceof Decl.Template t) {
      return header(
              t.span().start(),
              t.body().span().start(),
              () -> "template " + t.name().name() + from(t.from()))
          + " "
          + body(t.body(), ind);
    }
    if (d instanceof Decl.Pool p) {
      return header(
              p.span().start(),
              p.body().span().start(),
              () -> "pool " + expr(p.name(), ind) + from(p.from()) + " on " + expr(p.on(), ind))
          + " "
          + body(p.body(), ind);
    }
    if (d instanceof Decl.For f) {
      int open = expect(f.iterable().span().end(), '{');
      String head =
          header(
              f.span().start(),
              open,
              () ->
                  "for "
                      + f.key().map(k -> k.name() + ", ").orElse("")
                      + f.value().name()
                      + " in "
                      + expr(f.iterable(), ind));
      return head + " " + declBlock(open, f.body(), ind);
    }
    return ifDecl((Decl.If) d, ind);
  }

  private String ifDecl(Decl.If d, int ind) {
    int open = expect(d.condition().span().end(), '{');
    String s =
        header(d.span().start(), open, () -> "if " + expr(d.condition(), ind))
            + " "
            + declBlock(open, d.then(), ind);
    int close = closeOf(open, d.then());
    int elsePos = skipTrivia(close + 1);
    if (!src.startsWith("else", elsePos) || elsePos >= d.span().end()) return s;
    int after = skipTrivia(elsePos + 4);
    String elseText = hasComments(close + 1, after) ? takeVerbatim(close + 1, after) : "else";
    if (src.charAt(after) == '{')
      return s + " " + elseText + " " + declBlock(after, d.otherwise(), ind);
    return s + " " + elseText + " " + ifDecl((Decl.If) d.otherwise().get(0), ind);
  }

  private static String from(List<Ident> from) {
    if (from.isEmpty()) return "";
    return " from " + from.stream().map(Ident::name).collect(Collectors.joining(", "));
  }

  /** The canonical header, or the source text when a comment sits inside {@code [start, end)}. */
  private String header(int start, int end, java.util.function.Supplier<String> canonical) {
    return hasComments(start, end) ? takeVerbatim(start, end) : canonical.get();
  }

  private String declBlock(int open, List<Decl> decls, int ind) {
    int close = closeOf(open, decls);
    boolean comments = hasComments(open + 1, close);
    if (!comments && decls.isEmpty()) return "{}";
    if (!comments && decls.size() == 1 && sameLine(open, close)) {
      return "{ " + resolveHeredocs(decl(decls.get(0), ind), ind) + " }";
    }
    List<Item> items = decls.stream().map(this::declItem).collect(Collectors.toList());
    String first = afterOpen(open, firstStart(decls, close));
    return "{"
        + first
        + "\n"
        + emit(entries(items, open + 1, close), ind + 2, "")
        + spaces(ind)
        + "}";
  }

  /** The <code>&#125;</code> closing a declaration block opened at {@code open}. */
  private int closeOf(int open, List<Decl> decls) {
    int from = decls.isEmpty() ? open + 1 : decls.get(decls.size() - 1).span().end();
    return expect(from, '}');
  }

  // ------------------------------------------------------------------------------------------
  // Bodies.

  private String body(Body b, int ind) {
    int open = b.span().start();
    int close = b.span().end() - 1;
    boolean comments = hasComments(open + 1, close);
    if (!comments && b.items().isEmpty()) return "{}";
    List<Item> items = b.items().stream().map(this::bodyItem).collect(Collectors.toList());
    if (!comments && sameLine(open, close)) {
      return "{ "
          + items.stream().map(i -> i.oneLine(ind)).collect(Collectors.joining("  "))
          + " }";
    }
    String first = afterOpen(open, firstStart(b.items(), close));
    return "{"
        + first
        + "\n"
        + emit(entries(items, open + 1, close), ind + 2, "")
        + spaces(ind)
        + "}";
  }

  private Item bodyItem(BodyItem item) {
    if (item instanceof BodyItem.Attribute a) {
      if (hasComments(/* start= */ a.name().span().end(), /* end= */ a.value().span().start())) {
        return Item.plain(
            a.span(),
            ind ->
                takeVerbatim(a.span().start(), a.value().span().start())
                    + " "
                    + expr(a.value(), ind));
      }
      return Item.aligned(a.span(), a.name().name(), ind -> " = " + expr(a.value(), ind));
    }
    BodyItem.Block blk = (BodyItem.Block) item;
    if (hasComments(/* start= */ blk.name().span().end(), /* end= */ blk.body().span().start())) {
      return Item.plain(
          blk.span(),
          ind ->
              takeVerbatim(blk.span().start(), blk.body().span().start())
                  + " "
                  + body(blk.body(), ind));
    }
    return Item.aligned(blk.span(), blk.name().name(), ind -> " " + body(blk.body(), ind));
  }

  // ------------------------------------------------------------------------------------------
  // Expressions.

  private String expr(Expr e, int ind) {
    boolean container =
        e instanceof Expr.ListExpr || e instanceof Expr.MapExpr || e instanceof Expr.Call;
    if (!container && !(e instanceof StringExpr) && hasComments(e.span().start(), e.span().end())) {
      return takeVerbatim(e.span().start(), e.span().end());
    }
    if (e instanceof Expr.Literal l) return l.text();
    if (e instanceof StringExpr s) {
      return s.heredoc().marker().isEmpty() ? verbatim(s.span()) : verbatim(s.span()) + HEREDOC_END;
    }
    if (e instanceof Expr.Name n) return n.name();
    if (e instanceof Expr.Member m) return expr(m.target(), ind) + "." + m.name().name();
    if (e instanceof Expr.Index x) return expr(x.target(), ind) + "[" + expr(x.index(), ind) + "]";
    if (e instanceof Expr.Unary u) return u.op().symbol + expr(u.operand(), ind);
    if (e instanceof Expr.Binary b) {
      return expr(b.left(), ind) + " " + b.op().symbol + " " + expr(b.right(), ind);
    }
    if (e instanceof Expr.Conditional c) {
      return expr(c.condition(), ind)
          + " ? "
          + expr(c.then(), ind)
          + " : "
          + expr(c.otherwise(), ind);
    }
    if (e instanceof Expr.Paren p) return "(" + expr(p.inner(), ind) + ")";
    if (e instanceof Expr.ListExpr l) return list(l, ind);
    if (e instanceof Expr.MapExpr m) return map(m, ind);
    if (e instanceof Expr.Call c) return call(c, ind);
    return verbatim(e.span());
  }

  private String list(Expr.ListExpr l, int ind) {
    int open = l.span().start();
    int close = l.span().end() - 1;
    boolean comments = hasComments(open + 1, close);
    if (!comments && l.items().isEmpty()) return "[]";
    if (!comments && sameLine(open, close)) {
      return "["
          + l.items().stream().map(x -> expr(x, ind)).collect(Collectors.joining(", "))
          + "]";
    }
    List<Item> items =
        l.items().stream()
            .map(x -> Item.plain(x.span(), i -> expr(x, i)))
            .collect(Collectors.toList());
    String first = afterOpen(open, firstStart(l.items(), close));
    return "["
        + first
        + "\n"
        + emit(entries(items, open + 1, close), ind + 2, ",")
        + spaces(ind)
        + "]";
  }

  private String map(Expr.MapExpr m, int ind) {
    int open = m.span().start();
    int close = m.span().end() - 1;
    boolean comments = hasComments(open + 1, close);
    if (!comments && m.entries().isEmpty()) return "{}";
    List<Item> items = m.entries().stream().map(this::mapEntry).collect(Collectors.toList());
    if (!comments && sameLine(open, close)) {
      return "{ "
          + items.stream().map(i -> i.oneLine(ind)).collect(Collectors.joining(", "))
          + " }";
    }
    String first = afterOpen(open, firstStart(m.entries(), close));
    return "{"
        + first
        + "\n"
        + emit(entries(items, open + 1, close), ind + 2, "")
        + spaces(ind)
        + "}";
  }

  private Item mapEntry(MapEntry me) {
    String key = me.bareKey() ? ((StringExpr) me.key()).constantText() : verbatim(me.key().span());
    if (hasComments(/* start= */ me.key().span().end(), /* end= */ me.value().span().start())) {
      return Item.plain(
          me.span(),
          ind ->
              takeVerbatim(me.span().start(), me.value().span().start())
                  + " "
                  + expr(me.value(), ind));
    }
    return Item.aligned(me.span(), key, ind -> " = " + expr(me.value(), ind));
  }

  private String call(Expr.Call c, int ind) {
    int open = expect(c.function().span().end(), '(');
    int close = c.span().end() - 1;
    String name = c.function().name();
    boolean comments = hasComments(open + 1, close);
    if (!comments && c.args().isEmpty()) return name + "()";
    if (!comments && sameLine(open, close)) {
      return name
          + "("
          + c.args().stream().map(x -> expr(x, ind)).collect(Collectors.joining(", "))
          + ")";
    }
    List<Item> items =
        c.args().stream()
            .map(x -> Item.plain(x.span(), i -> expr(x, i)))
            .collect(Collectors.toList());
    String first = afterOpen(open, firstStart(c.args(), close));
    return name
        + "("
        + first
        + "\n"
        + emit(entries(items, open + 1, close), ind + 2, ",")
        + spaces(ind)
        + ")";
  }

  /**
   * Comments on the line of an opening bracket, before the first item (`{ # why`): they stay after
   * the bracket.
   */
  private String afterOpen(int open, int firstStart) {
    StringBuilder sb = new StringBuilder();
    for (int c = firstAtOrAfter(open + 1);
        c < comments.size() && comments.get(c).span().start() < firstStart;
        c++) {
      Comment cm = comments.get(c);
      int s = cm.span().start();
      if (emitted[c] || !sameLine(open, s)) continue;
      sb.append(' ').append(commentText(cm));
      emitted[c] = true;
    }
    return sb.toString();
  }

  private static int firstStart(List<? extends dev.poolform.compiler.ast.Node> nodes, int close) {
    return nodes.isEmpty() ? close : nodes.get(0).span().start();
  }

  // ------------------------------------------------------------------------------------------
  // Source navigation.

  private String verbatim(Span span) {
    return span.text();
  }

  /** The source text of {@code [start, end)}, trimmed; the comments in it count as placed. */
  private String takeVerbatim(int start, int end) {
    for (int c = firstAtOrAfter(start);
        c < comments.size() && comments.get(c).span().start() < end;
        c++) {
      emitted[c] = true;
    }
    return src.substring(start, end).strip();
  }

  private boolean hasComments(int start, int end) {
    for (int c = firstAtOrAfter(start);
        c < comments.size() && comments.get(c).span().start() < end;
        c++) {
      if (!emitted[c]) return true;
    }
    return false;
  }

  /** Index of the first comment starting at or after {@code offset} (comments are in order). */
  private int firstAtOrAfter(int offset) {
    int lo = 0;
    int hi = comments.size();
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (comments.get(mid).span().start() < offset) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private boolean sameLine(int a, int b) {
    return file.line(a) == file.line(b);
  }

  /** Whether the text between two offsets holds an empty line (a comma is not empty). */
  private boolean blankBetween(int a, int b) {
    boolean sawNewline = false;
    boolean empty = true;
    for (int i = a; i < b && i < src.length(); i++) {
      char ch = src.charAt(i);
      if (ch == '\n') {
        if (sawNewline && empty) return true;
        sawNewline = true;
        empty = true;
      } else if (!Character.isWhitespace(ch)) {
        empty = false;
      }
    }
    return false;
  }

  /** The first offset at or after {@code i} that is neither whitespace nor inside a comment. */
  private int skipTrivia(int i) {
    while (i < src.length()) {
      char ch = src.charAt(i);
      if (Character.isWhitespace(ch) || ch == '\uFEFF' || ch == ',') {
        i++;
        continue;
      }
      Comment c = commentAt(i);
      if (c == null) return i;
      i = c.span().end();
    }
    return i;
  }

  private Comment commentAt(int offset) {
    int c = firstAtOrAfter(offset);
    return c < comments.size() && comments.get(c).span().start() == offset ? comments.get(c) : null;
  }

  /** The offset of {@code ch}, the next code character after {@code from}; fails otherwise. */
  private int expect(int from, char ch) {
    int i = skipTrivia(from);
    if (i >= src.length() || src.charAt(i) != ch) {
      throw new IllegalStateException("expected '" + ch + "' at " + i);
    }
    return i;
  }

  private static String spaces(int n) {
    return " ".repeat(Math.max(0, n));
  }
}
