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
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Checks the {@code moved} blocks against the evaluated pools (docs/language.md#moved), Terraform
 * 1.1's rules: {@code to} is a pool of the configuration (E0213), {@code from} is not one any more
 * (E0212), and each address is moved from and to at most once, with no loop (E0214). A chain
 * ({@code a} to {@code b}, {@code b} to {@code c}: a pool renamed twice) is followed to its end, so
 * each old address moves straight to the pool that holds it now. A {@code moved} block is written
 * at the top level of a configuration's own files, not inside {@code for}/{@code if} nor in an
 * imported file (E0214).
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
    Map<String, Decl.Moved> byFrom = new HashMap<>();
    Map<String, Decl.Moved> byTo = new HashMap<>();
    List<Decl.Moved> kept = new ArrayList<>();
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
        byFrom.remove(from);
        sink.report(
            Diagnostic.of(
                    Code.E0214,
                    m.to().span(),
                    "Two `moved` blocks move a pool to "
                        + to
                        + ": only one of the old pools can become it. For a pool renamed twice,"
                        + " chain the blocks (a to b, then b to c).")
                .withNote(sameTo.to().span(), "also moved here"));
        continue;
      }
      kept.add(m);
    }
    List<IrMove> out = new ArrayList<>();
    for (Decl.Moved m : kept) {
      String from = m.from().address();
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
      // A chain a → b, b → c (a pool renamed twice) is followed to its end, as Terraform does:
      // a state that holds a, and one that holds b, both end at c.
      Decl.Moved last = m;
      Set<Decl.Moved> seen = new HashSet<>(List.of(m));
      boolean loop = false;
      while (!loop && byFrom.containsKey(last.to().address())) {
        last = byFrom.get(last.to().address());
        loop = !seen.add(last);
      }
      String end = last.to().address();
      if (loop) {
        ok = false; // reported once, by reportLoops
      } else if (!pools.contains(end)) {
        ok = false; // reported by the chain's last block, whose own `to` names no pool
        if (last.equals(m)) {
          String hint = Suggest.didYouMean(end, pools);
          sink.report(
              Diagnostic.of(
                  Code.E0213,
                  m.to().span(),
                  "No pool "
                      + end
                      + " is declared to move "
                      + from
                      + " to."
                      + (hint == null ? "" : " " + hint)));
        }
      }
      if (ok) out.add(new IrMove(from, last.to().address(), m.span()));
    }
    reportLoops(kept, byFrom, sink);
    out.sort(BY_FROM);
    return out;
  }

  /** Moves by the address they move from; a class, not a lambda (see Loader). */
  private static final Comparator<IrMove> BY_FROM = new ByFrom();

  private static final class ByFrom implements Comparator<IrMove> {
    @Override
    public int compare(IrMove a, IrMove b) {
      return a.from().compareTo(b.from());
    }
  }

  /**
   * Blocks that lead back to where they started ({@code a} to {@code b}, {@code b} to {@code a}).
   */
  private static void reportLoops(
      List<Decl.Moved> kept, Map<String, Decl.Moved> byFrom, DiagnosticSink sink) {
    Set<Decl.Moved> reported = new HashSet<>();
    for (Decl.Moved m : kept) {
      if (reported.contains(m)) continue;
      List<Decl.Moved> path = new ArrayList<>();
      Decl.Moved at = m;
      while (at != null && !path.contains(at)) {
        path.add(at);
        at = byFrom.get(at.to().address());
      }
      if (!m.equals(at)) continue;
      reported.addAll(path);
      Diagnostic d =
          Diagnostic.of(
              Code.E0214,
              m.from().span(),
              "These `moved` blocks go round in a loop ("
                  + String.join(" to ", path.stream().map(x -> x.from().address()).toList())
                  + " to "
                  + m.from().address()
                  + "): no pool is at the end of it.");
      for (Decl.Moved x : path.subList(1, path.size()))
        d = d.withNote(x.from().span(), "part of the loop");
      sink.report(d);
    }
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
