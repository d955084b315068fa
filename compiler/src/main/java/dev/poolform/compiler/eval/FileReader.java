package dev.poolform.compiler.eval;

import dev.poolform.compiler.resolve.Loader;
import dev.poolform.source.SourceFile;
import dev.poolform.stdlib.functions.FunctionContext;
import dev.poolform.stdlib.functions.Limits;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/** How {@code file()} reads: relative to the file that contains the call. Replaceable in tests. */
@FunctionalInterface
public interface FileReader {
  FunctionContext.FileContent read(Path path);

  /** Reads from disk as UTF-8 (malformed bytes replaced), refusing huge files. */
  FileReader DISK =
      path -> {
        try {
          if (Files.isDirectory(path))
            return FunctionContext.FileContent.failed("it is a directory");
          if (Files.size(path) > Limits.MAX_STRING)
            return FunctionContext.FileContent.failed("it is too large");
          return FunctionContext.FileContent.ok(Loader.decode(Files.readAllBytes(path)));
        } catch (java.nio.file.NoSuchFileException e) {
          return FunctionContext.FileContent.failed("no such file");
        } catch (IOException | SecurityException e) {
          return FunctionContext.FileContent.failed(
              e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        }
      };

  /** The function context of a call written in {@code caller}. */
  default FunctionContext context(
      SourceFile caller, Map<String, String> environment, Path projectRoot) {
    FileReader self = this;
    return new FunctionContext() {
      @Override
      public Optional<String> env(String name) {
        return Optional.ofNullable(environment.get(name));
      }

      @Override
      public FileContent readFile(String path) {
        try {
          Path base = caller.path().toAbsolutePath().getParent();
          Path p = base == null ? Path.of(path) : base.resolve(path).normalize();
          if (projectRoot != null && !p.startsWith(projectRoot)) {
            return FileContent.failed("it is outside the project root");
          }
          return self.read(p);
        } catch (RuntimeException e) {
          return FileContent.failed("not a valid path");
        }
      }
    };
  }
}
