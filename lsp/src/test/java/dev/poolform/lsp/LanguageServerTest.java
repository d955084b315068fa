package dev.poolform.lsp;

import static dev.poolform.lsp.LspSession.at;
import static dev.poolform.lsp.LspSession.doc;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.poolform.compiler.format.Formatter;
import dev.poolform.source.SourceFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.eclipse.lsp4j.CodeActionContext;
import org.eclipse.lsp4j.CodeActionParams;
import org.eclipse.lsp4j.CompletionItem;
import org.eclipse.lsp4j.CompletionParams;
import org.eclipse.lsp4j.DefinitionParams;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.DocumentFormattingParams;
import org.eclipse.lsp4j.DocumentSymbolParams;
import org.eclipse.lsp4j.FormattingOptions;
import org.eclipse.lsp4j.HoverParams;
import org.eclipse.lsp4j.Location;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.ReferenceContext;
import org.eclipse.lsp4j.ReferenceParams;
import org.eclipse.lsp4j.RenameParams;
import org.eclipse.lsp4j.TextEdit;
import org.eclipse.lsp4j.WorkspaceEdit;
import org.eclipse.lsp4j.services.TextDocumentService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The server driven through lsp4j's own client over JSON-RPC, request by request. */
class LanguageServerTest {
  static final String FILE =
      """
      cloud aws prod { region = "eu-west-1" }

      let env = "prod"
      let labels = { team = "platform", env = env }

      template base {
        capacity { min = 1  max = 10 }
        rollout  { max_surge = 1  max_unavailable = 0 }
        labels   = labels
      }

      pool "web-${env}" from base on prod {
        capacity { desired = 3 }
        machine  { size = "m6i.large"  image = "ami-0abcdef1234567890"  zones = ["eu-west-1a"] }
      }
      """;

  static <T> T get(java.util.concurrent.CompletableFuture<T> f) throws Exception {
    return f.get(30, TimeUnit.SECONDS);
  }

  static Path write(Path dir, String name, String text) throws Exception {
    Path p = dir.resolve(name);
    Files.createDirectories(p.getParent());
    Files.writeString(p, text);
    return p;
  }

  @Test
  void diagnosticsCarryTheCompilersCodeSpanAndHelpAndFollowEdits(@TempDir Path dir)
      throws Exception {
    String broken = FILE.replace("max_unavailable", "max_unavailabel");
    Path f = write(dir, "main.pool", broken);
    try (LspSession s = LspSession.start()) {
      s.open(f, broken);
      PublishDiagnosticsParams p = s.diagnosticsFor(f);
      assertThat(p.getDiagnostics()).hasSize(1);
      Diagnostic d = p.getDiagnostics().get(0);
      assertThat(d.getCode().getLeft()).isEqualTo("E0302");
      assertThat(d.getSource()).isEqualTo("poolform");
      assertThat(d.getMessage())
          .isEqualTo(
              "Unknown attribute or block `max_unavailabel` in `rollout`.\n"
                  + "help: Did you mean `max_unavailable`?");
      assertThat(d.getRange().getStart()).isEqualTo(at(broken, "max_unavailabel", 0, 0));
      assertThat(d.getRange().getEnd()).isEqualTo(at(broken, "max_unavailabel", 0, 15));

      s.change(f, 2, FILE);
      PublishDiagnosticsParams fixed = s.diagnosticsFor(f);
      assertThat(fixed.getDiagnostics()).isEmpty();
      assertThat(fixed.getVersion()).isEqualTo(2);
    }
  }

  @Test
  void aBurstOfEditsEndsWithTheLastVersionsDiagnosticsInOrder(@TempDir Path dir) throws Exception {
    String broken = FILE.replace("max_unavailable", "max_unavailabel");
    Path f = write(dir, "main.pool", FILE);
    try (LspSession s = LspSession.start()) {
      s.open(f, FILE);
      assertThat(s.diagnosticsFor(f).getDiagnostics()).isEmpty();
      // Edits much faster than compiles: some versions are never compiled on their own, but
      // every publication is newer than the one before, and the last one is the last edit's.
      for (int v = 2; v <= 21; v++) s.change(f, v, v % 2 == 0 ? FILE : broken);
      List<Integer> versions = new java.util.ArrayList<>();
      PublishDiagnosticsParams p;
      do {
        p = s.diagnosticsFor(f);
        versions.add(p.getVersion());
      } while (p.getVersion() != 21);
      assertThat(versions).isSorted().doesNotHaveDuplicates();
      assertThat(p.getDiagnostics())
          .extracting(d -> d.getCode().getLeft())
          .containsExactly("E0302");
    }
  }

