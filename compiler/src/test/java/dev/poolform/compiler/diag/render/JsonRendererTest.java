package dev.poolform.compiler.diag.render;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.poolform.compiler.diag.Code;
import dev.poolform.compiler.diag.Diagnostic;
import dev.poolform.source.SourceFile;
import dev.poolform.source.Span;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonRendererTest {
  private static final SourceFile WEB =
      SourceFile.of(
          "dir/web.pool",
          "cloud local dev {}\npool \"web\" on dev {\n  capacity { min = 5  max = 3 }\n}\n");

  private static Span span(String needle) {
    int at = WEB.text().indexOf(needle);
    return new Span(WEB, at, at + needle.length());
  }

  @Test
  void matchesTheLanguageSpecShapeAndKeyOrder() throws Exception {
    Diagnostic d =
        Diagnostic.of(Code.E0402, span("min = 5"), "Capacity \"min\" too big.")
            .withNote(span("max = 3"), "Set here.")
            .withHelp("Lower `min`.");
    String json = JsonRenderer.render(List.of(d));
    JsonNode root = new ObjectMapper().readTree(json);
    JsonNode e = root.get("diagnostics").get(0);
    List<String> keys = new ArrayList<>();
    e.fieldNames().forEachRemaining(keys::add);
    assertThat(keys)
        .containsExactly(
            "code",
            "severity",
            "file",
            "line",
            "column",
            "end_line",
            "end_column",
            "message",
            "notes",
            "help");
    assertThat(e.get("code").asText()).isEqualTo("E0402");
    assertThat(e.get("severity").asText()).isEqualTo("error");
    assertThat(e.get("file").asText()).isEqualTo("dir/web.pool");
    assertThat(e.get("line").asInt()).isEqualTo(3);
    assertThat(e.get("column").asInt()).isEqualTo(14);
    assertThat(e.get("end_line").asInt()).isEqualTo(3);
    assertThat(e.get("end_column").asInt()).isEqualTo(21);
    assertThat(e.get("message").asText()).isEqualTo("Capacity \"min\" too big.");
    assertThat(e.get("help").asText()).isEqualTo("Lower `min`.");
    JsonNode n = e.get("notes").get(0);
    List<String> noteKeys = new ArrayList<>();
    n.fieldNames().forEachRemaining(noteKeys::add);
    assertThat(noteKeys)
        .containsExactly("file", "line", "column", "end_line", "end_column", "message");
    assertThat(n.get("column").asInt()).isEqualTo(23);
    assertThat(json).endsWith("}\n");
  }

  @Test
  void absentHelpIsNullAndNotesAreEmpty() throws Exception {
    Diagnostic w = Diagnostic.of(Code.W0501, span("cloud"), "Unused.");
    JsonNode e = new ObjectMapper().readTree(JsonRenderer.render(List.of(w, w))).get("diagnostics");
    assertThat(e).hasSize(2);
    assertThat(e.get(1).get("severity").asText()).isEqualTo("warning");
    assertThat(e.get(1).get("help").isNull()).isTrue();
    assertThat(e.get(1).get("notes").isArray()).isTrue();
    assertThat(e.get(1).get("notes")).isEmpty();
  }

  @Test
  void noDiagnosticsIsAnEmptyList() throws Exception {
    assertThat(new ObjectMapper().readTree(JsonRenderer.render(List.of())).get("diagnostics"))
        .isEmpty();
  }

  @Test
  void escapesEverythingJsonRequires() throws Exception {
    String nasty = "q\" b\\ n\n t\t c\u0001 del\u007f lone\ud800 pair\ud83d\ude00";
    String quoted = JsonRenderer.quote(nasty);
    assertThat(quoted)
        .doesNotContain("\n")
        .doesNotContain("\u0001")
        .contains("\\ud800")
        .contains("\ud83d\ude00");
    String parsed = new ObjectMapper().readTree(quoted).asText();
    assertThat(parsed)
        .startsWith("q\" b\\ n\n t\t c\u0001 del\u007f lone")
        .endsWith("pair\ud83d\ude00");
  }
}
