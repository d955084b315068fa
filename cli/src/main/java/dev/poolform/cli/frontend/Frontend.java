package dev.poolform.cli.frontend;

import dev.poolform.cli.CliContext;
import dev.poolform.cli.UsageException;
import dev.poolform.compiler.CompileOptions;
import dev.poolform.compiler.Compilation;
import dev.poolform.compiler.diag.Diagnostic;
import dev.poolform.compiler.source.SourceFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Compiles and formats for the commands; checks the path first (environment errors exit 2). */
public final class Frontend {
  private final CliContext ctx;

  public Frontend(CliContext ctx) {
    this.ctx = ctx;
  }

  /** A {@code .pool} file or a directory of them; the current directory when absent. */
  public Path entry(Path argument) {
    Path p = ctx.resolve(argument == null ? Path.of(".") : argument);
    if (!Files.exists(p)) throw new UsageException("No such file or directory: " + argument + ".");
    if (!Files.isReadable(p)) throw new UsageException("Cannot read " + argument + ": permission denied.");
    if (Files.isRegularFile(p) && !p.getFileName().toString().endsWith(".pool")) {
      throw new UsageException("Not a .pool file: " + argument + ".");
    }
    return p;
  }

  public Compilation compile(Path entry) {
    return compile(new CompileOptions(entry, Optional.empty(), ctx.env()));
  }

  public Compilation compile(CompileOptions options) {
    // TODO(clidocs): call Compiler.compile directly once it is on main (reflection until then).
    return (Compilation) invoke("dev.poolform.compiler.Compiler", "compile", CompileOptions.class, options);
  }

  /** The formatted text of a file and any syntax errors that stopped it from being formatted. */
  public record Formatted(String text, List<Diagnostic> diagnostics) {
    public boolean hasErrors() {
      return diagnostics.stream().anyMatch(Diagnostic::isError);
    }
  }

  @SuppressWarnings("unchecked")
  public Formatted format(SourceFile file) {
    // TODO(clidocs): call Formatter.format directly once it is on main (reflection until then).
    Object r = invoke("dev.poolform.compiler.format.Formatter", "format", SourceFile.class, file);
    try {
      String text = (String) r.getClass().getMethod("text").invoke(r);
      List<Diagnostic> ds = (List<Diagnostic>) r.getClass().getMethod("diagnostics").invoke(r);
      return new Formatted(text, ds);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Object invoke(String cls, String method, Class<?> argType, Object arg) {
    java.lang.reflect.Method m;
    try {
      m = Class.forName(cls).getMethod(method, argType);
    } catch (ReflectiveOperationException e) {
      throw new UsageException("This build of Poolform has no " + cls.substring(cls.lastIndexOf('.') + 1) + " yet.");
    }
    try {
      return m.invoke(null, arg);
    } catch (java.lang.reflect.InvocationTargetException e) {
      if (e.getCause() instanceof RuntimeException re) throw re;
      if (e.getCause() instanceof Error err) throw err;
      throw new IllegalStateException(e.getCause());
    } catch (IllegalAccessException e) {
      throw new IllegalStateException(e);
    }
  }
}