  @Test
  void editingAnImportedFileRediagnosesTheFilesThatImportIt(@TempDir Path dir) throws Exception {
    Files.createDirectories(dir.resolve(".git"));
    String shared = "template base {\n  capacity { min = 1  max = 3 }\n}\n";
    String web =
        "import \"shared.pool\"\ncloud local dev {}\npool \"web\" from base on dev {\n"
            + "  machine { size = \"s\"  image = \"i\" }\n}\n";
    Path sharedFile = write(dir, "lib/shared.pool", shared);
    Path webFile = write(dir, "lib/web.pool", web.replace("shared.pool", "shared.pool"));
    try (LspSession s = LspSession.start()) {
      s.open(webFile, web);
      assertThat(s.diagnosticsFor(webFile).getDiagnostics()).isEmpty();
      s.open(sharedFile, shared);
      s.diagnosticsFor(sharedFile);
      // An unsaved edit of the shared file breaks the pool that uses it.
      s.change(sharedFile, 2, shared.replace("template base", "template common"));
      PublishDiagnosticsParams p = s.diagnosticsFor(webFile);
      while (p.getDiagnostics().isEmpty()) p = s.diagnosticsFor(webFile);
      assertThat(p.getDiagnostics())
          .extracting(d -> d.getCode().getLeft())
          .containsExactly("E0204");
    }
  }

  @Test
  void hoverShowsSchemaDocsMappingAndValues(@TempDir Path dir) throws Exception {
    Path f = write(dir, "main.pool", FILE);
    try (LspSession s = LspSession.start()) {
      s.open(f, FILE);
      String surge = hover(s, f, at(FILE, "max_surge", 0, 3));
      assertThat(surge)
          .contains("`rollout.max_surge`", "int | percent", "default `1`", "Extra machines")
          .contains("MaxHealthyPercentage", "maxBatchInstancePercent")
          .contains("Value: `1`");
      String labels = hover(s, f, at(FILE, "= labels", 0, 3));
      assertThat(labels).contains("let labels", "{ env = \"prod\", team = \"platform\" }");
      String pool = hover(s, f, at(FILE, "web-", 0, 1));
      assertThat(pool).contains("`pool.web-prod`", "`aws` cloud");
      String image = hover(s, f, at(FILE, "image", 0, 1));
      assertThat(image).contains("launch template `ImageId`");
    }
  }

  @Test
  void hoverNeverShowsASecret(@TempDir Path dir) throws Exception {
    String text =
        "cloud aws prod { region = \"eu-west-1\" }\nlet token = secret(\"hunter2\")\n"
            + "let both = { t = token }\n"
            + "pool \"web\" on prod {\n  capacity { min = 1  max = 2 }\n"
            + "  machine { size = \"m6i.large\"  image = \"ami-0abcdef1234567890\""
            + "  zones = [\"eu-west-1a\"]  user_data = \"pw=${token}\" }\n}\n";
    Path f = write(dir, "main.pool", text);
    try (LspSession s = LspSession.start()) {
      s.open(f, text);
      // `both` is never used (W0501); nothing else is wrong.
      assertThat(s.diagnosticsFor(f).getDiagnostics())
          .extracting(d -> d.getCode().getLeft())
          .containsExactly("W0501");
      for (Position p :
          List.of(at(text, "token =", 0, 1), at(text, "both", 0, 1), at(text, "user_data", 0, 1))) {
        assertThat(hover(s, f, p)).contains("(sensitive)").doesNotContain("hunter2");
      }
    }
  }

  @Test
  void hoverOnAFunctionShowsItsSignature(@TempDir Path dir) throws Exception {
    String text = "let x = merge({ a = \"1\" }, { b = \"2\" })\n";
    Path f = write(dir, "main.pool", text);
    try (LspSession s = LspSession.start()) {
      s.open(f, text);
      String h =
          get(s.server
                  .getTextDocumentService()
                  .hover(new HoverParams(doc(f), at(text, "merge", 0, 2))))
              .getContents()
              .getRight()
              .getValue();
      assertThat(h).contains("merge(map<T>, ...) -> map<T>", "later maps win");
    }
  }

  static String hover(LspSession s, Path f, Position p) throws Exception {
    return get(s.server.getTextDocumentService().hover(new HoverParams(doc(f), p)))
        .getContents()
        .getRight()
        .getValue();
  }

  static List<String> labels(LspSession s, Path f, Position p) throws Exception {
    return get(s.server.getTextDocumentService().completion(new CompletionParams(doc(f), p)))
        .getRight()
        .getItems()
        .stream()
        .map(CompletionItem::getLabel)
        .toList();
  }

