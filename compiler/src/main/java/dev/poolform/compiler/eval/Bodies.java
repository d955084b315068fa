package dev.poolform.compiler.eval;

import dev.poolform.compiler.ast.Body;
import dev.poolform.compiler.ast.BodyItem;
import dev.poolform.compiler.diag.Code;
import dev.poolform.compiler.diag.Diagnostic;
import dev.poolform.compiler.diag.DiagnosticSink;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Evaluates the body of a cloud, template or pool into an {@link EBody}, keeping where each item
 * was written so later phases can point at it.
 */
final class Bodies {
  private final DiagnosticSink sink;
  private final Expressions expressions;

  Bodies(DiagnosticSink sink, Expressions expressions) {
    this.sink = sink;
    this.expressions = expressions;
  }

  /**
   * Evaluates a body. {@code path} is the block path inside a pool or template body ("" at its
   * top), used to allow {@code external} only at {@code capacity.desired}.
   */
  EBody eval(Body b, Env env, String path, boolean poolBody) {
    Map<String, EBody.Item> items = new LinkedHashMap<>();
    for (BodyItem item : b.items()) {
      String n = item.name().name();
      EBody.Item first = items.get(n);
      if (first != null) {
        sink.report(
            Diagnostic.of(
                    Code.E0304,
                    item.name().span(),
                    "`"
                        + n
                        + "` is given twice in this "
                        + (path.isEmpty() ? "body" : "`" + path + "` block")
                        + ".")
                .withNote(first.nameSpan(), "first given here"));
        continue;
      }
      if (item instanceof BodyItem.Attribute a) {
        boolean ext = poolBody && path.equals("capacity") && n.equals("desired");
        items.put(
            n,
            new EBody.Attr(
                expressions.eval(a.value(), env, ext), a.name().span(), a.value().span()));
      } else {
        BodyItem.Block bl = (BodyItem.Block) item;
        items.put(
            n,
            new EBody.Block(
                eval(bl.body(), env, path.isEmpty() ? n : path + "." + n, poolBody),
                bl.name().span()));
      }
    }
    return new EBody(items, b.span());
  }
}
