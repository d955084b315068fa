package dev.poolform.compiler.spec;

import static org.junit.jupiter.api.Assertions.fail;

import dev.poolform.compiler.CaseNames;
import dev.poolform.compiler.Compilation;
import dev.poolform.compiler.Compiler;
import dev.poolform.compiler.TestResources;
import dev.poolform.compiler.diag.Code;
import dev.poolform.compiler.diag.Diagnostic;
import dev.poolform.compiler.diag.DiagnosticSink;
import dev.poolform.compiler.diag.Note;
import dev.poolform.compiler.diag.Severity;
import dev.poolform.compiler.syntax.Parser;
import dev.poolform.source.SourceFile;
import dev.poolform.source.Span;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The language's spec tests, written in the language: every {@code .pool} file under {@code
 * src/test/resources/spec/<area>/} holds snippets (see {@link Snippet}) whose {@code # expect:}
 * comments (see {@link Expectation}) name each diagnostic they must produce. A snippet reports
 * exactly the diagnostics it expects, no more and no fewer; one without any expectation compiles
 * clean (no diagnostic at all). Snippets under {@code syntax/} are only parsed, the parser's own
 * contract; the others are compiled like {@code pool validate} would, as the file they are in (so
 * imports resolve next to it and the file's directory is the project root), with {@code env()}
 * seeing only {@link #ENVIRONMENT}.
 */
class SpecSnippetTest {
  static final Map<String, String> ENVIRONMENT = Map.of("HOME", "/home/u");

  @TestFactory
  Stream<DynamicNode> spec() throws IOException {
    List<DynamicNode> areas = new ArrayList<>();
    for (Path area : list(TestResources.dir("spec"))) {
      if (!Files.isDirectory(area)) continue;
      List<DynamicNode> files = new ArrayList<>();
      for (Path file : list(area)) {
        if (file.toString().endsWith(".pool")) files.add(fileNode(area, file));
      }
      areas.add(DynamicContainer.dynamicContainer(area.getFileName().toString(), files));
    }
    if (areas.isEmpty()) fail("no spec snippets under " + TestResources.dir("spec"));
    return areas.stream();
  }

  private static DynamicNode fileNode(Path area, Path file) {
    String name = file.getFileName().toString();
    List<Snippet> snippets;
    try {
      snippets = Snippet.load(file);
    } catch (IOException | IllegalArgumentException e) {
      return DynamicTest.dynamicTest(name, file.toUri(), () -> fail(e.getMessage(), e));
    }
    boolean parseOnly = area.getFileName().toString().equals("syntax");
    List<DynamicNode> tests = new ArrayList<>();
    tests.add(
        DynamicTest.dynamicTest(
            "named in the case style", file.toUri(), () -> checkName(name, snippets)));
    for (Snippet s : snippets) {
      tests.add(
          DynamicTest.dynamicTest(
              s.name(),
              URI.create(file.toUri() + "?line=" + s.firstLine()),
              () -> check(s, parseOnly)));
    }
    return DynamicContainer.dynamicContainer(name, file.toUri(), tests.stream());
  }

  /**
   * A file is named after a code its snippets expect, or after what it shows if they expect none.
   */
  private static void checkName(String fileName, List<Snippet> snippets) {
    Set<Code> shown = new LinkedHashSet<>();
    snippets.forEach(s -> s.expectations().forEach(e -> shown.add(e.code())));
    String caseName = fileName.substring(0, fileName.length() - ".pool".length());
    CaseNames.problem(caseName, shown).ifPresent(p -> fail(p));
  }

  private static List<Path> list(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.sorted().toList();
    }
  }

  /** What a snippet produced: its diagnostics and, when compiled, whether an IR was built. */
  private record Outcome(List<Diagnostic> diagnostics, boolean hasIr) {}

  private static Outcome run(Snippet s, Path file, boolean parseOnly) {
    if (parseOnly) {
      DiagnosticSink sink = new DiagnosticSink();
      Parser.parse(new SourceFile(file, file.getFileName().toString(), s.text()), sink);
      return new Outcome(sink.sorted(), false);
    }
    Compilation c = Compiler.compileSource(file.toString(), s.text(), ENVIRONMENT);
    return new Outcome(c.diagnostics(), c.ir().isPresent());
  }

  /** Runs one snippet and fails with every difference from its expectations. */
  static void check(Snippet s, boolean parseOnly) {
    Path file = s.file().toAbsolutePath().normalize();
    Outcome out = run(s, file, parseOnly);
    List<String> problems = matches(s.expectations(), out.diagnostics());
    for (Diagnostic d : out.diagnostics()) {
      if (!d.span().file().path().toAbsolutePath().normalize().equals(file)) {
        problems.add("diagnostic in another file: " + d.span().file().displayPath());
      }
      if (!d.message().matches("(?s)[A-Z`].*\\.")) {
        problems.add("not a sentence (a capital or `code` first, a period last): " + d.message());
      }
    }
    if (!parseOnly) {
      boolean errorExpected =
          s.expectations().stream().anyMatch(e -> e.code().severity() == Severity.ERROR);
      if (errorExpected && out.hasIr()) problems.add("an IR was built despite the errors");
      if (!errorExpected && !out.hasIr() && problems.isEmpty()) problems.add("no IR was built");
    }
    if (!problems.isEmpty()) {
      StringBuilder msg = new StringBuilder(s.name()).append(":\n");
      problems.forEach(p -> msg.append("  ").append(p).append('\n'));
      msg.append("it reports:\n");
      if (out.diagnostics().isEmpty()) msg.append("  nothing\n");
      out.diagnostics().forEach(d -> msg.append(describe(d)));
      fail(msg.toString());
    }
  }

  /**
   * Pairs each expectation with a diagnostic of its code at its position; what is left on either
   * side, and each clause that does not hold, is a problem.
   */
  private static List<String> matches(List<Expectation> expectations, List<Diagnostic> actual) {
    List<String> problems = new ArrayList<>();
    List<Diagnostic> unmatched = new ArrayList<>(actual);
    for (Expectation e : expectations) {
      if (e.commentLine() > e.line()) {
        problems.add(
            "the expectation on line "
                + e.commentLine()
                + " points above itself; write it on or above line "
                + e.line());
      }
      Diagnostic d =
          unmatched.stream()
              .filter(
                  x ->
                      x.code() == e.code()
                          && x.span().line() == e.line()
                          && x.span().column() == e.column())
              .findFirst()
              .orElse(null);
      if (d == null) {
        problems.add("missing " + e.describe());
        continue;
      }
      unmatched.remove(d);
      problems.addAll(clauses(e, d));
    }
    for (Diagnostic d : unmatched) problems.add("unexpected " + line(d));
    return problems;
  }

  /** The differences between an expectation's clauses and the diagnostic that matched it. */
  private static List<String> clauses(Expectation e, Diagnostic d) {
    List<String> problems = new ArrayList<>();
    String at = e.describe() + ": ";
    e.message()
        .filter(m -> !d.message().contains(m))
        .ifPresent(m -> problems.add(at + "message `" + d.message() + "` lacks `" + m + "`"));
    e.help()
        .filter(h -> !d.help().orElse("").contains(h))
        .ifPresent(h -> problems.add(at + "help `" + d.help().orElse("") + "` lacks `" + h + "`"));
    e.span()
        .filter(t -> !d.span().text().equals(t))
        .ifPresent(t -> problems.add(at + "underlines `" + d.span().text() + "`, not `" + t + "`"));
    if (!e.notes().isEmpty()) {
      List<Note> left = new ArrayList<>(d.notes());
      for (Expectation.NoteExpectation n : e.notes()) {
        Note found =
            left.stream()
                .filter(
                    x ->
                        x.span().line() == n.line()
                            && x.span().column() == n.column()
                            && n.message().map(m -> x.message().contains(m)).orElse(true))
                .findFirst()
                .orElse(null);
        if (found == null) {
          problems.add(
              at
                  + "no note at "
                  + n.line()
                  + ":"
                  + n.column()
                  + n.message().map(m -> " saying `" + m + "`").orElse(""));
        } else {
          left.remove(found);
        }
      }
      for (Note n : left)
        problems.add(at + "unexpected note at " + pos(n.span()) + " " + n.message());
    }
    return problems;
  }

  private static String pos(Span s) {
    return s.line() + ":" + s.column();
  }

  private static String line(Diagnostic d) {
    return d.code() + " at " + pos(d.span()) + " " + d.message();
  }

  /** A diagnostic as the expectation that would match it, to compare or copy. */
  private static String describe(Diagnostic d) {
    StringBuilder b =
        new StringBuilder("  # expect: ").append(d.code()).append(" at ").append(pos(d.span()));
    b.append("    (").append(d.message()).append(")\n");
    for (Note n : d.notes()) {
      b.append("  #   note at ")
          .append(pos(n.span()))
          .append(" \"")
          .append(n.message())
          .append("\"\n");
    }
    d.help()
        .ifPresent(h -> b.append("  #   help \"").append(h.replace("\"", "\\\"")).append("\"\n"));
    return b.toString();
  }
}
