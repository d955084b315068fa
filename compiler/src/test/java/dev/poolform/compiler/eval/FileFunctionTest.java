package dev.poolform.compiler.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.poolform.compiler.Compilation;
import dev.poolform.compiler.CompileOptions;
import dev.poolform.compiler.Compiler;
import dev.poolform.compiler.diag.Code;
import dev.poolform.compiler.diag.Diagnostic;
import dev.poolform.compiler.diag.render.TextRenderer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code file()} over real file trees: it reads only UTF-8 regular files inside the project root,
 * however the path gets there. What one file can show on its own is a spec snippet ({@code
 * spec/types/e0409_file.pool}).
 */
class FileFunctionTest {
  @TempDir Path root;

  /** A project (a git work tree) whose pool puts {@code file(name)} in a label. */
  Compilation compileReading(String name) throws Exception {
    Files.createDirectories(root.resolve(".git"));
    Path main = root.resolve("main.pool");
    Files.writeString(
        main,
        "cloud local dev {}\npool \"web\" on dev {\n  capacity { min = 1  max = 3 }\n"
            + "  machine  { size = \"small\"  image = \"ubuntu\" }\n"
            + "  labels   = { owner = file(\""
            + name
            + "\") }\n}\n");
    return Compiler.compile(new CompileOptions(main, Optional.empty(), Map.of()));
  }

  static List<String> errors(Compilation c) {
    return c.diagnostics().stream()
        .filter(d -> d.code() == Code.E0409)
        .map(Diagnostic::message)
        .toList();
  }

  @Test
  void readsAFileInsideTheRootAlsoThroughALinkInsideIt() throws Exception {
    Files.writeString(root.resolve("OWNER"), "platform");
    Files.createSymbolicLink(root.resolve("owner-link"), root.resolve("OWNER"));
    Compilation c = compileReading("owner-link");
    assertThat(c.hasErrors()).as(c.diagnostics().toString()).isFalse();
    assertThat(c.ir().orElseThrow().pools().get(0).labels()).containsEntry("owner", "platform");
  }

  /** {@code ln -s /etc/passwd leak.txt} must not put /etc/passwd in the cloud's tags. */
  @Test
  void refusesALinkThatLeadsOutOfTheProjectRoot(@TempDir Path outside) throws Exception {
    Path secret = Files.writeString(outside.resolve("passwd"), "root:x:0:0");
    Files.createSymbolicLink(root.resolve("leak.txt"), secret);
    Compilation c = compileReading("leak.txt");
    assertThat(errors(c))
        .containsExactly(
            "Cannot read file `leak.txt`: it leads outside the project root through a symbolic"
                + " link.");
    assertThat(TextRenderer.plain().render(c.diagnostics())).doesNotContain("root:x");
    // A linked directory is the same way out.
    Files.createSymbolicLink(root.resolve("etc"), outside);
    assertThat(errors(compileReading("etc/passwd"))).hasSize(1);
  }

  @Test
  @Timeout(20)
  void refusesAFifoInsteadOfWaitingOnIt() throws Exception {
    Path fifo = root.resolve("pipe");
    Process p = new ProcessBuilder("mkfifo", fifo.toString()).start();
    assumeTrue(p.waitFor(5, TimeUnit.SECONDS) && p.exitValue() == 0, "mkfifo is not available");
    assertThat(errors(compileReading("pipe")))
        .containsExactly(
            "Cannot read file `pipe`: it is not a regular file (a FIFO, socket or device).");
  }

  @Test
  void refusesTextThatIsNotUtf8AndADirectory() throws Exception {
    Files.write(root.resolve("latin1.txt"), new byte[] {'c', 'a', 'f', (byte) 0xe9});
    assertThat(errors(compileReading("latin1.txt")))
        .containsExactly(
            "Cannot read file `latin1.txt`: it is not UTF-8 text (byte 0xE9 at offset 3).");
    Files.createDirectories(root.resolve("sub"));
    assertThat(errors(compileReading("sub")))
        .containsExactly("Cannot read file `sub`: it is a directory.");
  }
}
