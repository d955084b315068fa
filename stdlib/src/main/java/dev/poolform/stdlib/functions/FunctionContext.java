package dev.poolform.stdlib.functions;

import java.util.Optional;

/** What a call may read from outside the configuration; the compiler provides it per call site. */
public interface FunctionContext {
  /** An environment variable, if set. */
  Optional<String> env(String name);

  /** A file's text, relative to the file that contains the call. */
  FileContent readFile(String path);

  /** The outcome of reading a file: its text, or why it could not be read. */
  record FileContent(String text, String error) {
    public static FileContent ok(String text) {
      return new FileContent(text, null);
    }

    public static FileContent failed(String error) {
      return new FileContent(null, error);
    }

    public boolean ok() {
      return text != null;
    }
  }

  /** A context without environment or files (tests, pure functions). */
  FunctionContext NONE =
      new FunctionContext() {
        @Override
        public Optional<String> env(String name) {
          return Optional.empty();
        }

        @Override
        public FileContent readFile(String path) {
          return FileContent.failed("files cannot be read here");
        }
      };
}
