package dev.poolform.compiler.check;

import dev.poolform.compiler.diag.Code;
import dev.poolform.compiler.diag.Diagnostic;
import dev.poolform.compiler.diag.DiagnosticSink;
import dev.poolform.compiler.eval.EBody;
import dev.poolform.compiler.resolve.Suggest;
import dev.poolform.source.Span;
import dev.poolform.stdlib.schema.AttrSchema;
import dev.poolform.stdlib.schema.BlockSchema;
import dev.poolform.stdlib.types.Types;
import dev.poolform.stdlib.value.BytesValue;
import dev.poolform.stdlib.value.DurationValue;
import dev.poolform.stdlib.value.IntValue;
import dev.poolform.stdlib.value.Literals;
import dev.poolform.stdlib.value.NullValue;
import dev.poolform.stdlib.value.NumberValue;
import dev.poolform.stdlib.value.PercentValue;
import dev.poolform.stdlib.value.SecretValue;
import dev.poolform.stdlib.value.StringValue;
import dev.poolform.stdlib.value.Value;
import java.util.Map;

/** Walks an evaluated body against a block schema: E0301, E0302, E0303, E0310, E0401. */
final class SchemaWalker {
  private final DiagnosticSink sink;

  SchemaWalker(DiagnosticSink sink) {
    this.sink = sink;
  }

  /**
   * @param path the block path for messages ("" for a whole body)
   * @param anchor where a missing attribute is reported: the block's name, or the pool's name
   * @param skip a block name not to check here (the machine block of a pool whose cloud is unknown)
   */
  void walk(EBody body, BlockSchema schema, String path, Span anchor, String skip) {
    walk(body, schema, path, anchor, skip, true);
  }

  /**
   * @param reportMissing false when the body may lack attributes for a reason already reported (its
   *     template is unknown)
   */
  void walk(
      EBody body,
      BlockSchema schema,
      String path,
      Span anchor,
      String skip,
      boolean reportMissing) {
    java.util.Set<String> suggested = new java.util.HashSet<>();
    for (Map.Entry<String, EBody.Item> e : body.items().entrySet()) {
      String n = e.getKey();
      if (n.equals(skip)) continue;
      String full = path.isEmpty() ? n : path + "." + n;
      if (e.getValue() instanceof EBody.Attr a) {
        attribute(n, full, a, schema, path, suggested);
      } else {
        block(n, full, (EBody.Block) e.getValue(), schema, path, suggested, reportMissing);
      }
    }
    if (reportMissing) missing(body, schema, path, anchor, skip, suggested);
  }

  private void attribute(
      String n,
      String full,
      EBody.Attr a,
      BlockSchema schema,
      String path,
      java.util.Set<String> suggested) {
    AttrSchema as = schema.attribute(n).orElse(null);
    if (as == null) {
      if (schema.block(n).isPresent()) {
        sink.report(
            Diagnostic.of(Code.E0301, a.nameSpan(), "`" + full + "` is a block, not an attribute.")
                .withHelp("Write `" + n + " { ... }` without `=`."));
      } else {
        unknown(n, a.nameSpan(), schema, path, suggested);
      }
      return;
    }
    if (a.value() != null) value(full, as, a);
  }

  private void block(
      String n,
      String full,
      EBody.Block b,
      BlockSchema schema,
      String path,
      java.util.Set<String> suggested,
      boolean reportMissing) {
    BlockSchema bs = schema.block(n).orElse(null);
    if (bs == null) {
      if (schema.attribute(n).isPresent()) {
        sink.report(
            Diagnostic.of(Code.E0301, b.nameSpan(), "`" + full + "` is an attribute, not a block.")
                .withHelp("Write `" + n + " = ...`."));
      } else {
        unknown(n, b.nameSpan(), schema, path, suggested);
      }
      return;
    }
    walk(b.body(), bs, full, b.nameSpan(), null, reportMissing);
  }

  /** Required attributes and blocks the body lacks, reported at {@code anchor}. */
  private void missing(
      EBody body,
      BlockSchema schema,
      String path,
      Span anchor,
      String skip,
      java.util.Set<String> suggested) {
    for (AttrSchema as : schema.attributes().values()) {
      // A misspelt attribute was reported with a suggestion; it is not also missing.
      if (as.required() && !body.items().containsKey(as.name()) && !suggested.contains(as.name())) {
        sink.report(
            Diagnostic.of(
                    Code.E0303,
                    anchor,
                    "Missing required attribute `"
                        + as.name()
                        + "`"
                        + (path.isEmpty() ? "" : " in `" + path + "`")
                        + ".")
                .withHelp(as.name() + ": " + as.doc()));
      }
    }
    for (BlockSchema bs : schema.blocks().values()) {
      if (bs.required()
          && !body.items().containsKey(bs.name())
          && !bs.name().equals(skip)
          && !suggested.contains(bs.name())) {
        sink.report(
            Diagnostic.of(
                    Code.E0303,
                    anchor,
                    "Missing required block `"
                        + bs.name()
                        + "`"
                        + (path.isEmpty() ? "" : " in `" + path + "`")
                        + ".")
                .withHelp(bs.name() + ": " + bs.doc()));
      }
    }
  }

