package dev.poolform.compiler.format;

import dev.poolform.compiler.syntax.Comment;
import java.util.List;

/** One line (or more) of a block's inside: a blank line, a comment line or an item. */
sealed interface Entry {
  record Blank() implements Entry {}

  record CommentLine(Comment comment) implements Entry {}

  /** An item with the block comments just before it on its line and the comments after it. */
  record ItemLine(Item item, List<Comment> leading, List<Comment> trailing) implements Entry {}
}
