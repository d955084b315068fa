package dev.poolform.compiler.format;

import dev.poolform.compiler.ast.Node;
import dev.poolform.compiler.syntax.Comment;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Prints the inside of a multi-line block, list, map or call: one entry per line, names of
 * consecutive one-line items padded so their {@code =} and <code>&#123;</code> line up.
 *
 * <p>A heredoc must end its line, so rendered text marks a heredoc's end with {@link #HEREDOC_END}
 * and whatever follows it (a comma, a closing bracket) moves to the next line when the text is
 * finished.
 */
final class Lines {
  /** Marks the end of a heredoc in rendered text: nothing may follow on that line. */
  static final char HEREDOC_END = '\u0001';

  private final SourceText source;
  private final Interleave interleave;

  Lines(SourceText source) {
    this.source = source;
    this.interleave = new Interleave(source);
  }

  /**
   * A brace block of items (a body or a map): <code>&#123;</code>} when empty, on one line with
   * items joined by {@code separator} when written on one line without comments, else one item a
   * line.
   *
   * @param at where the opening brace is
   * @param closeAt where the closing brace is
   */
  String braces(
      int at,
      int closeAt,
      List<? extends Node> nodes,
      List<Item> items,
      int ind,
      String separator) {
    boolean comments = source.hasComments(at + 1, closeAt);
    if (!comments && items.isEmpty()) return "{}";
    if (!comments && source.sameLine(at, closeAt)) {
      return "{ "
          + items.stream().map(i -> i.oneLine(ind)).collect(Collectors.joining(separator))
          + " }";
    }
    return block("{", at, closeAt, nodes, items, ind, "", "}");
  }

  /**
   * A block written over several lines: {@code open}, the comments on the opening line, the items
   * one per line at {@code ind + 2}, then {@code close} on a line of its own at {@code ind}.
   *
   * @param at where the opening bracket is
   * @param closeAt where the closing bracket is
   * @param nodes the nodes the items were made from, to find where the first one starts
   * @param suffix what ends every item ({@code ","} in lists and calls)
   */
  String block(
      String open,
      int at,
      int closeAt,
      List<? extends Node> nodes,
      List<Item> items,
      int ind,
      String suffix,
      String close) {
    String first = source.afterOpen(at, nodes.isEmpty() ? closeAt : nodes.get(0).span().start());
    return open
        + first
        + "\n"
        + emit(interleave.entries(items, at + 1, closeAt), ind + 2, suffix)
        + spaces(ind)
        + close;
  }

  /**
   * Prints entries one per line at {@code indent}; {@code suffix} ends every item ({@code ","}).
   * Single-line items with a name (attributes, one-line blocks, map entries, lets) that follow each
   * other form a run whose names are padded to the same width, so their {@code =} and <code>&#123;
   * </code> line up; anything else ends the run.
   */
  String emit(List<Entry> entries, int indent, String suffix) {
    int n = entries.size();
    String[] texts = new String[n];
    boolean[] aligned = new boolean[n];
    for (int i = 0; i < n; i++) {
      if (entries.get(i) instanceof Entry.ItemLine il) {
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
      if (e instanceof Entry.Blank) {
        sb.append('\n');
      } else if (e instanceof Entry.CommentLine cl) {
        sb.append(pad).append(SourceText.text(cl.comment())).append('\n');
      } else {
        if (aligned[i] && runWidth < 0) runWidth = runWidth(entries, aligned, i);
        Entry.ItemLine il = (Entry.ItemLine) e;
        String text = itemText(il, texts[i], aligned[i] ? runWidth : -1);
        sb.append(pad).append(finishItem(text, indent, suffix));
        for (Comment c : il.trailing()) sb.append(' ').append(SourceText.text(c));
        sb.append('\n');
      }
    }
    return sb.toString();
  }

  /** The widest name of the run of aligned entries that starts at {@code from}. */
  private static int runWidth(List<Entry> entries, boolean[] aligned, int from) {
    int width = 0;
    for (int j = from; j < entries.size() && aligned[j]; j++) {
      width = Math.max(width, ((Entry.ItemLine) entries.get(j)).item().head().length());
    }
    return width;
  }

  /** The item's text with its name padded to {@code width} (-1: not aligned) or its comments. */
  private static String itemText(Entry.ItemLine il, String text, int width) {
    if (width >= 0) {
      String head = il.item().head();
      return head + spaces(width - head.length()) + text.substring(head.length());
    }
    if (!il.leading().isEmpty()) {
      StringBuilder lead = new StringBuilder();
      for (Comment c : il.leading()) lead.append(SourceText.text(c)).append(' ');
      return lead + text;
    }
    return text;
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

  static String resolveHeredocs(String text, int indent) {
    if (text.indexOf(HEREDOC_END) < 0) return text;
    return text.replaceAll(HEREDOC_END + " ?", "\n" + spaces(indent));
  }

  static String spaces(int n) {
    return " ".repeat(Math.max(0, n));
  }
}
