package dev.poolform.compiler.resolve;

import static org.assertj.core.api.Assertions.assertThat;

import dev.poolform.compiler.Compilation;
import dev.poolform.compiler.CompileOptions;
import dev.poolform.compiler.Compiler;
import dev.poolform.compiler.diag.Code;
import dev.poolform.compiler.diag.Diagnostic;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Imports and directory configurations over real file trees: where the project root is (a git work
 * tree), how files are named in diagnostics, cycles and the order of a directory's files. What one
 * file can show on its own is a spec snippet ({@code spec/resolve/e0206_import.pool}).
 */
class ImportsTest {
  /** Compiles a file or directory; the project root is found from it unless given. */
  static Compilation compile(Path entry, Optional<Path> projectRoot) {
    return Compiler.compile(new CompileOptions(entry, projectRoot, Map.of()));
  }

  static Compilation compile(Path entry) {
    return compile(entry, Optional.empty());
  }

  static void write(Path p, String text) throws Exception {
    Files.createDirectories(p.getParent());
    Files.writeString(p, text);
  }

  @Test
  void importsShareOneNamespace(@TempDir Path dir) throws Exception {
    Files.createDirectories(dir.resolve(".git"));
    write(
        dir.resolve("shared/base.pool"),
        "cloud local dev {}\ntemplate base { capacity { min = 1 max = 4 } }\n");
    write(
        dir.resolve("cfg/main.pool"),
        "import \"../shared/base.pool\"\n"
            + "pool \"web\" from base on dev { machine { size = \"s\" image = \"i\" } }\n");
    Compilation c = compile(dir.resolve("cfg/main.pool"));
    assertThat(c.diagnostics()).isEmpty();
    assertThat(c.ir().orElseThrow().pools().get(0).capacity().max()).isEqualTo(4);
    assertThat(c.sources())
        .extracting(s -> s.displayPath())
        .containsExactly("main.pool", "../shared/base.pool");
  }

  @Test
  void e0206GitWorkTreeIsTheProjectRoot(@TempDir Path dir) throws Exception {
    Files.createDirectories(dir.resolve(".git"));
    write(dir.resolve("lib/x.pool"), "let x = 1\n");
    write(dir.resolve("cfg/main.pool"), "import \"../lib/x.pool\"\nlet y = x\n");
    Compilation c = compile(dir.resolve("cfg"));
    assertThat(c.diagnostics()).extracting(Diagnostic::code).containsExactly(Code.W0501);
  }

  @Test
  void e0208PoolInImportedFile(@TempDir Path dir) throws Exception {
    write(
        dir.resolve("lib.pool"),
        "cloud local dev {}\npool \"x\" on dev { capacity { min = 1 max = 2 }"
            + " machine { size = \"s\" image = \"i\" } }\n");
    write(dir.resolve("main/main.pool"), "import \"../lib.pool\"\n");
    Compilation c = compile(dir.resolve("main/main.pool"), Optional.of(dir));
    assertThat(c.diagnostics())
        .extracting(d -> d.code() + "@" + d.span())
        .containsExactly("E0208@../lib.pool:2:6");
  }

  @Test
  void importCyclesStop(@TempDir Path dir) throws Exception {
    write(dir.resolve("a.pool"), "import \"b.pool\"\ncloud local dev {}\n");
    write(dir.resolve("b.pool"), "import \"a.pool\"\nlet x = 1\n");
    Compilation c = compile(dir.resolve("a.pool"));
    assertThat(c.hasErrors()).isFalse();
  }

  @Test
  void directoryIsOneNamespaceSortedByName(@TempDir Path dir) throws Exception {
    write(
        dir.resolve("b.pool"),
        "pool \"web\" on dev {\n  capacity { min = 1 max = 5 }\n"
            + "  machine { size = \"small\" image = \"ubuntu\" }\n}\n");
    write(dir.resolve("a.pool"), "cloud local dev {}\n");
    write(dir.resolve("notes.txt"), "ignored");
    Compilation c = compile(dir);
    assertThat(c.diagnostics()).isEmpty();
    assertThat(c.sources()).extracting(s -> s.displayPath()).containsExactly("a.pool", "b.pool");
    assertThat(c.ir().orElseThrow().pools()).hasSize(1);
  }
}
