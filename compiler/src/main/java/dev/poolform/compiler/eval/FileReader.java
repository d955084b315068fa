package dev.poolform.compiler.eval;

import dev.poolform.files.SafeFiles;
import dev.poolform.source.SourceFile;
import dev.poolform.stdlib.functions.FunctionContext;
import dev.poolform.stdlib.functions.Limits;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/** How {@code file()} reads: relative to the file that contains the call. Replaceable in tests. */
@FunctionalInterface
public interface FileReader {
  /**
   * The text of {@code path}, which lies inside {@code projectRoot} as written (null: no bound).
   */
  FunctionContext.FileContent read(Path path, Path projectRoot);

  /**
   * Reads from disk, as {@code import} does: the file's real path must stay inside the project root
   * (a symbolic link may not lead out of it, or {@code file("leak.txt")} could put {@code
   * /etc/passwd} in cloud tags); only a regular file is opened (a FIFO would block the compiler);
   * it must be UTF-8 text and no larger than a string may be. (A class, not a lambda: every
   * compilation evaluates, and linking a lambda costs a cold {@code pool validate} the set-up of
   * {@code java.lang.invoke}, docs/BENCHMARKS.md#cold-start.)
   */
  FileReader DISK =
      new FileReader() {
        @Override
        public FunctionContext.FileContent read(Path path, Path projectRoot) {
          try {
            if (projectRoot != null && !path.toRealPath().startsWith(projectRoot.toRealPath())) {
              return FunctionContext.FileContent.failed(
                  "it leads outside the project root through a symbolic link");
            }
            byte[] bytes = SafeFiles.readRegular(path, Limits.MAX_STRING);
            return FunctionContext.FileContent.ok(SafeFiles.utf8(bytes));
          } catch (IOException e) {
            return FunctionContext.FileContent.failed(SafeFiles.reason(e));
          } catch (SecurityException e) {
            return FunctionContext.FileContent.failed("permission denied");
          }
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
        Path p;
        try {
          Path base = caller.path().toAbsolutePath().getParent();
          p = base == null ? Path.of(path) : base.resolve(path).normalize();
        } catch (RuntimeException e) {
          return FileContent.failed("not a valid path");
        }
        if (projectRoot != null && !p.startsWith(projectRoot)) {
          return FileContent.failed("it is outside the project root");
        }
        return self.read(p, projectRoot);
      }
    };
  }
}