  @Test
  void completionFollowsTheSchemaAndTheWordBeforeTheCursor(@TempDir Path dir) throws Exception {
    String text =
        FILE
            + "pool \"api\" from base on prod {\n"
            + "  rollout {\n    max_surge = 2\n    \n  }\n"
            + "  health { repair = }\n"
            + "  capacity { min = 1  max = 2 }\n"
            + "  machine { size = \"m6i.large\"  image = \"ami-0abcdef1234567890\"  zones = [\"eu-west-1a\"] }\n"
            + "}\n";
    Path f = write(dir, "main.pool", text);
    try (LspSession s = LspSession.start()) {
      s.open(f, text);
      // An empty line inside `rollout`: the attributes not set yet.
      List<String> inRollout = labels(s, f, at(text, "max_surge = 2\n    ", 0, 18));
      assertThat(inRollout)
          .contains("max_unavailable", "delete_order", "engine")
          .doesNotContain("max_surge", "capacity");
      // After `repair =`: the allowed values first.
      List<String> repair = labels(s, f, at(text, "repair = ", 0, 9));
      assertThat(repair).startsWith("\"replace\"", "\"none\"").contains("env", "merge");
      // After `on`: the clouds; after `from`: the templates.
      assertThat(labels(s, f, at(text, "on prod {", 1, 3))).containsExactly("prod");
      assertThat(labels(s, f, at(text, "from base", 1, 5))).containsExactly("base");
    }
  }

  @Test
  void completionOffersUnitsAfterANumberAndTopLevelDeclarations(@TempDir Path dir)
      throws Exception {
    String text = "cloud local dev {}\ntemplate t {\n  rollout { min_ready = 30 }\n}\n\n";
    Path f = write(dir, "main.pool", text);
    try (LspSession s = LspSession.start()) {
      s.open(f, text);
      assertThat(labels(s, f, at(text, "30", 0, 2)))
          .containsExactly("30ms", "30s", "30m", "30h", "30d");
      assertThat(labels(s, f, new Position(4, 0))).contains("pool", "template", "cloud", "let");
    }
  }

  @Test
  void definitionAndReferencesFollowTheResolver(@TempDir Path dir) throws Exception {
    Path f = write(dir, "main.pool", FILE);
    try (LspSession s = LspSession.start()) {
      s.open(f, FILE);
      TextDocumentService docs = s.server.getTextDocumentService();
      List<? extends Location> def =
          get(docs.definition(new DefinitionParams(doc(f), at(FILE, "env }", 0, 1)))).getLeft();
      assertThat(def).hasSize(1);
      assertThat(def.get(0).getRange().getStart()).isEqualTo(at(FILE, "env =", 0, 0));
      List<? extends Location> refs =
          get(
              docs.references(
                  new ReferenceParams(
                      doc(f), at(FILE, "base {", 0, 1), new ReferenceContext(true))));
      assertThat(refs).extracting(l -> l.getRange().getStart().getLine()).containsExactly(5, 11);
      List<? extends Location> cloud =
          get(docs.definition(new DefinitionParams(doc(f), at(FILE, "on prod", 0, 4)))).getLeft();
      assertThat(cloud.get(0).getRange().getStart()).isEqualTo(new Position(0, 10));
    }
  }

  @Test
  void definitionOfAnImportIsTheImportedFile(@TempDir Path dir) throws Exception {
    Files.createDirectories(dir.resolve(".git"));
    Path shared = write(dir, "shared.pool", "let x = 1\n");
    String text = "import \"shared.pool\"\nlet y = x\n";
    Path f = write(dir, "main.pool", text);
    try (LspSession s = LspSession.start()) {
      s.open(f, text);
      List<? extends Location> def =
          get(s.server
                  .getTextDocumentService()
                  .definition(new DefinitionParams(doc(f), at(text, "shared", 0, 2))))
              .getLeft();
      assertThat(def).extracting(Location::getUri).containsExactly(LspSession.uri(shared));
      List<? extends Location> x =
          get(s.server
                  .getTextDocumentService()
                  .definition(new DefinitionParams(doc(f), at(text, "= x", 0, 2))))
              .getLeft();
      assertThat(x).extracting(Location::getUri).containsExactly(LspSession.uri(shared));
    }
  }

