package dev.poolform.lsp;

import static dev.poolform.lsp.LanguageServerTest.get;
import static dev.poolform.lsp.LanguageServerTest.hover;
import static dev.poolform.lsp.LanguageServerTest.labels;
import static dev.poolform.lsp.LanguageServerTest.write;
import static dev.poolform.lsp.LspSession.at;
import static dev.poolform.lsp.LspSession.doc;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.eclipse.lsp4j.DefinitionParams;
import org.eclipse.lsp4j.DocumentSymbol;
import org.eclipse.lsp4j.DocumentSymbolParams;
import org.eclipse.lsp4j.Location;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.PrepareRenameParams;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.ReferenceContext;
import org.eclipse.lsp4j.ReferenceParams;
import org.eclipse.lsp4j.RenameParams;
import org.eclipse.lsp4j.TextEdit;
import org.eclipse.lsp4j.services.TextDocumentService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Input variables in the editor: outline, hover, completion after {@code var.}, navigation. */
class VariablesTest {
  static final String FILE =
      """
      variable "env" {
        type        = string
        description = "The environment: staging or production."
      }

      variable "replicas" {
        type    = int
        default = 2
      }

      variable "token" {
        type      = string
        default   = "hunter2"
        sensitive = true
      }

      cloud aws lab { region = "eu-west-1" }

      pool "web-${var.env}" on lab {
        capacity { min = var.replicas  max = var.replicas * 3 }
        machine {
          size      = "m6i.large"
          image     = "ami-0abcdef1234567890"
          zones     = ["eu-west-1a"]
          user_data = "t=${var.token}"
        }
      }
      """;

  static LspSession session() throws Exception {
    return LspSession.start(ServerOptions.of(Map.of("POOL_VAR_env", "staging"), status -> {}));
  }

  @Test
  void variablesAreInTheOutlineWithTheirType(@TempDir Path dir) throws Exception {
    Path f = write(dir, "main.pool", FILE);
    try (LspSession s = session()) {
      s.open(f, FILE);
      assertThat(s.diagnosticsFor(f).getDiagnostics()).isEmpty();
      List<DocumentSymbol> symbols =
          get(s.server.getTextDocumentService().documentSymbol(new DocumentSymbolParams(doc(f))))
              .stream()
              .map(e -> e.getRight())
              .toList();
      assertThat(symbols)
          .extracting(DocumentSymbol::getName)
          .containsExactly("env", "replicas", "token", "lab", "web-${var.env}");
      assertThat(symbols)
          .extracting(DocumentSymbol::getDetail)
          .startsWith("variable: string", "variable: int", "variable: string, sensitive");
    }
  }

  @Test
  void hoverShowsTypeDescriptionDefaultAndValueButNoSecret(@TempDir Path dir) throws Exception {
    Path f = write(dir, "main.pool", FILE);
    try (LspSession s = session()) {
      s.open(f, FILE);
      // On a use: the declaration checked, and the value this configuration gives it.
      assertThat(hover(s, f, at(FILE, "var.env", 0, 5)))
          .contains("variable \"env\": string", "The environment: staging or production.")
          .contains("No default", "Value: `\"staging\"`, from `<environment>`");
      assertThat(hover(s, f, at(FILE, "var.replicas", 0, 6)))
          .contains("variable \"replicas\": int", "Default: `2`", "Value: `2`, from its default");
      // A sensitive default is never shown, on the declaration or on a use.
      for (Position p : List.of(at(FILE, "\"token\"", 0, 2), at(FILE, "var.token", 0, 5))) {
        assertThat(hover(s, f, p))
            .contains("variable \"token\": string", "Sensitive", "Default: (sensitive)")
            .doesNotContain("hunter2");
      }
      assertThat(hover(s, f, at(FILE, "user_data", 0, 1))).doesNotContain("hunter2");
    }
  }

  @Test
  void completionAfterVarOffersTheVariables(@TempDir Path dir) throws Exception {
    String text = FILE.replace("image     = \"ami-0abcdef1234567890\"", "image     = var.");
    Path f = write(dir, "main.pool", text);
    try (LspSession s = session()) {
      s.open(f, text);
      assertThat(labels(s, f, at(text, "var.\n", 0, 4)))
          .containsExactly("env", "replicas", "token");
      // A partly written name: the client filters, the range covers the word.
      String partial = FILE.replace("image     = \"ami-0abcdef1234567890\"", "image     = var.re");
      s.change(f, 2, partial);
      assertThat(labels(s, f, at(partial, "var.re\n", 0, 6))).contains("replicas");
      // In any expression, `var.NAME` for each variable beside lets and functions.
      String other = FILE.replace("image     = \"ami-0abcdef1234567890\"", "image     = ");
      s.change(f, 3, other);
      assertThat(labels(s, f, at(other, "image     = ", 0, 12)))
          .contains("var.env", "var.replicas", "lab", "merge")
          // `env` is also a function; a bare `replicas` would not compile.
          .doesNotContain("replicas");
    }
  }

  @Test
  void definitionReferencesAndRenameOfAVariable(@TempDir Path dir) throws Exception {
    Path f = write(dir, "main.pool", FILE);
    try (LspSession s = session()) {
      s.open(f, FILE);
      TextDocumentService docs = s.server.getTextDocumentService();
      Position use = at(FILE, "var.replicas  max", 0, 6);
      List<? extends Location> def =
          get(docs.definition(new DefinitionParams(doc(f), use))).getLeft();
      assertThat(def).hasSize(1);
      // The name inside the quotes.
      assertThat(def.get(0).getRange())
          .isEqualTo(new Range(at(FILE, "replicas\"", 0, 0), at(FILE, "replicas\"", 0, 8)));
      List<? extends Location> refs =
          get(docs.references(new ReferenceParams(doc(f), use, new ReferenceContext(false))));
      assertThat(refs)
          .extracting(l -> l.getRange().getStart())
          .containsExactly(at(FILE, "var.replicas", 0, 4), at(FILE, "var.replicas", 1, 4));

      Range prepared =
          get(docs.prepareRename(new PrepareRenameParams(doc(f), at(FILE, "\"env\"", 0, 2))))
              .getFirst();
      assertThat(prepared).isEqualTo(new Range(at(FILE, "env\"", 0, 0), at(FILE, "env\"", 0, 3)));
      List<TextEdit> edits =
          get(docs.rename(new RenameParams(doc(f), at(FILE, "var.env", 0, 5), "stage")))
              .getChanges()
              .get(LspSession.uri(f));
      String renamed = LspSession.apply(FILE, edits);
      assertThat(renamed).contains("variable \"stage\" {", "pool \"web-${var.stage}\"");
      assertThat(renamed).doesNotContain("\"env\"", "var.env");
      assertThatThrownBy(
              () -> get(docs.rename(new RenameParams(doc(f), at(FILE, "var.env", 0, 5), "pool"))))
          .hasMessageContaining("not a name");
    }
  }
}
