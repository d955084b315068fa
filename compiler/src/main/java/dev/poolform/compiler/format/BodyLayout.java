package dev.poolform.compiler.format;

import dev.poolform.compiler.ast.Body;
import dev.poolform.compiler.ast.BodyItem;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Prints the body of a cloud, template or pool and its nested blocks. A body written on one line
 * with no comment stays on one line, its items separated by two spaces ({@code capacity { min = 1
 * max = 5 }}); otherwise one item per line. A comment between an item's name and its value keeps
 * that part as written.
 */
final class BodyLayout {
  private final SourceText source;
  private final Lines lines;
  private final ExprLayout exprs;

  BodyLayout(SourceText source, Lines lines, ExprLayout exprs) {
    this.source = source;
    this.lines = lines;
    this.exprs = exprs;
  }

  String body(Body b, int ind) {
    List<Item> items = b.items().stream().map(this::item).collect(Collectors.toList());
    return lines.braces(b.span().start(), b.span().end() - 1, b.items(), items, ind, "  ");
  }

  private Item item(BodyItem item) {
    if (item instanceof BodyItem.Attribute a) {
      if (source.hasComments(
          /* start= */ a.name().span().end(), /* end= */ a.value().span().start())) {
        return Item.plain(
            a.span(),
            ind ->
                source.takeVerbatim(a.span().start(), a.value().span().start())
                    + " "
                    + exprs.expr(a.value(), ind));
      }
      return Item.aligned(a.span(), a.name().name(), ind -> " = " + exprs.expr(a.value(), ind));
    }
    BodyItem.Block blk = (BodyItem.Block) item;
    if (source.hasComments(
        /* start= */ blk.name().span().end(), /* end= */ blk.body().span().start())) {
      return Item.plain(
          blk.span(),
          ind ->
              source.takeVerbatim(blk.span().start(), blk.body().span().start())
                  + " "
                  + body(blk.body(), ind));
    }
    return Item.aligned(blk.span(), blk.name().name(), ind -> " " + body(blk.body(), ind));
  }
}
