package dev.poolform.lsp.workspace;

import dev.poolform.compiler.Compilation;
import dev.poolform.compiler.CompileOptions;
import dev.poolform.compiler.Compiler;
import dev.poolform.compiler.diag.Code;
import dev.poolform.compiler.diag.Diagnostic;
import dev.poolform.compiler.diag.Note;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Which configuration an open file belongs to: the file alone, or its whole directory.
 *
 * <p>The command line is told ({@code pool validate web.pool} or {@code pool validate dir}); an
 * editor is not. The rule (docs/editors.md#which-configuration-a-file-belongs-to): a directory
 * whose {@code .pool} files compile together without declaring a name twice across files is one
 * configuration, like a Terraform module; a directory of independent files (like {@code examples/},
 * where each file declares its own cloud) is not, and each file is compiled alone. The answer is
 * kept per directory and asked again when a file of it is saved.
 */
public final class Configurations {
  private final Map<Path, Boolean> directoryMode = new ConcurrentHashMap<>();
  private final Map<String, String> environment;

  public Configurations(Map<String, String> environment) {
    this.environment = Map.copyOf(environment);
  }

  /** The entry to compile for {@code file}: the file itself, or its directory. */
  public Path entryOf(Path file, Map<Path, String> overlay) {
    Path dir = file.getParent();
    if (dir == null) return file;
    boolean whole = directoryMode.computeIfAbsent(dir, d -> oneConfiguration(d, overlay));
    return whole ? dir : file;
  }

  /** Forget what was decided for the directory of {@code file} (a file of it was saved). */
  public void forget(Path file) {
    if (file.getParent() != null) directoryMode.remove(file.getParent());
  }

  private boolean oneConfiguration(Path dir, Map<Path, String> overlay) {
    long files;
    try (Stream<Path> s = Files.list(dir)) {
      files = s.filter(p -> p.getFileName().toString().endsWith(".pool")).count();
    } catch (IOException e) {
      return false;
    }
    if (files < 2) return false;
    Compilation c =
        Compiler.compile(new CompileOptions(dir, Optional.empty(), environment, overlay));
    for (Diagnostic d : c.diagnostics()) {
      if (d.code() != Code.E0202) continue;
      for (Note n : d.notes()) {
        boolean otherEntryFile =
            n.span().file() != d.span().file()
                && dir.equals(n.span().file().path().toAbsolutePath().normalize().getParent())
                && dir.equals(d.span().file().path().toAbsolutePath().normalize().getParent());
        if (otherEntryFile) return false;
      }
    }
    return true;
  }
}
