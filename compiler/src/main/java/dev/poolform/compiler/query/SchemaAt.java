package dev.poolform.compiler.query;

import dev.poolform.compiler.Analysis;
import dev.poolform.compiler.ast.Body;
import dev.poolform.compiler.ast.BodyItem;
import dev.poolform.compiler.ast.Decl;
import dev.poolform.compiler.ast.Expr;
import dev.poolform.compiler.ast.Node;
import dev.poolform.compiler.resolve.Symbols;
import dev.poolform.stdlib.schema.AttrSchema;
import dev.poolform.stdlib.schema.BlockSchema;
import dev.poolform.stdlib.schema.Schemas;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Which stdlib schema governs a place in a file: the same schemas the checker walks
 * (docs/language.md#the-pool-body), chosen the same way: a cloud's settings by its kind, a pool's
 * body by the kind of the cloud it runs on, nested blocks by name.
 */
public final class SchemaAt {
  private SchemaAt() {}

  /**
   * The schema of a body, with where it is.
   *
   * @param schema the block schema of the innermost body on the path
   * @param path the dotted block path inside the declaration ({@code ""}, {@code "rollout"}, {@code
   *     "machine.disk"})
   * @param declaration the cloud, template or pool the body belongs to
   * @param cloudKind the kind of cloud whose rules apply, when known
   */
  public record Scoped(
      BlockSchema schema, String path, Decl declaration, Optional<String> cloudKind) {}

  /** The schema of the innermost body on {@code path}, if it belongs to a declaration. */
  public static Optional<Scoped> body(Analysis analysis, NodePath path) {
    List<Node> nodes = path.nodes();
    int owner = -1;
    for (int i = nodes.size() - 1; i >= 0 && owner < 0; i--) {
      Node n = nodes.get(i);
      if (n instanceof Decl.Cloud || n instanceof Decl.Template || n instanceof Decl.Pool)
        owner = i;
    }
    if (owner < 0) return Optional.empty();
    Decl decl = (Decl) nodes.get(owner);
    Optional<String> kind = kindOf(analysis, decl);
    Optional<BlockSchema> schema = root(decl, kind);
    if (schema.isEmpty() || !(owner + 1 < nodes.size() && nodes.get(owner + 1) instanceof Body)) {
      return Optional.empty();
    }
    String dotted = "";
    for (int i = owner + 2; i + 1 < nodes.size(); i++) {
      if (nodes.get(i) instanceof BodyItem.Block b && nodes.get(i + 1) == b.body()) {
        schema = schema.flatMap(s -> s.block(b.name().name()));
        if (schema.isEmpty()) return Optional.empty();
        dotted = dotted.isEmpty() ? b.name().name() : dotted + "." + b.name().name();
      }
    }
    return Optional.of(new Scoped(schema.get(), dotted, decl, kind));
  }

  /** The attribute whose name the path ends on ({@code max_surge} in {@code max_surge = 1}). */
  public static Optional<AttrSchema> attributeNamed(Analysis analysis, NodePath path) {
    if (!(path.leaf() instanceof dev.poolform.compiler.ast.Ident id)) return Optional.empty();
    Optional<Node> parent = path.parentOf(id);
    if (parent.isEmpty()
        || !(parent.get() instanceof BodyItem.Attribute a)
        || !a.name().equals(id)) {
      return Optional.empty();
    }
    return body(analysis, path).flatMap(s -> s.schema().attribute(id.name()));
  }

  /** The block whose name the path ends on ({@code rollout} in {@code rollout { ... }}). */
  public static Optional<BlockSchema> blockNamed(Analysis analysis, NodePath path) {
    if (!(path.leaf() instanceof dev.poolform.compiler.ast.Ident id)) return Optional.empty();
    Optional<Node> parent = path.parentOf(id);
    if (parent.isEmpty() || !(parent.get() instanceof BodyItem.Block b) || !b.name().equals(id)) {
      return Optional.empty();
    }
    return body(analysis, path).flatMap(s -> s.schema().block(id.name()));
  }

  /** The attribute a value is written for: the path runs through {@code name = <here>}. */
  public static Optional<AttrSchema> attributeOfValue(Analysis analysis, NodePath path) {
    for (int i = path.nodes().size() - 1; i >= 0; i--) {
      if (path.nodes().get(i) instanceof BodyItem.Attribute a) {
        NodePath upTo = new NodePath(path.nodes().subList(0, i + 1));
        return body(analysis, upTo).flatMap(s -> s.schema().attribute(a.name().name()));
      }
    }
    return Optional.empty();
  }

  /**
   * The cloud kind whose rules apply to a declaration: a cloud's own; the kind of the cloud a pool
   * is on (named directly, or through a loop variable when every stamped pool agrees); for a
   * template, the configuration's only cloud kind, if it has just one.
   */
  public static Optional<String> kindOf(Analysis analysis, Decl decl) {
    if (decl instanceof Decl.Cloud c) return Optional.of(c.kind().name());
    if (decl instanceof Decl.Pool p) {
      Expr on = p.on();
      while (on instanceof Expr.Paren paren) on = paren.inner();
      if (on instanceof Expr.Name n) {
        Optional<Symbols.Symbol> s = analysis.symbols().at(n.span().file(), n.span().start());
        if (s.isPresent() && s.get().declaration() instanceof Decl.Cloud c) {
          return Optional.of(c.kind().name());
        }
      }
      Set<String> kinds = analysis.values().cloudKinds(p);
      return kinds.size() == 1 ? kinds.stream().findFirst() : Optional.empty();
    }
    Set<String> kinds = new LinkedHashSet<>();
    for (Symbols.Symbol s : analysis.symbols().declarations()) {
      if (s.declaration() instanceof Decl.Cloud c) kinds.add(c.kind().name());
    }
    return kinds.size() == 1 ? kinds.stream().findFirst() : Optional.empty();
  }

  private static Optional<BlockSchema> root(Decl decl, Optional<String> kind) {
    if (decl instanceof Decl.Cloud) return kind.flatMap(Schemas::cloud);
    boolean known = kind.isPresent() && Schemas.machine(kind.get()).isPresent();
    return Optional.of(known ? Schemas.pool(kind.get()) : Schemas.PORTABLE_POOL);
  }
}