  @Test
  void outlineFormattingRenameAndQuickFix(@TempDir Path dir) throws Exception {
    String messy =
        FILE.replace("let env = \"prod\"", "let   env=\"prod\"").replace("max_surge", "max_surg");
    Path f = write(dir, "main.pool", messy);
    try (LspSession s = LspSession.start()) {
      s.open(f, messy);
      TextDocumentService docs = s.server.getTextDocumentService();
      assertThat(get(docs.documentSymbol(new DocumentSymbolParams(doc(f)))))
          .extracting(e -> e.getRight().getName())
          .containsExactly("prod", "env", "labels", "base", "web-${env}");
      assertThat(
              get(docs.documentSymbol(new DocumentSymbolParams(doc(f))))
                  .get(4)
                  .getRight()
                  .getDetail())
          .isEqualTo("pool");

      List<? extends TextEdit> edits =
          get(
              docs.formatting(
                  new DocumentFormattingParams(doc(f), new FormattingOptions(2, true))));
      assertThat(edits).hasSize(1);
      assertThat(edits.get(0).getNewText())
          .isEqualTo(Formatter.format(SourceFile.of("main.pool", messy)).text());

      WorkspaceEdit rename =
          get(docs.rename(new RenameParams(doc(f), at(messy, "env", 0, 1), "stage")));
      assertThat(rename.getChanges().get(LspSession.uri(f))).hasSize(3);
      assertThatThrownBy(
              () -> get(docs.rename(new RenameParams(doc(f), at(messy, "web-", 0, 1), "x"))))
          .hasMessageContaining("name is computed")
          .hasMessageContaining("pool state mv");

      PublishDiagnosticsParams p = s.diagnosticsFor(f);
      var actions =
          get(
              docs.codeAction(
                  new CodeActionParams(
                      doc(f),
                      p.getDiagnostics().get(0).getRange(),
                      new CodeActionContext(p.getDiagnostics()))));
      assertThat(actions).hasSize(1);
      var action = actions.get(0).getRight();
      assertThat(action.getTitle()).isEqualTo("Replace `max_surg` with `max_surge`");
      assertThat(action.getEdit().getChanges().get(LspSession.uri(f)).get(0).getNewText())
          .isEqualTo("max_surge");
    }
  }

  @Test
  void aFailingRequestAnswersWithAnErrorAndTheServerCarriesOn(@TempDir Path dir) throws Exception {
    Path f = write(dir, "main.pool", FILE);
    int[] calls = {0};
    ServerOptions options =
        ServerOptions.of(Map.of(), status -> {})
            .withBeforeRequest(
                method -> {
                  if (!method.equals("hover")) return;
                  calls[0]++;
                  if (calls[0] == 1) throw new IllegalStateException("boom");
                  if (calls[0] == 2) throw new StackOverflowError();
                });
    try (LspSession s = LspSession.start(options)) {
      s.open(f, FILE);
      TextDocumentService docs = s.server.getTextDocumentService();
      HoverParams onSurge = new HoverParams(doc(f), at(FILE, "max_surge", 0, 3));
      assertThatThrownBy(() -> get(docs.hover(onSurge)))
          .isInstanceOf(ExecutionException.class)
          .hasMessageContaining("hover failed")
          .hasMessageContaining("boom");
      assertThatThrownBy(() -> get(docs.hover(onSurge))).hasMessageContaining("StackOverflowError");
      assertThat(get(docs.hover(onSurge)).getContents().getRight().getValue())
          .contains("max_surge");
      // A request about a file that is not open is refused the same way.
      assertThatThrownBy(
              () ->
                  get(
                      docs.hover(
                          new HoverParams(doc(dir.resolve("nope.pool")), new Position(0, 0)))))
          .hasMessageContaining("not open");
      // And diagnostics keep flowing.
      s.change(f, 2, FILE.replace("max = 10", "max = 0"));
      PublishDiagnosticsParams p = s.diagnosticsFor(f);
      while (p.getDiagnostics().isEmpty()) p = s.diagnosticsFor(f);
      assertThat(p.getDiagnostics()).isNotEmpty();
      assertThat(s.logs).anyMatch(m -> m.contains("boom"));
    }
  }

  @Test
  void aDirectoryOfFilesThatBelongTogetherIsOneConfiguration(@TempDir Path dir) throws Exception {
    Files.createDirectories(dir.resolve(".git"));
    Path a = write(dir, "conf/a.pool", "cloud local dev {}\nlet size = \"s\"\n");
    String b =
        "pool \"web\" on dev {\n  capacity { min = 1  max = 2 }\n  machine { size = size  image = \"i\" }\n}\n";
    Path bf = write(dir, "conf/b.pool", b);
    // Two files that each declare the same cloud are separate configurations.
    String solo =
        "cloud local dev {}\npool \"x\" on dev {\n  capacity { min = 1  max = 2 }\n  machine { size = \"s\"  image = \"i\" }\n}\n";
    write(dir, "solo/one.pool", solo);
    Path two = write(dir, "solo/two.pool", solo);
    try (LspSession s = LspSession.start()) {
      s.open(bf, b);
      assertThat(s.diagnosticsFor(bf).getDiagnostics()).isEmpty();
      s.open(two, solo);
      assertThat(s.diagnosticsFor(two).getDiagnostics()).isEmpty();
      assertThat(a).exists();
    }
  }
}
