package dev.poolform.compiler;

import dev.poolform.compiler.ast.SourceUnit;
import dev.poolform.compiler.query.KnownValues;
import dev.poolform.compiler.resolve.Program;
import dev.poolform.compiler.resolve.Symbols;
import dev.poolform.source.SourceFile;
import java.util.List;
import java.util.Optional;

/**
 * A compilation together with what the phases learnt on the way, for editors (the language server):
 * the syntax trees, the names and the values. The diagnostics are exactly those of {@link
 * Compiler#compile}. A file with syntax errors still has its (recovered) syntax tree and names, so
 * navigation keeps working while the user types; only the values are then unknown.
 *
 * @param compilation what {@link Compiler#compile} returns for the same input
 * @param units every parsed file: the entry files, then the imported ones
 * @param links which file each {@code import} brought in
 * @param symbols declarations and resolved names
 * @param values evaluated values, where evaluation ran
 */
public record Analysis(
    Compilation compilation,
    List<SourceUnit> units,
    List<Program.ImportLink> links,
    Symbols symbols,
    KnownValues values) {
  public Analysis {
    units = List.copyOf(units);
    links = List.copyOf(links);
  }

  /** The parsed file read from {@code file}, if it is part of this configuration. */
  public Optional<SourceUnit> unit(SourceFile file) {
    return units.stream().filter(u -> u.file() == file).findFirst();
  }
}
