package dev.poolform.compiler.eval;

import dev.poolform.compiler.ast.Expr;
import dev.poolform.compiler.diag.Code;
import dev.poolform.compiler.diag.Diagnostic;
import dev.poolform.compiler.diag.DiagnosticSink;
import dev.poolform.compiler.resolve.Suggest;
import dev.poolform.stdlib.schema.Schemas;
import dev.poolform.stdlib.types.Types;
import dev.poolform.stdlib.value.CloudValue;
import dev.poolform.stdlib.value.IntValue;
import dev.poolform.stdlib.value.ListValue;
import dev.poolform.stdlib.value.MapValue;
import dev.poolform.stdlib.value.NullValue;
import dev.poolform.stdlib.value.SecretValue;
import dev.poolform.stdlib.value.StringValue;
import dev.poolform.stdlib.value.Value;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code target.name} and {@code target[index]} on values already evaluated. A missing key or field
 * is an error with a did-you-mean; a cloud setting its kind knows but the cloud leaves out is
 * {@code null}, so configurations can test for it.
 */
final class Access {
  private final DiagnosticSink sink;

  Access(DiagnosticSink sink) {
    this.sink = sink;
  }

  Value member(Expr.Member m, Value t) {
    String n = m.name().name();
    if (t instanceof CloudValue c) return cloudField(m, c, n);
    if (t instanceof MapValue mv) {
      Value v = mv.entries().get(n);
      if (v != null) return v;
      Diagnostic d = Diagnostic.of(Code.E0309, m.name().span(), "The map has no key `" + n + "`.");
      String help = Suggest.didYouMean(n, mv.entries().keySet());
      sink.report(help != null ? d.withHelp(help) : d);
      return null;
    }
    sink.report(
        Diagnostic.of(
            Code.E0301,
            m.name().span(),
            "Expected a map or a cloud before `." + n + "`, found " + Types.describe(t) + "."));
    return null;
  }

  private Value cloudField(Expr.Member m, CloudValue c, String n) {
    if (n.equals("name")) return new StringValue(c.name());
    if (n.equals("kind")) return new StringValue(c.kind());
    Value v = c.settings().entries().get(n);
    if (v != null) return v;
    var schema = Schemas.cloud(c.kind());
    if (schema.isPresent() && schema.get().attribute(n).isPresent()) return NullValue.INSTANCE;
    List<String> fields = new ArrayList<>(List.of("name", "kind"));
    schema.ifPresent(s -> fields.addAll(s.attributes().keySet()));
    Diagnostic d =
        Diagnostic.of(
            Code.E0201, m.name().span(), "Cloud `" + c.name() + "` has no field `" + n + "`.");
    String help = Suggest.didYouMean(n, fields);
    sink.report(help != null ? d.withHelp(help) : d);
    return null;
  }

  Value index(Expr.Index i, Value t, Value k) {
    if (t instanceof ListValue l) return listItem(i, l, k);
    if (t instanceof MapValue m) return mapEntry(i, m, k);
    sink.report(
        Diagnostic.of(
            Code.E0301,
            i.target().span(),
            "Expected a list or a map to index, found " + Types.describe(t) + "."));
    return null;
  }

  private Value listItem(Expr.Index i, ListValue l, Value k) {
    if (!(k instanceof IntValue iv)) {
      sink.report(
          Diagnostic.of(
              Code.E0301,
              i.index().span(),
              "Expected int, found " + Types.describe(k) + "; lists are indexed by position."));
      return null;
    }
    if (iv.value() < 0 || iv.value() >= l.items().size()) {
      sink.report(
          Diagnostic.of(
              Code.E0309,
              i.index().span(),
              "Index "
                  + iv.value()
                  + " is out of range for a list of "
                  + l.items().size()
                  + " element"
                  + (l.items().size() == 1 ? "" : "s")
                  + "."));
      return null;
    }
    return l.items().get((int) iv.value());
  }

  private Value mapEntry(Expr.Index i, MapValue m, Value k) {
    if (k instanceof SecretValue) {
      sink.report(
          Diagnostic.of(
              Code.E0311,
              i.index().span(),
              "The key is a secret; which entry it finds, or the error when it finds none, would"
                  + " reveal it."));
      return null;
    }
    if (!(k instanceof StringValue sk)) {
      sink.report(
          Diagnostic.of(
              Code.E0301,
              i.index().span(),
              "Expected string, found " + Types.describe(k) + "; maps are indexed by key."));
      return null;
    }
    Value v = m.entries().get(sk.value());
    if (v == null) {
      Diagnostic d =
          Diagnostic.of(Code.E0309, i.index().span(), "The map has no key `" + sk.value() + "`.");
      String help = Suggest.didYouMean(sk.value(), m.entries().keySet());
      sink.report(help != null ? d.withHelp(help) : d);
    }
    return v;
  }
}
