package dev.poolform.compiler.ast;

import dev.poolform.source.SourceFile;
import dev.poolform.source.Span;
import java.util.List;

/** One parsed file: its top-level declarations in source order. */
public record SourceUnit(SourceFile file, List<Decl> decls, Span span) implements Node {
  public SourceUnit {
    decls = List.copyOf(decls);
  }
}
