package dev.poolform.compiler.syntax;

import dev.poolform.compiler.ast.SourceUnit;
import java.util.List;

/** A parsed file together with its comments in source order (what {@code pool fmt} needs). */
public record ParsedFile(SourceUnit unit, List<Comment> comments) {
  public ParsedFile {
    comments = List.copyOf(comments);
  }
}
