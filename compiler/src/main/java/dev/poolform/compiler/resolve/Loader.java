package dev.poolform.compiler.resolve;

import dev.poolform.compiler.ast.Decl;
import dev.poolform.compiler.ast.SourceUnit;
import dev.poolform.compiler.diag.Code;
import dev.poolform.compiler.diag.Diagnostic;
import dev.poolform.compiler.diag.DiagnosticSink;
import dev.poolform.files.SafeFiles;
import dev.poolform.source.SourceFile;
import dev.poolform.source.Span;
import java.io.IOException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Reads a configuration and its imports. Imports are relative to the importing file, end in {@code
 * .pool}, and stay inside the project root (the enclosing git work tree, else the entry directory);
 * each file is read once, so import cycles simply stop.
 *
 * <p>Written with plain loops: this is on every compilation's start path, where a lambda, a stream
 * or even {@code ArrayDeque.addAll} (which links a method reference) costs a cold {@code pool
 * validate} the set-up of {@code java.lang.invoke} (docs/BENCHMARKS.md#cold-start).
 */
public final class Loader {
  /** Files larger than this are refused rather than read into memory. */
  static final long MAX_FILE_BYTES = 32L * 1024 * 1024;

  private final ParseFunction parser;
  private final DiagnosticSink sink;
  private final List<SourceFile> sources = new ArrayList<>();
  private final Set<Path> seen = new HashSet<>();
  private final List<SourceUnit> imports = new ArrayList<>();
  private final Deque<SourceUnit> pending = new ArrayDeque<>();
  private final List<Program.ImportLink> links = new ArrayList<>();
  private final Map<Path, String> overlay;
  private Path projectRoot;
  private Path root;

  public Loader(ParseFunction parser, DiagnosticSink sink) {
    this(parser, sink, Map.of());
  }

  /**
   * @param overlay texts read instead of the files on disk, by absolute normalised path (an
   *     editor's unsaved buffers)
   */
  public Loader(ParseFunction parser, DiagnosticSink sink, Map<Path, String> overlay) {
    this.parser = parser;
    this.sink = sink;
    this.overlay = Map.copyOf(overlay);
  }

  /** Loads an entry file or directory from disk. */
  public Program load(Path entry, Optional<Path> projectRootOption) {
    Path abs = entry.toAbsolutePath().normalize();
    boolean dir = Files.isDirectory(abs);
    root = dir ? abs : (abs.getParent() == null ? abs : abs.getParent());
    projectRoot =
        projectRootOption.isPresent()
            ? projectRootOption.get().toAbsolutePath().normalize()
            : gitRoot(root);
    List<SourceUnit> entries = new ArrayList<>();
    if (dir) {
      // By file name: the names in one directory are unique.
      Map<String, Path> files = new TreeMap<>();
      try (DirectoryStream<Path> s = Files.newDirectoryStream(abs)) {
        for (Path p : s) {
          String name = p.getFileName().toString();
          if (name.endsWith(".pool") && Files.isRegularFile(p)) files.put(name, p);
        }
      } catch (IOException e) {
        entryProblem(entry, "Cannot list directory `" + entry + "`: " + SafeFiles.reason(e) + ".");
      } catch (DirectoryIteratorException e) {
        entryProblem(
            entry,
            "Cannot list directory `" + entry + "`: " + SafeFiles.reason(e.getCause()) + ".");
      }
      if (files.isEmpty() && sources.isEmpty()) {
        entryProblem(entry, "Directory `" + entry + "` contains no `.pool` files.");
      }
      for (Path f : files.values()) addEntry(entries, f);
    } else if (!Files.exists(abs)) {
      entryProblem(entry, "File `" + entry + "` does not exist.");
    } else {
      addEntry(entries, abs);
    }
    for (SourceUnit u : entries) pending.add(u);
    followImports();
    return new Program(entries, imports, sources, root, projectRoot, links);
  }

  private void addEntry(List<SourceUnit> entries, Path file) {
    Optional<SourceUnit> u = readAndParse(file, null);
    if (u.isPresent()) entries.add(u.get());
  }

  /** Loads one in-memory file (tests, fuzzing, stdin); imports resolve against its display path. */
  public Program loadSource(String displayPath, String text) {
    Path p = Path.of(displayPath).toAbsolutePath().normalize();
    root = p.getParent() == null ? p : p.getParent();
    projectRoot = root;
    seen.add(p);
    SourceFile f = new SourceFile(p, displayPath, text);
    sources.add(f);
    SourceUnit u = parser.parse(f, sink);
    pending.add(u);
    followImports();
    return new Program(List.of(u), imports, sources, root, projectRoot, links);
  }

  private void followImports() {
    while (!pending.isEmpty()) {
      SourceUnit u = pending.poll();
      for (Decl d : u.decls()) {
        if (d instanceof Decl.Import imp) follow(u, imp);
      }
    }
  }

  private void follow(SourceUnit from, Decl.Import imp) {
    Span at = imp.path().span();
    if (!imp.path().isConstant()) {
      sink.report(
          Diagnostic.of(
              Code.E0206, at, "An import path must be a plain string without interpolation."));
      return;
    }
    String text = imp.path().constantText();
    if (!text.endsWith(".pool")) {
      sink.report(Diagnostic.of(Code.E0206, at, "Import `" + text + "` is not a `.pool` file."));
      return;
    }
    Path base = from.file().path().toAbsolutePath().getParent();
    Path target;
    try {
      target = base.resolve(text).normalize();
    } catch (RuntimeException e) {
      sink.report(Diagnostic.of(Code.E0206, at, "Import `" + text + "` is not a valid path."));
      return;
    }
    if (!inside(target, projectRoot)) {
      sink.report(
          Diagnostic.of(Code.E0206, at, "Import `" + text + "` is outside the project root.")
              .withHelp(
                  "Imports must stay inside the enclosing git work tree, or the"
                      + " configuration's directory when there is none."));
      return;
    }
    if (seen.contains(target)) {
      for (SourceFile f : sources) {
        if (f.path().equals(target)) links.add(new Program.ImportLink(imp, f));
      }
      return;
    }
    if (!Files.isRegularFile(target) && !overlay.containsKey(target)) {
      sink.report(Diagnostic.of(Code.E0206, at, "Import `" + text + "` not found."));
      return;
    }
    try {
      if (!inside(target.toRealPath(), projectRoot.toRealPath())) {
        sink.report(
            Diagnostic.of(
                Code.E0206,
                at,
                "Import `"
                    + text
                    + "` leads outside the project root through a"
                    + " symbolic link."));
        return;
      }
    } catch (IOException e) {
      sink.report(
          Diagnostic.of(
              Code.E0206,
              at,
              "Import `" + text + "` cannot be read: " + SafeFiles.reason(e) + "."));
      return;
    }
    Optional<SourceUnit> unit = readAndParse(target, at);
    if (unit.isEmpty()) return;
    links.add(new Program.ImportLink(imp, unit.get().file()));
    imports.add(unit.get());
    for (Decl d : unit.get().decls()) reportEntryOnly(d);
    pending.add(unit.get());
  }

  /**
   * Imported files may declare lets, templates and clouds, never pools (also not inside for/if) and
   * never variables: both would turn up in every configuration that imports the file.
   */
  private void reportEntryOnly(Decl d) {
    if (d instanceof Decl.Pool p) {
      sink.report(
          Diagnostic.of(Code.E0208, p.name().span(), "Imported files may not declare pools.")
              .withHelp(
                  "Move the pool into an entry file; imported files hold lets, templates and clouds."));
    } else if (d instanceof Decl.Variable v) {
      sink.report(
          Diagnostic.of(Code.E0209, v.label().span(), "Imported files may not declare variables.")
              .withHelp(
                  "Declare `"
                      + v.label().constantText()
                      + "` in an entry file of each configuration that needs it; imported files"
                      + " may still use `var."
                      + v.label().constantText()
                      + "`."));
    } else if (d instanceof Decl.For f) {
      for (Decl inner : f.body()) reportEntryOnly(inner);
    } else if (d instanceof Decl.If i) {
      for (Decl inner : i.then()) reportEntryOnly(inner);
      for (Decl inner : i.otherwise()) reportEntryOnly(inner);
    }
  }

  /**
   * Reads a {@code .poolvars} file like the configuration's own files (size limit, UTF-8, a display
   * path relative to the configuration); E0409 when it cannot be read.
   */
  public Optional<SourceFile> readVarFile(Path path) {
    Path abs = path.toAbsolutePath().normalize();
    if (!Files.isRegularFile(abs) && !overlay.containsKey(abs)) {
      entryProblem(path, "Variables file `" + path + "` does not exist or is not a file.");
      return Optional.empty();
    }
    return readText(abs, null, path);
  }

  private static boolean inside(Path p, Path dir) {
    return p.startsWith(dir);
  }

  private Optional<SourceUnit> readAndParse(Path path, Span importedAt) {
    Path abs = path.toAbsolutePath().normalize();
    seen.add(abs);
    Optional<SourceFile> f = readText(abs, importedAt, path);
    return f.isPresent() ? Optional.of(parser.parse(f.get(), sink)) : Optional.empty();
  }

  /**
   * Reads a file into a {@link SourceFile} (recorded in {@code sources}), from the overlay when it
   * holds the file, or reports why not.
   */
  private Optional<SourceFile> readText(Path abs, Span importedAt, Path path) {
    String text = overlay.get(abs);
    if (text != null) {
      SourceFile f = new SourceFile(abs, display(abs), text);
      sources.add(f);
      return Optional.of(f);
    }
    SourceText decoded;
    try {
      // Only a regular file is opened: an entry or import that is a FIFO would block here.
      decoded = SourceText.decode(SafeFiles.readRegular(abs, MAX_FILE_BYTES));
    } catch (IOException e) {
      problem(importedAt, path, "Cannot read `" + display(abs) + "`: " + SafeFiles.reason(e) + ".");
      return Optional.empty();
    } catch (SecurityException e) {
      problem(importedAt, path, "Cannot read `" + display(abs) + "`: permission denied.");
      return Optional.empty();
    }
    SourceFile f = new SourceFile(abs, display(abs), decoded.text());
    sources.add(f);
    Optional<Diagnostic> error = decoded.error(f);
    if (error.isPresent()) sink.report(error.get());
    return Optional.of(f);
  }

  /** Every file read so far, var files included, for rendering. */
  public List<SourceFile> sources() {
    return List.copyOf(sources);
  }

  private void problem(Span importedAt, Path path, String message) {
    if (importedAt != null) sink.report(Diagnostic.of(Code.E0206, importedAt, message));
    else entryProblem(path, message);
  }

  /**
   * A problem with the entry itself has no source line: it points at an empty file named after it.
   */
  private void entryProblem(Path entry, String message) {
    SourceFile f = new SourceFile(entry, entry.toString().replace('\\', '/'), "");
    sources.add(f);
    sink.report(Diagnostic.of(Code.E0409, new Span(f, 0, 0), message));
  }

  private String display(Path p) {
    Path rel;
    try {
      rel = root.relativize(p);
    } catch (IllegalArgumentException e) {
      rel = p;
    }
    String s = rel.toString().replace('\\', '/');
    return s.isEmpty() ? "." : s;
  }

  /** The enclosing git work tree (a directory holding a {@code .git} entry), else {@code dir}. */
  static Path gitRoot(Path dir) {
    for (Path p = dir; p != null; p = p.getParent()) {
      if (Files.exists(p.resolve(".git"))) return p;
    }
    return dir;
  }
}
