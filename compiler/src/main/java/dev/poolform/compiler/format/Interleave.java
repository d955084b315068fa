package dev.poolform.compiler.format;

import dev.poolform.compiler.syntax.Comment;
import java.util.ArrayList;
import java.util.List;

/**
 * Interleaves the items of a block with the comments between them, by source position: a comment on
 * its own line becomes a comment line before the next item, one after code on the same line trails
 * that item, and a block comment right before an item on its line leads it. Blank lines between
 * items survive as one {@link Entry.Blank}.
 */
final class Interleave {
  private final SourceText source;

  Interleave(SourceText source) {
    this.source = source;
  }

  /** Interleaves items with the comments between {@code from} and {@code to}. */
  List<Entry> entries(List<Item> items, int from, int to) {
    List<Entry> out = new ArrayList<>();
    int cursor = from;
    int prevEnd = -1; // end of the last thing placed, for blank-line detection
    for (int i = 0; i < items.size(); i++) {
      Item item = items.get(i);
      List<Comment> leading = new ArrayList<>();
      prevEnd = commentsBefore(item, cursor, prevEnd, leading, out);
      if (leading.isEmpty() && prevEnd >= 0 && source.blankBetween(prevEnd, item.start()))
        out.add(new Entry.Blank());
      int next = i + 1 < items.size() ? items.get(i + 1).start() : to;
      List<Comment> trailing = new ArrayList<>();
      int end = trailingComments(item, next, trailing);
      out.add(new Entry.ItemLine(item, leading, trailing));
      prevEnd = end;
      cursor = end;
    }
    commentsAfter(cursor, to, prevEnd, out);
    return out;
  }

  /**
   * The comments from {@code cursor} up to the item: own lines in {@code out}, except block
   * comments on the item's line, which go to {@code leading}. Returns the new {@code prevEnd}.
   */
  private int commentsBefore(
      Item item, int cursor, int prevEnd, List<Comment> leading, List<Entry> out) {
    for (int c = source.firstAtOrAfter(cursor);
        c < source.commentCount() && source.comment(c).span().start() < item.start();
        c++) {
      Comment cm = source.comment(c);
      if (source.isPlaced(c)) continue;
      if (prevEnd >= 0 && source.blankBetween(prevEnd, cm.span().start()))
        out.add(new Entry.Blank());
      source.place(c);
      if (cm.block() && source.sameLine(cm.span().end() - 1, item.start())) {
        leading.add(cm); // `/* why */ name = value` stays on one line
      } else {
        leading.forEach(l -> out.add(new Entry.CommentLine(l)));
        leading.clear();
        out.add(new Entry.CommentLine(cm));
      }
      prevEnd = cm.span().end();
    }
    return prevEnd;
  }

  /** Comments after the item on its last line; returns where the item's line content ends. */
  private int trailingComments(Item item, int next, List<Comment> trailing) {
    int end = item.end();
    int line = source.line(Math.max(item.start(), item.end() - 1));
    for (int c = source.firstAtOrAfter(item.end());
        c < source.commentCount() && source.comment(c).span().start() < next;
        c++) {
      Comment cm = source.comment(c);
      int s = cm.span().start();
      if (source.isPlaced(c) || source.line(s) != line) continue;
      trailing.add(cm);
      source.place(c);
      end = Math.max(end, cm.span().end());
    }
    return end;
  }

  /** Comments after the last item, before the block closes: each on its own line. */
  private void commentsAfter(int cursor, int to, int prevEnd, List<Entry> out) {
    for (int c = source.firstAtOrAfter(cursor);
        c < source.commentCount() && source.comment(c).span().start() < to;
        c++) {
      Comment cm = source.comment(c);
      if (source.isPlaced(c)) continue;
      if (prevEnd >= 0 && source.blankBetween(prevEnd, cm.span().start()))
        out.add(new Entry.Blank());
      out.add(new Entry.CommentLine(cm));
      source.place(c);
      prevEnd = cm.span().end();
    }
  }
}
