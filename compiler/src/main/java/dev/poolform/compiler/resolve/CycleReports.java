package dev.poolform.compiler.resolve;

import dev.poolform.compiler.ast.Decl;
import dev.poolform.compiler.ast.Ident;
import dev.poolform.compiler.diag.Code;
import dev.poolform.compiler.diag.Diagnostic;
import dev.poolform.compiler.diag.DiagnosticSink;
import dev.poolform.source.Span;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * E0205 for names that depend on themselves: one diagnostic a cycle, at its first declaration, with
 * a note at each link, so the user sees the whole path without hunting for it.
 */
final class CycleReports {
  private CycleReports() {}

  /** Lets and clouds of one scope that use themselves, through each other. */
  static void lets(Scope scope, DiagnosticSink sink) {
    List<Decl> nodes = scope.order;
    IdentityHashMap<Decl, Integer> idx = new IdentityHashMap<>();
    for (int i = 0; i < nodes.size(); i++) idx.put(nodes.get(i), i);
    List<List<Integer>> adj = new ArrayList<>();
    for (Decl d : nodes) {
      List<Integer> to = new ArrayList<>();
      for (Scope.Edge x : scope.deps.get(d)) to.add(idx.get(x.to()));
      adj.add(to);
    }
    for (List<Integer> ci : Cycles.find(adj)) {
      List<Decl> cycle = new ArrayList<>();
      for (int i : ci) cycle.add(nodes.get(i));
      List<Span> linkSpans = new ArrayList<>();
      StringBuilder path = new StringBuilder();
      for (int i = 0; i < cycle.size(); i++) {
        Decl from = cycle.get(i);
        Decl to = cycle.get((i + 1) % cycle.size());
        path.append('`').append(Resolver.nameOf(from).name()).append("` -> ");
        for (Scope.Edge x : scope.deps.get(from)) {
          if (x.to() == to) {
            linkSpans.add(x.at());
            break;
          }
        }
      }
      path.append('`').append(Resolver.nameOf(cycle.get(0)).name()).append('`');
      Decl first = cycle.get(0);
      Diagnostic d =
          Diagnostic.of(
              Code.E0205,
              Resolver.nameOf(first).span(),
              "`" + Resolver.nameOf(first).name() + "` depends on itself: " + path + ".");
      for (int i = 0; i < linkSpans.size(); i++) {
        d =
            d.withNote(
                linkSpans.get(i),
                "`"
                    + Resolver.nameOf(cycle.get(i)).name()
                    + "` uses `"
                    + Resolver.nameOf(cycle.get((i + 1) % cycle.size())).name()
                    + "` here");
      }
      sink.report(d);
    }
  }

  /** Templates built {@code from} themselves, through each other. */
  static void templates(Map<String, Decl.Template> templates, DiagnosticSink sink) {
    List<Decl.Template> nodes = new ArrayList<>(templates.values());
    Map<String, Integer> idx = new HashMap<>();
    for (int i = 0; i < nodes.size(); i++) idx.put(nodes.get(i).name().name(), i);
    List<List<Integer>> adj = new ArrayList<>();
    for (Decl.Template t : nodes) {
      List<Integer> to = new ArrayList<>();
      for (Ident f : t.from()) {
        Integer x = idx.get(f.name());
        if (x != null) to.add(x);
      }
      adj.add(to);
    }
    for (List<Integer> ci : Cycles.find(adj)) {
      List<Decl> cycle = new ArrayList<>();
      for (int i : ci) cycle.add(nodes.get(i));
      Decl.Template first = (Decl.Template) cycle.get(0);
      StringBuilder path = new StringBuilder();
      for (Decl d : cycle) path.append('`').append(Resolver.nameOf(d).name()).append("` -> ");
      path.append('`').append(first.name().name()).append('`');
      Diagnostic d =
          Diagnostic.of(
              Code.E0205,
              first.name().span(),
              "Template `" + first.name().name() + "` inherits from itself: " + path + ".");
      for (int i = 0; i < cycle.size(); i++) {
        Decl.Template from = (Decl.Template) cycle.get(i);
        Decl.Template to = (Decl.Template) cycle.get((i + 1) % cycle.size());
        for (Ident f : from.from()) {
          if (f.name().equals(to.name().name())) {
            d =
                d.withNote(
                    f.span(),
                    "`" + from.name().name() + "` is built from `" + to.name().name() + "` here");
            break;
          }
        }
      }
      sink.report(d);
    }
  }
}
