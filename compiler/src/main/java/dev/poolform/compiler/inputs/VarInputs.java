package dev.poolform.compiler.inputs;

import dev.poolform.compiler.ast.BodyItem;
import dev.poolform.compiler.diag.DiagnosticSink;
import dev.poolform.compiler.resolve.Loader;
import dev.poolform.compiler.syntax.Parser;
import dev.poolform.source.SourceFile;
import java.io.IOException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * The files and {@code --var} flags that give variables values, in increasing precedence: the files
 * loaded automatically, then the command line's {@code --var-file}s and {@code --var}s in the order
 * given (docs/language.md#setting-values). Files are read and parsed here, with the configuration,
 * so that a syntax error in one is reported like one in a {@code .pool} file. {@code POOL_VAR_}
 * environment variables, lower than all of these, are read by {@link Inputs}.
 *
 * @param inputs in increasing precedence
 */
public record VarInputs(List<Input> inputs) {
  public VarInputs {
    inputs = List.copyOf(inputs);
  }

  /** Nothing given: no files, no flags. */
  public static final VarInputs NONE = new VarInputs(List.of());

  /** The extension of a variable values file. */
  public static final String EXTENSION = ".poolvars";

  /** What a directory configuration loads first, then {@code *.auto.poolvars}. */
  public static final String DIRECTORY_FILE = "pool" + EXTENSION;

  /** One source of values. */
  public sealed interface Input {
    /** A {@code .poolvars} file's assignments, parsed. */
    record FileInput(SourceFile file, List<BodyItem.Attribute> assignments) implements Input {
      public FileInput {
        assignments = List.copyOf(assignments);
      }
    }

    /** {@code --var NAME=VALUE}. */
    record FlagInput(VarSource.Flag flag) implements Input {}
  }

  /**
   * Reads the files loaded automatically for {@code entry} and every source given, in order.
   *
   * @param loader reads each file the way the configuration's files are read (size limit, UTF-8, a
   *     display path relative to the configuration), reporting E0409 when it cannot
   */
  public static VarInputs load(
      Path entry, List<VarSource> given, Loader loader, DiagnosticSink sink) {
    // Plain loops: this runs on every compilation's start path (see Loader).
    List<Input> out = new ArrayList<>();
    for (Path auto : automatic(entry)) file(auto, loader, sink, out);
    for (VarSource s : given) {
      if (s instanceof VarSource.Flag f) out.add(new Input.FlagInput(f));
      else file(((VarSource.File) s).path(), loader, sink, out);
    }
    return new VarInputs(out);
  }

  private static void file(Path path, Loader loader, DiagnosticSink sink, List<Input> out) {
    Optional<SourceFile> f = loader.readVarFile(path);
    if (f.isPresent()) out.add(new Input.FileInput(f.get(), Parser.parseVars(f.get(), sink)));
  }

  /**
   * The files loaded without being named: for a directory, {@code pool.poolvars} and then every
   * {@code *.auto.poolvars} in name order; for a file {@code NAME.pool}, {@code NAME.poolvars}
   * beside it. Only those that exist.
   */
  public static List<Path> automatic(Path entry) {
    Path abs = entry.toAbsolutePath().normalize();
    List<Path> out = new ArrayList<>();
    if (Files.isDirectory(abs)) {
      Path main = abs.resolve(DIRECTORY_FILE);
      if (Files.isRegularFile(main)) out.add(main);
      List<Path> autos = new ArrayList<>();
      try (DirectoryStream<Path> s = Files.newDirectoryStream(abs)) {
        for (Path p : s) {
          if (p.getFileName().toString().endsWith(".auto" + EXTENSION) && Files.isRegularFile(p)) {
            autos.add(p);
          }
        }
      } catch (IOException e) {
        // The configuration's own listing reports an unreadable directory.
      } catch (DirectoryIteratorException e) {
        // Likewise.
      }
      Collections.sort(autos);
      out.addAll(autos);
      return out;
    }
    String name = abs.getFileName() == null ? "" : abs.getFileName().toString();
    if (name.endsWith(".pool") && abs.getParent() != null) {
      Path own = abs.getParent().resolve(name.substring(0, name.length() - 5) + EXTENSION);
      if (Files.isRegularFile(own)) out.add(own);
    }
    return out;
  }
}
