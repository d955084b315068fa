package dev.poolform.compiler.check;

import dev.poolform.compiler.diag.Code;
import dev.poolform.compiler.diag.Diagnostic;
import dev.poolform.compiler.diag.DiagnosticSink;
import dev.poolform.compiler.eval.EBody;
import dev.poolform.compiler.eval.PoolInstance;
import dev.poolform.compiler.resolve.Cycles;
import dev.poolform.compiler.resolve.Suggest;
import dev.poolform.stdlib.value.ListValue;
import dev.poolform.stdlib.value.StringValue;
import dev.poolform.stdlib.value.Value;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks across pools: unique names after unrolling (E0202), {@code after} references (E0201) and
 * cycles (E0205).
 */
public final class PoolGraph {
  private PoolGraph() {}

  /** The pool an {@code after} entry names: a pool name, or an address {@code pool.NAME}. */
  public static PoolInstance target(Map<String, PoolInstance> byName, String ref) {
    PoolInstance p = byName.get(ref);
    if (p == null && ref.startsWith("pool.")) p = byName.get(ref.substring(5));
    return p;
  }

  static void check(List<PoolInstance> pools, DiagnosticSink sink) {
    Map<String, PoolInstance> byName = new HashMap<>();
    List<PoolInstance> unique = unique(pools, byName, sink);
    IdentityHashMap<PoolInstance, EBody.Attr> afterAttr = new IdentityHashMap<>();
    List<List<Integer>> graph = edges(unique, byName, afterAttr, sink);
    cycles(graph, unique, afterAttr, sink);
  }

  /** The pools with a name of their own (the first of each name); fills {@code byName}. */
  private static List<PoolInstance> unique(
      List<PoolInstance> pools, Map<String, PoolInstance> byName, DiagnosticSink sink) {
    List<PoolInstance> unique = new ArrayList<>();
    for (PoolInstance p : pools) {
      PoolInstance first = byName.putIfAbsent(p.name(), p);
      if (first != null) {
        sink.report(
            Diagnostic.of(
                    Code.E0202,
                    p.nameSpan(),
                    "Pool `"
                        + p.name()
                        + "` is declared more than once"
                        + (first.nameSpan().equals(p.nameSpan())
                            ? " (the loop stamps the same name twice)"
                            : "")
                        + ".")
                .withNote(first.nameSpan(), "first declared here")
                .withHelp(
                    "Pool names must be unique after loops are unrolled; put the loop variable into the name."));
      } else {
        unique.add(p);
      }
    }
    return unique;
  }

  /**
   * The {@code after} graph over {@code unique} by index; reports names no pool has. Fills {@code
   * afterAttr} with each pool's {@code after} attribute, where cycles are reported.
   */
  private static List<List<Integer>> edges(
      List<PoolInstance> unique,
      Map<String, PoolInstance> byName,
      IdentityHashMap<PoolInstance, EBody.Attr> afterAttr,
      DiagnosticSink sink) {
    IdentityHashMap<PoolInstance, Integer> idx = new IdentityHashMap<>();
    for (int i = 0; i < unique.size(); i++) idx.put(unique.get(i), i);
    List<List<Integer>> graph = new ArrayList<>();
    List<String> names = null;
    for (PoolInstance p : unique) {
      List<Integer> out = new ArrayList<>();
      graph.add(out);
      if (!(p.body().get("after") instanceof EBody.Attr a) || !(a.value() instanceof ListValue l))
        continue;
      afterAttr.put(p, a);
      for (Value v : l.items()) {
        if (!(v instanceof StringValue s)) continue;
        PoolInstance t = target(byName, s.value());
        if (t != null) {
          out.add(idx.get(t));
          continue;
        }
        if (names == null) names = new ArrayList<>(byName.keySet());
        Diagnostic d =
            Diagnostic.of(
                Code.E0201, a.valueSpan(), "`after` names unknown pool `" + s.value() + "`.");
        String help = Suggest.didYouMean(s.value(), names);
        sink.report(help != null ? d.withHelp(help) : d);
      }
    }
    return graph;
  }

  /**
   * One E0205 a cycle, at the first pool's {@code after}, with a note at each other pool's. Pools
   * that are not in {@code unique} (duplicates) have no node; edges to them point at the first.
   */
  private static void cycles(
      List<List<Integer>> graph,
      List<PoolInstance> unique,
      IdentityHashMap<PoolInstance, EBody.Attr> afterAttr,
      DiagnosticSink sink) {
    for (List<Integer> ci : Cycles.find(graph)) {
      List<PoolInstance> cycle = new ArrayList<>();
      for (int i : ci) cycle.add(unique.get(i));
      PoolInstance first = cycle.get(0);
      StringBuilder path = new StringBuilder();
      for (PoolInstance p : cycle) path.append('`').append(p.name()).append("` -> ");
      path.append('`').append(first.name()).append('`');
      Diagnostic d =
          Diagnostic.of(
              Code.E0205,
              afterAttr.get(first).valueSpan(),
              "Pool `" + first.name() + "` must wait for itself through `after`: " + path + ".");
      for (int i = 1; i < cycle.size(); i++) {
        PoolInstance p = cycle.get(i);
        d =
            d.withNote(
                afterAttr.get(p).valueSpan(),
                "`"
                    + p.name()
                    + "` waits for `"
                    + cycle.get((i + 1) % cycle.size()).name()
                    + "` here");
      }
      sink.report(d);
    }
  }
}
