package dev.poolform.lsp.features;

import dev.poolform.compiler.Analysis;
import dev.poolform.compiler.ast.Decl;
import dev.poolform.compiler.ast.SourceUnit;
import dev.poolform.compiler.query.NodePath;
import dev.poolform.compiler.resolve.Program;
import dev.poolform.compiler.resolve.Symbols;
import dev.poolform.lsp.workspace.Analyses;
import dev.poolform.source.SourceFile;
import dev.poolform.source.Span;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.eclipse.lsp4j.Location;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.TextEdit;
import org.eclipse.lsp4j.WorkspaceEdit;
import org.eclipse.lsp4j.jsonrpc.ResponseErrorException;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseError;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseErrorCode;

/**
 * Go to definition, find references and rename, for variables, clouds, templates, lets and loop
 * variables (by the resolver's own answers, {@link Symbols}), and for imports (the imported file);
 * rename also for pools, with a {@code moved} block ({@link PoolRename}).
 */
public final class Navigation {
  private Navigation() {}

  public static List<Location> definition(
      Analyses.Snapshot s, int offset, Function<SourceFile, String> uriOf) {
    Optional<Symbols.Symbol> sym = s.analysis().symbols().at(s.file(), offset);
    if (sym.isPresent()) {
      Span at = sym.get().name().span();
      return List.of(Positions.location(uriOf.apply(at.file()), at));
    }
    return importAt(s, offset)
        .map(
            l ->
                List.of(
                    new Location(
                        uriOf.apply(l.target()),
                        new Range(new Position(0, 0), new Position(0, 0)))))
        .orElse(List.of());
  }

  public static List<Location> references(
      Analyses.Snapshot s,
      int offset,
      boolean withDeclaration,
      Function<SourceFile, String> uriOf) {
    List<Location> out = new ArrayList<>();
    Optional<Symbols.Symbol> sym = s.analysis().symbols().at(s.file(), offset);
    if (sym.isPresent()) {
      if (withDeclaration) {
        Span at = sym.get().name().span();
        out.add(Positions.location(uriOf.apply(at.file()), at));
      }
      for (Span use : s.analysis().symbols().usesOf(sym.get())) {
        out.add(Positions.location(uriOf.apply(use.file()), use));
      }
      return out;
    }
    Optional<Program.ImportLink> imp = importAt(s, offset);
    if (imp.isPresent()) {
      for (Program.ImportLink l : s.analysis().links()) {
        if (l.target() == imp.get().target()) {
          Span at = l.decl().path().span();
          out.add(Positions.location(uriOf.apply(at.file()), at));
        }
      }
    }
    return out;
  }

  /** The name under the cursor, if it can be renamed. */
  public static Optional<Range> prepareRename(Analyses.Snapshot s, int offset) {
    Optional<Symbols.Symbol> sym = s.analysis().symbols().at(s.file(), offset);
    if (sym.isPresent()) {
      for (Span sp : spansOf(s.analysis(), sym.get())) {
        if (sp.file() == s.file() && sp.start() <= offset && offset <= sp.end()) {
          return Optional.of(Positions.range(sp));
        }
      }
      return Optional.empty();
    }
    return PoolRename.prepare(s.analysis(), s.file(), offset);
  }

  /**
   * Renames a declared name and every use of it, in every file of the configuration. A name that is
   * not an identifier, or a keyword, is refused. A pool's name is its address in the state, so
   * renaming a pool also writes a {@code moved} block ({@link PoolRename}).
   */
  public static WorkspaceEdit rename(
      Analyses.Snapshot s, int offset, String newName, Function<SourceFile, String> uriOf) {
    Optional<Symbols.Symbol> sym = s.analysis().symbols().at(s.file(), offset);
    if (sym.isEmpty()) {
      Optional<Decl.Pool> pool = PoolRename.poolAt(s.analysis(), s.file(), offset);
      if (pool.isEmpty()) {
        boolean nestedPool =
            s.analysis()
                .unit(s.file())
                .flatMap(u -> NodePath.at(u, offset).innermost(Decl.Pool.class))
                .filter(p -> p.name().span().start() <= offset && offset <= p.name().span().end())
                .isPresent();
        throw refused(
            nestedPool
                ? "A pool inside `for` or `if` cannot be renamed here, since a `moved` block"
                    + " belongs at the top level: rename it in the file, then write a `moved`"
                    + " block for each pool it makes, or run `pool state mv pool.OLD pool.NEW`."
                : "Only variables, clouds, templates, lets, loop variables and pools can be"
                    + " renamed.");
      }
      try {
        return PoolRename.rename(s.analysis(), s.file(), pool.get(), newName, uriOf);
      } catch (PoolRename.Refused e) {
        throw refused(e.getMessage());
      }
    }
    if (!dev.poolform.stdlib.value.Literals.isIdentifier(newName)
        || dev.poolform.stdlib.value.Literals.KEYWORDS.contains(newName)) {
      throw refused("`" + newName + "` is not a name: letters, digits and `_`, not a keyword.");
    }
    Map<String, List<TextEdit>> changes = new HashMap<>();
    for (Span sp : spansOf(s.analysis(), sym.get())) {
      changes
          .computeIfAbsent(uriOf.apply(sp.file()), k -> new ArrayList<>())
          .add(new TextEdit(Positions.range(sp), newName));
    }
    return new WorkspaceEdit(changes);
  }

  private static List<Span> spansOf(Analysis a, Symbols.Symbol sym) {
    List<Span> all = new ArrayList<>();
    all.add(sym.name().span());
    all.addAll(a.symbols().usesOf(sym));
    return all;
  }

  private static Optional<Program.ImportLink> importAt(Analyses.Snapshot s, int offset) {
    Optional<SourceUnit> unit = s.analysis().unit(s.file());
    if (unit.isEmpty()) return Optional.empty();
    Optional<Decl.Import> imp = NodePath.at(unit.get(), offset).innermost(Decl.Import.class);
    if (imp.isEmpty()) return Optional.empty();
    for (Program.ImportLink l : s.analysis().links()) {
      if (l.decl().span().equals(imp.get().span())) return Optional.of(l);
    }
    return Optional.empty();
  }

  private static ResponseErrorException refused(String message) {
    return new ResponseErrorException(
        new ResponseError(ResponseErrorCode.InvalidRequest, message, null));
  }
}
