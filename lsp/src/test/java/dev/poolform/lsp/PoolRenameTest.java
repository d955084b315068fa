package dev.poolform.lsp;

import static dev.poolform.lsp.LanguageServerTest.get;
import static dev.poolform.lsp.LanguageServerTest.write;
import static dev.poolform.lsp.LspSession.at;
import static dev.poolform.lsp.LspSession.doc;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.poolform.compiler.Compilation;
import dev.poolform.compiler.CompileOptions;
import dev.poolform.compiler.Compiler;
import dev.poolform.ir.IrMove;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.lsp4j.PrepareRenameParams;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.RenameParams;
import org.eclipse.lsp4j.TextEdit;
import org.eclipse.lsp4j.services.TextDocumentService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Renaming a pool in the editor writes a {@code moved} block, so the next plan keeps the pool's
 * cloud group; {@code after} entries follow, and a pool renamed before chains its blocks.
 */
class PoolRenameTest {
  static final String FILE =
      """
      cloud local dev {}

      pool "web" on dev {
        capacity { min = 1  max = 3 }
        machine  { size = "small"  image = "ubuntu-24.04" }
      }

      pool "api" on dev {
        capacity { min = 1  max = 3 }
        machine  { size = "small"  image = "ubuntu-24.04" }
        after    = ["web"]
      }

      moved {
        from = pool.www
        to   = pool.web
      }
      """;

  @Test
  void renamingAPoolWritesAMovedBlockThatChainsWithAnEarlierOne(@TempDir Path dir)
      throws Exception {
    Path f = write(dir, "main.pool", FILE);
    try (LspSession s = LspSession.start()) {
      s.open(f, FILE);
      TextDocumentService docs = s.server.getTextDocumentService();
      Range prepared =
          get(docs.prepareRename(new PrepareRenameParams(doc(f), at(FILE, "\"web\"", 0, 2))))
              .getFirst();
      assertThat(prepared).isEqualTo(new Range(at(FILE, "web\"", 0, 0), at(FILE, "web\"", 0, 3)));

      List<TextEdit> edits =
          get(docs.rename(new RenameParams(doc(f), at(FILE, "\"web\"", 0, 2), "front")))
              .getChanges()
              .get(LspSession.uri(f));
      String renamed = LspSession.apply(FILE, edits);
      assertThat(renamed)
          .contains("pool \"front\" on dev", "after    = [\"front\"]")
          .contains("moved {\n  from = pool.web\n  to   = pool.front\n}")
          .contains("moved {\n  from = pool.www\n  to   = pool.web\n}");

      // What the editor wrote is a configuration the compiler accepts: www and web both reach
      // front.
      Files.writeString(f, renamed);
      Compilation c = Compiler.compile(new CompileOptions(f, Optional.empty(), Map.of()));
      assertThat(c.diagnostics()).isEmpty();
      assertThat(c.ir().orElseThrow().moves())
          .extracting(IrMove::from, IrMove::to)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple("pool.web", "pool.front"),
              org.assertj.core.groups.Tuple.tuple("pool.www", "pool.front"));
    }
  }

  @Test
  void aRenameThatCannotBeWrittenIsRefusedWithTheReason(@TempDir Path dir) throws Exception {
    Path f = write(dir, "main.pool", FILE);
    try (LspSession s = LspSession.start()) {
      s.open(f, FILE);
      TextDocumentService docs = s.server.getTextDocumentService();
      assertThatThrownBy(
              () -> get(docs.rename(new RenameParams(doc(f), at(FILE, "\"web\"", 0, 2), "api"))))
          .hasMessageContaining("A pool named `api` is already declared");
      assertThatThrownBy(
              () -> get(docs.rename(new RenameParams(doc(f), at(FILE, "\"web\"", 0, 2), "a b"))))
          .hasMessageContaining("cannot be written in a `moved` block");
      assertThatThrownBy(
              () -> get(docs.rename(new RenameParams(doc(f), at(FILE, "\"web\"", 0, 2), "www"))))
          .hasMessageContaining("moves pool.www away");
    }
  }
}
