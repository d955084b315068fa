package dev.poolform.lsp.features;

import dev.poolform.stdlib.schema.AttrSchema;
import dev.poolform.stdlib.schema.BlockSchema;
import dev.poolform.stdlib.types.Type;
import dev.poolform.stdlib.types.ValueText;
import dev.poolform.stdlib.value.Literals;
import java.util.Map;

/** The stdlib schemas as Markdown for hovers and completion documentation. */
public final class SchemaText {
  private SchemaText() {}

  /** Type, default, allowed values or range, the doc line, and how each cloud maps it. */
  public static String attribute(String path, AttrSchema a) {
    StringBuilder sb = new StringBuilder();
    sb.append("**`").append(path).append("`**: ").append(a.type().display());
    if (a.required()) sb.append(", required");
    a.defaultValue()
        .ifPresent(v -> sb.append(", default `").append(ValueText.literal(v)).append('`'));
    sb.append("\n\n").append(a.doc());
    if (!a.allowed().isEmpty()) {
      sb.append("\n\nOne of ");
      for (int i = 0; i < a.allowed().size(); i++) {
        sb.append(i == 0 ? "" : ", ")
            .append('`')
            .append(Literals.quote(a.allowed().get(i)))
            .append('`');
      }
      sb.append('.');
    }
    a.range().ifPresent(r -> sb.append("\n\n").append(range(a.type(), r)));
    String units = units(a.type());
    if (!units.isEmpty()) sb.append("\n\nWritten with a unit: ").append(units).append('.');
    if (!a.mapping().isEmpty()) {
      sb.append("\n\n");
      for (Map.Entry<String, String> e : a.mapping().entrySet()) {
        sb.append("- **").append(e.getKey()).append("**: ").append(e.getValue()).append('\n');
      }
    }
    return sb.toString().stripTrailing();
  }

  /** The block's doc line and what it holds. */
  public static String block(String path, BlockSchema b) {
    StringBuilder sb = new StringBuilder();
    sb.append("**`").append(path).append(" { ... }`**");
    if (b.required()) sb.append(", required");
    sb.append("\n\n").append(b.doc());
    if (!b.names().isEmpty()) {
      sb.append("\n\nHolds ");
      for (int i = 0; i < b.names().size(); i++) {
        sb.append(i == 0 ? "" : ", ").append('`').append(b.names().get(i)).append('`');
      }
      sb.append('.');
    }
    return sb.toString();
  }

  /** The units a literal of this type is written with, e.g. {@code `30s`, `5m`}; or "". */
  public static String units(Type t) {
    String d = t.display();
    StringBuilder sb = new StringBuilder();
    if (d.contains("duration")) sb.append("`ms` `s` `m` `h` `d` (`30s`, `1h30m`)");
    if (d.contains("bytes"))
      sb.append(sb.length() > 0 ? "; " : "").append("`MiB` `GiB` `TiB` `MB` `GB` (`50GiB`)");
    if (d.contains("percent")) sb.append(sb.length() > 0 ? "; " : "").append("`%` (`25%`)");
    return sb.toString();
  }

  private static String range(Type t, AttrSchema.Range r) {
    String d = t.display();
    String min = r.min() == null ? null : bound(d, r.min());
    String max = r.max() == null ? null : bound(d, r.max());
    if (min != null && max != null) return "From " + min + " to " + max + ".";
    if (min != null) return "At least " + min + ".";
    return "At most " + max + ".";
  }

  private static String bound(String type, double v) {
    if (type.equals("duration")) return "`" + Literals.formatDuration((long) v) + "`";
    if (type.equals("bytes")) return "`" + Literals.formatBytes((long) v) + "`";
    return "`" + Literals.formatNumber(v) + "`";
  }
}
