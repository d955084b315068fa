package dev.poolform.compiler.diag.render;

import dev.poolform.compiler.diag.Diagnostic;
import dev.poolform.compiler.diag.Note;
import dev.poolform.source.Span;
import java.util.List;

/**
 * The machine-readable form of diagnostics (docs/json.md#diagnostics), for {@code pool validate
 * --json} and editors:
 *
 * <pre>
 * {"diagnostics": [{"code", "severity", "file", "line", "column", "end_line", "end_column",
 *                   "message", "notes": [{"file", "line", "column", "end_line", "end_column",
 *                   "message"}], "help"}]}
 * </pre>
 *
 * Every key is always present, in that order: {@code notes} is {@code []} and {@code help} is
 * {@code null} when there are none, so consumers never test for a missing key. Lines and columns
 * are 1-based; {@code end_column} is just past the last character (editors' convention). Output is
 * indented by two spaces and ends with a newline.
 */
public final class JsonRenderer {
  private JsonRenderer() {}

  public static String render(List<Diagnostic> diagnostics) {
    return render(diagnostics, List.of());
  }

  /**
   * {@code diagnostics}, then {@code unplaced}: errors about no place in the configuration (a state
   * file another configuration owns, a lock another run holds), each an entry whose {@code code}
   * and location fields are {@code null}, so a reader of a failed run's JSON sees every error it
   * would have read on standard error.
   */
  public static String render(List<Diagnostic> diagnostics, List<String> unplaced) {
    StringBuilder sb = new StringBuilder();
    if (diagnostics.isEmpty() && unplaced.isEmpty()) return "{\n  \"diagnostics\": []\n}\n";
    sb.append("{\n  \"diagnostics\": [");
    for (int i = 0; i < diagnostics.size(); i++) {
      Diagnostic d = diagnostics.get(i);
      sb.append(i == 0 ? "\n" : ",\n").append("    {\n");
      field(sb, 6, "code", quote(d.code().name()));
      field(sb, 6, "severity", quote(d.severity().label()));
      location(sb, 6, d.span());
      field(sb, 6, "message", quote(d.message()));
      if (d.notes().isEmpty()) {
        field(sb, 6, "notes", "[]");
      } else {
        sb.append(" ".repeat(6)).append("\"notes\": [");
        for (int j = 0; j < d.notes().size(); j++) {
          Note n = d.notes().get(j);
          sb.append(j == 0 ? "\n" : ",\n").append(" ".repeat(8)).append("{\n");
          location(sb, 10, n.span());
          sb.append(" ".repeat(10)).append("\"message\": ").append(quote(n.message())).append('\n');
          sb.append(" ".repeat(8)).append('}');
        }
        sb.append("\n      ],\n");
      }
      sb.append("      \"help\": ")
          .append(d.help().map(JsonRenderer::quote).orElse("null"))
          .append('\n');
      sb.append("    }");
    }
    for (int i = 0; i < unplaced.size(); i++) {
      sb.append(diagnostics.isEmpty() && i == 0 ? "\n" : ",\n").append("    {\n");
      field(sb, 6, "code", "null");
      field(sb, 6, "severity", quote("error"));
      for (String k : new String[] {"file", "line", "column", "end_line", "end_column"}) {
        field(sb, 6, k, "null");
      }
      field(sb, 6, "message", quote(unplaced.get(i)));
      field(sb, 6, "notes", "[]");
      sb.append("      \"help\": null\n    }");
    }
    sb.append("\n  ]\n}\n");
    return sb.toString();
  }

  private static void location(StringBuilder sb, int indent, Span s) {
    field(sb, indent, "file", quote(s.file().displayPath()));
    field(sb, indent, "line", Integer.toString(s.line()));
    field(sb, indent, "column", Integer.toString(s.column()));
    field(sb, indent, "end_line", Integer.toString(s.endLine()));
    field(sb, indent, "end_column", Integer.toString(s.endColumn()));
  }

  private static void field(StringBuilder sb, int indent, String key, String json) {
    sb.append(" ".repeat(indent)).append('"').append(key).append("\": ").append(json).append(",\n");
  }

  static String quote(String s) {
    return dev.poolform.stdlib.value.Literals.jsonQuote(s);
  }
}
