package dev.poolform.lsp.features;

import dev.poolform.compiler.Analysis;
import dev.poolform.compiler.ast.Body;
import dev.poolform.compiler.ast.BodyItem;
import dev.poolform.compiler.ast.Decl;
import dev.poolform.compiler.ast.Expr;
import dev.poolform.compiler.ast.SourceUnit;
import dev.poolform.compiler.ast.StringExpr;
import dev.poolform.compiler.resolve.Program;
import dev.poolform.source.SourceFile;
import dev.poolform.source.Span;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.TextEdit;
import org.eclipse.lsp4j.WorkspaceEdit;

/**
 * Renaming a pool. A pool's name is its address in the state, so the rename also writes a {@code
 * moved} block from the old address to the new one (docs/editors.md#renaming-a-pool): the next plan
 * then moves the state entry and keeps the cloud group and its machines, instead of deleting the
 * pool and creating another. The block is written whether or not a state knows the pool (the server
 * does not know which state a configuration is applied with; a block whose old address no state
 * holds does nothing and can be deleted). A pool renamed before keeps its earlier block: the two
 * chain ({@code a} to {@code b}, then {@code b} to {@code c}). {@code after} entries that name the
 * pool follow the rename.
 *
 * <p>Only a pool named by a constant string at the top level of one of the configuration's own
 * files can be renamed this way: the block names one old and one new address as written, and
 * belongs at the top level of the configuration (E0214).
 */
final class PoolRename {
  private PoolRename() {}

  /** What a {@code moved} address can spell after {@code pool.}: words joined by {@code -}. */
  static final Pattern NAME = Pattern.compile("[A-Za-z0-9_]+(-[A-Za-z0-9_]+)*");

  /** The pool whose name is under {@code offset}, declared at the top level of {@code file}. */
  static Optional<Decl.Pool> poolAt(Analysis a, SourceFile file, int offset) {
    return a.unit(file)
        .flatMap(
            u ->
                u.decls().stream()
                    .filter(d -> d instanceof Decl.Pool)
                    .map(d -> (Decl.Pool) d)
                    .filter(
                        p -> p.name().span().start() <= offset && offset <= p.name().span().end())
                    .findFirst());
  }

  /** The range of the name inside the quotes of the pool declared at {@code offset}, if any. */
  static Optional<Range> prepare(Analysis a, SourceFile file, int offset) {
    return poolAt(a, file, offset).map(p -> Positions.range(inner(p.name().span())));
  }

  /**
   * The edits that rename {@code pool} to {@code newName}; throws {@link Refused} with the reason
   * where the rename cannot be carried out that way.
   */
  static WorkspaceEdit rename(
      Analysis a,
      SourceFile file,
      Decl.Pool pool,
      String newName,
      Function<SourceFile, String> uriOf) {
    if (!(pool.name() instanceof StringExpr se)
        || !se.isConstant()
        || !se.heredoc().marker().isEmpty()) {
      throw new Refused(
          "This pool's name is computed, so each pool it makes has an address of its own: rename it"
              + " in the file and write a `moved` block for each (docs/language.md#moved), or move"
              + " each state entry with `pool state mv pool.OLD pool.NEW`.");
    }
    if (imported(a, file)) {
      throw new Refused(
          "This pool is declared in an imported file, and a `moved` block belongs in the"
              + " configuration's own files: rename it there and add the block by hand.");
    }
    String old = se.constantText();
    if (!NAME.matcher(newName).matches()) {
      throw new Refused(
          "`" + newName + "` cannot be written in a `moved` block: letters, digits, `_` and `-`.");
    }
    if (newName.equals(old)) return new WorkspaceEdit(Map.of());
    List<Decl.Moved> moves = new ArrayList<>();
    List<String> pools = new ArrayList<>();
    for (SourceUnit u : a.units()) collect(u.decls(), moves, pools);
    if (pools.contains(newName)) {
      throw new Refused("A pool named `" + newName + "` is already declared.");
    }
    for (Decl.Moved m : moves) {
      if (m.from().name().equals(newName)) {
        throw new Refused(
            "A `moved` block moves pool."
                + newName
                + " away, so no pool can be declared there: choose another name.");
      }
      if (m.from().name().equals(old)) {
        throw new Refused("A `moved` block already moves pool." + old + " away.");
      }
    }
    Map<String, List<TextEdit>> changes = new HashMap<>();
    add(changes, uriOf, inner(pool.name().span()), newName);
    Position end = Positions.position(file, pool.span().end());
    String block = "\n\nmoved {\n  from = pool." + old + "\n  to   = pool." + newName + "\n}";
    changes
        .computeIfAbsent(uriOf.apply(file), k -> new ArrayList<>())
        .add(new TextEdit(new Range(end, end), block));
    for (SourceUnit u : a.units()) afterEntries(u.decls(), old, newName, changes, uriOf);
    return new WorkspaceEdit(changes);
  }

