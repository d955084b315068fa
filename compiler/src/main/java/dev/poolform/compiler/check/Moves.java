package dev.poolform.compiler.check;

import dev.poolform.compiler.ast.Decl;
import dev.poolform.compiler.ast.SourceUnit;
import dev.poolform.compiler.diag.Code;
import dev.poolform.compiler.diag.Diagnostic;
import dev.poolform.compiler.diag.DiagnosticSink;
import dev.poolform.compiler.eval.Evaluation;
import dev.poolform.compiler.eval.PoolInstance;
import dev.poolform.compiler.resolve.Program;
import dev.poolform.compiler.resolve.Suggest;
import dev.poolform.ir.IrMove;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Checks the {@code moved} blocks against the evaluated pools (docs/language.md#moved), Terraform
 * 1.1's rules: {@code to} is a pool of the configuration (E0213), {@code from} is not one any more
 * (E0212), and each address is moved from and to at most once, with no chain or cycle (E0214). A
 * {@code moved} block is written at the top level of a configuration's own files, not inside {@code
 * for}/{@code if} nor in an imported file (E0214).
 */
public final class Moves {
  private Moves() {}

  /** The checked moves, sorted by their old address; errors go to {@code sink}. */
  public static List<IrMove> check(Program program, Evaluation ev, DiagnosticSink sink) {
    Set<String> pools = new TreeSet<>();
    for (PoolInstance p : ev.pools()) pools.add("pool." + p.name());
    List<Decl.Moved> moved = new ArrayList<>();
    for (SourceUnit u : program.entries()) {
      for (Decl d : u.decls()) {
        if (d instanceof Decl.Moved m) moved.add(m);
        else nested(d, sink);
      }
    }
    for (SourceUnit u : program.imports()) {
      for (Decl d : u.decls()) {
        if (d instanceof Decl.Moved m) misplaced(m, "in an imported file", sink);
        else nested(d, sink);
      }
    }
    Set<String> froms = new TreeSet<>();
    for (Decl.Moved m : moved) froms.add(m.from().address());
    Map<String, Decl.Moved> byFrom = new HashMap<>();
    Map<String, Decl.Moved> byTo = new HashMap<>();
    List<IrMove> out = new ArrayList<>();
    for (Decl.Moved m : moved) {
      String from = m.from().address();
      String to = m.to().address();
      if (from.equals(to)) {
        sink.report(
            Diagnostic.of(
                Code.E0214, m.to().span(), "`moved` from " + from + " to itself moves nothing."));
        continue;
      }
      Decl.Moved sameFrom = byFrom.putIfAbsent(from, m);
      if (sameFrom != null) {
        sink.report(
            Diagnostic.of(
                    Code.E0214,
                    m.from().span(),
                    from + " is moved twice: a pool has one new address.")
                .withNote(sameFrom.from().span(), "first moved here"));
        continue;
      }
      Decl.Moved sameTo = byTo.putIfAbsent(to, m);
      if (sameTo != null) {
        sink.report(
            Diagnostic.of(
                    Code.E0214,
                    m.to().span(),
                    "Two `moved` blocks move a pool to "
                        + to
                        + ": only one of the old pools can become it.")
                .withNote(sameTo.to().span(), "also moved here"));
        continue;
      }
      boolean ok = true;
      if (pools.contains(from)) {
        sink.report(
            Diagnostic.of(
                Code.E0212,
                m.from().span(),
                from
                    + " is still declared, so it cannot have moved: remove the pool (or the"
                    + " `moved` block)."));
        ok = false;
      }
      if (froms.contains(to)) {
        ok = false; // a chain: reported below, once
      } else if (!pools.contains(to)) {
        String hint = Suggest.didYouMean(to, pools);
        sink.report(
            Diagnostic.of(
                Code.E0213,
                m.to().span(),
                "No pool "
                    + to
                    + " is declared to move "
                    + from
                    + " to."
                    + (hint == null ? "" : " " + hint)));
        ok = false;
      }
      if (ok) out.add(new IrMove(from, to, m.span()));
    }
    // A chain a → b, b → c: b is both a new and an old address. Terraform folds chains; here
    // each move is one rename in one plan, so write `a → c` (and `b → c` if b was applied).
    for (Decl.Moved m : moved) {
      Decl.Moved into = byTo.get(m.from().address());
      if (into != null && !into.equals(m) && m.equals(byFrom.get(m.from().address()))) {
        sink.report(
            Diagnostic.of(
                    Code.E0214,
                    m.from().span(),
                    m.from().address()
                        + " is the new address of another `moved` block and the old address of"
                        + " this one: moves do not chain. Move each old address straight to "
                        + m.to().address()
                        + ".")
                .withNote(into.to().span(), "moved to " + m.from().address() + " here"));
        out.removeIf(x -> x.span().equals(m.span()) || x.span().equals(into.span()));
      }
    }
    out.sort(Comparator.comparing(IrMove::from));
    return out;
  }

  private static void nested(Decl d, DiagnosticSink sink) {
    List<Decl> inner =
        d instanceof Decl.For f
            ? f.body()
            : d instanceof Decl.If i ? concat(i.then(), i.otherwise()) : List.of();
    for (Decl x : inner) {
      if (x instanceof Decl.Moved m) misplaced(m, "inside `for` or `if`", sink);
      else nested(x, sink);
    }
  }

  private static List<Decl> concat(List<Decl> a, List<Decl> b) {
    List<Decl> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }

  private static void misplaced(Decl.Moved m, String where, DiagnosticSink sink) {
    sink.report(
        Diagnostic.of(
            Code.E0214,
            m.span(),
            "A `moved` block is written at the top level of the configuration, not "
                + where
                + ": it names one pool's old and new address as written."));
  }
}
