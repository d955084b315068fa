package dev.poolform.compiler.resolve;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.TreeMap;

/**
 * Finds cycles in a directed graph of nodes {@code 0..n-1}: one cycle per strongly connected
 * component that has one (Tarjan's algorithm, iterative so long chains do not overflow the stack).
 * Each cycle starts at its component's lowest node and follows edges back to it; cycles come in
 * order of their first node.
 */
public final class Cycles {
  private Cycles() {}

  public static List<List<Integer>> find(List<List<Integer>> adj) {
    // By first node (each component has its own); a loop, not a stream: resolution is on every
    // compilation's start path (see Loader).
    TreeMap<Integer, List<Integer>> byFirst = new TreeMap<>();
    for (List<Integer> comp : cyclicComponents(adj)) {
      int first = Integer.MAX_VALUE;
      for (int node : comp) first = Math.min(first, node);
      byFirst.put(first, pathBack(adj, first, comp));
    }
    return new ArrayList<>(byFirst.values());
  }

  /**
   * The strongly connected components that hold a cycle (more than one node, or a self-loop), by
   * Tarjan's algorithm with an explicit stack of frames (node, next edge) instead of recursion.
   */
  private static List<List<Integer>> cyclicComponents(List<List<Integer>> adj) {
    int n = adj.size();
    int[] index = new int[n];
    int[] low = new int[n];
    boolean[] onStack = new boolean[n];
    Arrays.fill(index, -1);
    int[] stack = new int[n];
    int sp = 0;
    int counter = 0;
    List<List<Integer>> components = new ArrayList<>();
    int[] frameNode = new int[n];
    int[] frameEdge = new int[n];
    for (int start = 0; start < n; start++) {
      if (index[start] >= 0) continue;
      int fp = 0;
      frameNode[fp] = start;
      frameEdge[fp++] = 0;
      index[start] = low[start] = counter++;
      stack[sp++] = start;
      onStack[start] = true;
      while (fp > 0) {
        int v = frameNode[fp - 1];
        int i = frameEdge[fp - 1];
        List<Integer> out = adj.get(v);
        if (i < out.size()) {
          frameEdge[fp - 1] = i + 1;
          int w = out.get(i);
          if (index[w] < 0) {
            index[w] = low[w] = counter++;
            stack[sp++] = w;
            onStack[w] = true;
            frameNode[fp] = w;
            frameEdge[fp++] = 0;
          } else if (onStack[w]) {
            low[v] = Math.min(low[v], index[w]);
          }
        } else {
          fp--;
          if (fp > 0) {
            int parent = frameNode[fp - 1];
            low[parent] = Math.min(low[parent], low[v]);
          }
          if (low[v] == index[v]) {
            List<Integer> comp = new ArrayList<>();
            int w;
            do {
              w = stack[--sp];
              onStack[w] = false;
              comp.add(w);
            } while (w != v);
            if (comp.size() > 1 || adj.get(v).contains(v)) components.add(comp);
          }
        }
      }
    }
    return components;
  }

  /** A shortest path from {@code start} back to itself inside its component (BFS). */
  private static List<Integer> pathBack(List<List<Integer>> adj, int start, List<Integer> comp) {
    java.util.Set<Integer> in = new java.util.HashSet<>(comp);
    java.util.Map<Integer, Integer> prev = new java.util.HashMap<>();
    Deque<Integer> queue = new ArrayDeque<>();
    queue.add(start);
    while (!queue.isEmpty()) {
      int v = queue.poll();
      for (int w : adj.get(v)) {
        if (!in.contains(w)) continue;
        if (w == start) {
          List<Integer> path = new ArrayList<>();
          for (int x = v; x != start; x = prev.get(x)) path.add(0, x);
          path.add(0, start);
          return path;
        }
        if (!prev.containsKey(w)) {
          prev.put(w, v);
          queue.add(w);
        }
      }
    }
    return List.of(start);
  }
}