  private void unknown(
      String n, Span at, BlockSchema schema, String path, java.util.Set<String> suggested) {
    Diagnostic d =
        Diagnostic.of(
            Code.E0302,
            at,
            "Unknown attribute or block `"
                + n
                + "`"
                + (path.isEmpty() ? "" : " in `" + path + "`")
                + ".");
    java.util.Optional<String> close = Suggest.closest(n, schema.names());
    if (close.isPresent()) suggested.add(close.get());
    sink.report(Suggest.suggest(d, n, schema.names(), at));
  }

  /**
   * A set value against its attribute's schema: a secret where none may go, type, then allowed
   * values, percent, range.
   */
  private void value(String full, AttrSchema as, EBody.Attr a) {
    Value v = a.value();
    if (v instanceof NullValue) return; // null counts as not set
    if (!as.sensitive() && SecretValue.within(v)) {
      sink.report(
          Diagnostic.of(
                  Code.E0310,
                  a.valueSpan(),
                  "`"
                      + full
                      + "` cannot hold a secret: it is sent to the cloud and shown in plans and"
                      + " state as plain text.")
              .withHelp(
                  "Only sensitive attributes (`machine.user_data`) take secrets; give `"
                      + full
                      + "` a plain value."));
      return;
    }
    if (!Types.conforms(v, as.type())) {
      sink.report(
          Diagnostic.of(
              Code.E0301,
              a.valueSpan(),
              "Expected "
                  + as.type().display()
                  + " for `"
                  + full
                  + "`, found "
                  + Types.describe(v)
                  + "."));
      return;
    }
    if (!as.allowed().isEmpty()
        && v instanceof StringValue s
        && !as.allowed().contains(s.value())) {
      notAllowed(full, as, a, s);
      return;
    }
    if (v instanceof PercentValue p) {
      if (p.value() < 0 || p.value() > as.percentMax()) {
        sink.report(
            Diagnostic.of(
                Code.E0401,
                a.valueSpan(),
                "`"
                    + full
                    + "` must be between 0% and "
                    + Literals.formatNumber(as.percentMax())
                    + "%, found "
                    + p
                    + "."));
      }
      return;
    }
    if (as.range().isPresent()) range(full, as.range().get(), a, v);
  }

  private void notAllowed(String full, AttrSchema as, EBody.Attr a, StringValue s) {
    StringBuilder set = new StringBuilder();
    for (String x : as.allowed())
      set.append(set.length() == 0 ? "" : ", ").append('"').append(x).append('"');
    Diagnostic d =
        Diagnostic.of(
            Code.E0401,
            a.valueSpan(),
            "`" + full + "` must be one of " + set + ", found \"" + s.value() + "\".");
    sink.report(Suggest.suggestString(d, s.value(), as.allowed(), a.valueSpan()));
  }

  /** A number, duration or byte size outside its attribute's range. */
  private void range(String full, AttrSchema.Range r, EBody.Attr a, Value v) {
    Double x = null;
    if (v instanceof IntValue i) x = (double) i.value();
    else if (v instanceof NumberValue n) x = n.value();
    else if (v instanceof DurationValue d) x = (double) d.millis();
    else if (v instanceof BytesValue b) x = (double) b.bytes();
    if (x != null && !r.contains(x)) {
      sink.report(
          Diagnostic.of(
              Code.E0401,
              a.valueSpan(),
              "`"
                  + full
                  + "` must be "
                  + describe(r, v)
                  + ", found "
                  + dev.poolform.stdlib.types.ValueText.literal(v)
                  + "."));
    }
  }

  private static String describe(AttrSchema.Range r, Value kind) {
    String lo = r.min() == null ? null : bound(r.min(), kind);
    String hi = r.max() == null ? null : bound(r.max(), kind);
    if (lo != null && hi != null) return "between " + lo + " and " + hi;
    if (lo != null) return "at least " + lo;
    return "at most " + hi;
  }

  private static String bound(double d, Value kind) {
    if (kind instanceof DurationValue) return Literals.formatDuration((long) d);
    if (kind instanceof BytesValue) return Literals.formatBytes((long) d);
    return Literals.formatNumber(d);
  }
}
