package dev.poolform.compiler.query;

import dev.poolform.compiler.ast.Node;
import dev.poolform.compiler.ast.Nodes;
import dev.poolform.compiler.ast.SourceUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The syntax nodes that enclose an offset, from the file down to the innermost: {@code [file, pool,
 * body, block rollout, body, attribute max_surge, ident max_surge]}. A node's end counts as inside
 * it, so a cursor right after a name (where one types) is on that name.
 */
public record NodePath(List<Node> nodes) {
  public NodePath {
    nodes = List.copyOf(nodes);
  }

  public static NodePath at(SourceUnit unit, int offset) {
    List<Node> path = new ArrayList<>();
    Node n = unit;
    path.add(n);
    while (true) {
      Node next = null;
      for (Node c : Nodes.children(n)) {
        if (c.span().file() == unit.file()
            && c.span().start() <= offset
            && offset <= c.span().end()) {
          next = c;
          // A later child starting exactly here (`a.b` at the `.`) is the more specific one.
          if (offset < c.span().end()) break;
        }
      }
      if (next == null) return new NodePath(path);
      path.add(next);
      n = next;
    }
  }

  /** The innermost node. */
  public Node leaf() {
    return nodes.get(nodes.size() - 1);
  }

  /** The innermost enclosing node of a type. */
  public <T extends Node> Optional<T> innermost(Class<T> type) {
    for (int i = nodes.size() - 1; i >= 0; i--) {
      if (type.isInstance(nodes.get(i))) return Optional.of(type.cast(nodes.get(i)));
    }
    return Optional.empty();
  }

  /** The node just above {@code child} on this path. */
  public Optional<Node> parentOf(Node child) {
    for (int i = 1; i < nodes.size(); i++) {
      if (nodes.get(i) == child) return Optional.of(nodes.get(i - 1));
    }
    return Optional.empty();
  }
}
