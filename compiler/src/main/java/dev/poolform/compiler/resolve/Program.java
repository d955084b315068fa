package dev.poolform.compiler.resolve;

import dev.poolform.compiler.ast.SourceUnit;
import dev.poolform.source.SourceFile;
import java.nio.file.Path;
import java.util.List;

/**
 * A loaded configuration: the entry files (one, or a directory's {@code *.pool} sorted by name) and
 * every file they import, transitively, each once.
 *
 * @param entries parsed entry files, in name order
 * @param imports parsed imported files, in the order they were first imported
 * @param sources every file read, for rendering
 * @param root the configuration root display paths are relative to
 * @param projectRoot imports and {@code file()} may not leave this directory
 * @param links which file each import declaration that could be read brought in
 */
public record Program(
    List<SourceUnit> entries,
    List<SourceUnit> imports,
    List<SourceFile> sources,
    Path root,
    Path projectRoot,
    List<ImportLink> links) {
  public Program {
    entries = List.copyOf(entries);
    imports = List.copyOf(imports);
    sources = List.copyOf(sources);
    links = List.copyOf(links);
  }

  /** An {@code import} and the file it brought in. */
  public record ImportLink(dev.poolform.compiler.ast.Decl.Import decl, SourceFile target) {}

  /** Entry files first, then imports. */
  public List<SourceUnit> all() {
    var all = new java.util.ArrayList<SourceUnit>(entries);
    all.addAll(imports);
    return all;
  }
}