  private static boolean imported(Analysis a, SourceFile file) {
    for (Program.ImportLink l : a.links()) if (l.target() == file) return true;
    return false;
  }

  private static void collect(List<Decl> decls, List<Decl.Moved> moves, List<String> pools) {
    for (Decl d : decls) {
      if (d instanceof Decl.Moved m) {
        moves.add(m);
      } else if (d instanceof Decl.Pool p && p.name() instanceof StringExpr s && s.isConstant()) {
        pools.add(s.constantText());
      } else if (d instanceof Decl.For f) {
        collect(f.body(), moves, pools);
      } else if (d instanceof Decl.If i) {
        collect(i.then(), moves, pools);
        collect(i.otherwise(), moves, pools);
      }
    }
  }

  /** {@code after = ["OLD", "pool.OLD"]} in pools and templates: the entries that name the pool. */
  private static void afterEntries(
      List<Decl> decls,
      String old,
      String newName,
      Map<String, List<TextEdit>> changes,
      Function<SourceFile, String> uriOf) {
    for (Decl d : decls) {
      Body body =
          d instanceof Decl.Pool p ? p.body() : d instanceof Decl.Template t ? t.body() : null;
      if (body != null) {
        for (BodyItem item : body.items()) {
          if (item instanceof BodyItem.Attribute at
              && at.name().name().equals("after")
              && at.value() instanceof Expr.ListExpr list) {
            for (Expr e : list.items()) {
              if (!(e instanceof StringExpr s) || !s.isConstant()) continue;
              String t = s.constantText();
              if (t.equals(old)) add(changes, uriOf, inner(s.span()), newName);
              else if (t.equals("pool." + old))
                add(changes, uriOf, inner(s.span()), "pool." + newName);
            }
          }
        }
      }
      if (d instanceof Decl.For f) afterEntries(f.body(), old, newName, changes, uriOf);
      if (d instanceof Decl.If i) {
        afterEntries(i.then(), old, newName, changes, uriOf);
        afterEntries(i.otherwise(), old, newName, changes, uriOf);
      }
    }
  }

  private static void add(
      Map<String, List<TextEdit>> changes,
      Function<SourceFile, String> uriOf,
      Span at,
      String text) {
    changes
        .computeIfAbsent(uriOf.apply(at.file()), k -> new ArrayList<>())
        .add(new TextEdit(Positions.range(at), text));
  }

  /** A quoted string's span without its quotes. */
  private static Span inner(Span s) {
    String t = s.text();
    if (t.length() >= 2 && t.startsWith("\"") && t.endsWith("\"")) {
      return new Span(s.file(), s.start() + 1, s.end() - 1);
    }
    return s;
  }

  /** A rename that cannot be done, with why; the server answers it as an error. */
  static final class Refused extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Refused(String message) {
      super(message, null, false, false);
    }
  }
}
