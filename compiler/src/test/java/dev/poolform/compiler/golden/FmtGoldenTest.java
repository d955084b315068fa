package dev.poolform.compiler.golden;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import dev.poolform.compiler.CaseNames;
import dev.poolform.compiler.Compilation;
import dev.poolform.compiler.diag.Diagnostic;
import dev.poolform.compiler.diag.render.TextRenderer;
import dev.poolform.compiler.format.FormatResult;
import dev.poolform.compiler.format.Formatter;
import dev.poolform.compiler.inputs.VarInputs;
import dev.poolform.compiler.resolve.SourceText;
import dev.poolform.ir.json.IrCodec;
import dev.poolform.source.SourceFile;
import dev.poolform.testing.golden.GoldenFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code pool fmt} golden tests (CONTRIBUTING.md#golden-files): {@code fmt/<case>.pool} formats to
 * {@code <case>.fmt}; and every golden input, every {@code pool explain} example and every example
 * is a fixed point, {@code fmt(fmt(x)) == fmt(x)}, whose formatted form compiles to the same IR
 * (or, for error cases, the same codes).
 */
class FmtGoldenTest {
  @TempDir Path tmp;

  @TestFactory
  Stream<DynamicTest> fmtCases() {
    List<DynamicTest> tests = new ArrayList<>();
    for (Path p : GoldenFiles.list(GoldenFiles.root().resolve("fmt"))) {
      String name = p.getFileName().toString();
      if (!name.endsWith(".pool")) continue;
      String caseName = name.substring(0, name.length() - ".pool".length());
      tests.add(
          DynamicTest.dynamicTest(
              caseName,
              p.toUri(),
              () -> {
                CaseNames.problem(caseName, List.of()).ifPresent(problem -> fail(problem));
                FormatResult r = format(p);
                if (r.hasErrors())
                  fail(
                      "fmt case has syntax errors:\n"
                          + TextRenderer.plain().render(r.diagnostics()));
                GoldenFile.check(p.resolveSibling(caseName + ".fmt"), r.text());
              }));
    }
    if (tests.isEmpty()) fail("no fmt cases");
    return tests.stream();
  }

  /**
   * Every configuration the harness knows: golden cases (files and directories), the examples of
   * the {@code pool explain} texts (written under {@code explainDir}) and the examples users copy.
   */
  static List<Path> units(Path explainDir) {
    List<Path> out = new ArrayList<>();
    for (Path area : GoldenFiles.list(GoldenFiles.root())) {
      for (Path p : GoldenFiles.list(area)) {
        if (Files.isDirectory(p) || p.toString().endsWith(".pool")) out.add(p);
      }
    }
    for (Path entry : ExplainExamples.writeAll(explainDir)) out.add(entry.getParent());
    Path examples = GoldenFiles.repoRoot().resolve("examples");
    collectExamples(examples, out);
    return out;
  }

  private static void collectExamples(Path dir, List<Path> out) {
    for (Path p : GoldenFiles.list(dir)) {
      String name = p.getFileName().toString();
      if (Files.isDirectory(p)) {
        if (name.equals("src") || name.equals("target") || name.startsWith(".")) continue;
        if (Files.isDirectory(p.resolve("shared"))) out.add(p);
        else collectExamples(p, out);
      } else if (name.endsWith(".pool")) {
        out.add(p);
      }
    }
  }

  @TestFactory
  Stream<DynamicTest> everyInputIsAFixedPointThatCompilesTheSame() {
    Path repo = GoldenFiles.repoRoot();
    Path explain = tmp.resolve("explain");
    return units(explain).stream()
        .map(
            unit ->
                DynamicTest.dynamicTest(
                    unit.startsWith(explain)
                        ? "explain " + unit.getFileName()
                        : repo.relativize(unit).toString(),
                    unit.toUri(),
                    () -> {
                      if (Files.isRegularFile(unit)
                          && SourceText.decode(Files.readAllBytes(unit))
                              .malformedAt()
                              .isPresent()) {
                        // Not UTF-8: fmt leaves it alone with E0105 (FmtCommandTest).
                        return;
                      }
                      Path copy = tmp.resolve("copy-" + Integer.toHexString(unit.hashCode()));
                      copyTree(unit.getParent(), unit, copy);
                      Path formattedUnit = copy.resolve(unit.getFileName());
                      boolean syntaxErrors = false;
                      for (Path f : poolFiles(formattedUnit)) {
                        FormatResult once = format(f);
                        if (once.hasErrors()) {
                          assertThat(once.text())
                              .as("a file with syntax errors is left as it is")
                              .isEqualTo(GoldenFiles.read(f));
                          syntaxErrors = true;
                          continue;
                        }
                        Files.writeString(f, once.text());
                        FormatResult twice = format(f);
                        assertThat(twice.diagnostics())
                            .as("formatted text parses: %s", f.getFileName())
                            .isEmpty();
                        assertThat(twice.text())
                            .as("fmt(fmt(x)) == fmt(x) for %s", f.getFileName())
                            .isEqualTo(once.text());
                      }
                      if (syntaxErrors) return;
                      Compilation before = GoldenTest.compile(unit);
                      Compilation after = GoldenTest.compile(formattedUnit);
                      if (before.hasErrors()) {
                        assertThat(codes(after))
                            .as("same diagnostics after fmt")
                            .isEqualTo(codes(before));
                      } else {
                        assertThat(after.hasErrors())
                            .as(TextRenderer.plain().render(after.diagnostics()))
                            .isFalse();
                        assertThat(stripSource(IrCodec.write(after.ir().orElseThrow())))
                            .as("same IR after fmt")
                            .isEqualTo(stripSource(IrCodec.write(before.ir().orElseThrow())));
                      }
                    }));
  }

  private static List<String> codes(Compilation c) {
    return c.diagnostics().stream().map(Diagnostic::code).map(Enum::name).toList();
  }

  /**
   * The IR's {@code source} (file:line) may move when fmt reflows lines; everything else may not.
   */
  private static String stripSource(String json) {
    return json.replaceAll("(?m)^\\s*\"source\": \"[^\"]*\",?\\n", "");
  }

  private static FormatResult format(Path p) {
    return Formatter.format(new SourceFile(p, p.getFileName().toString(), GoldenFiles.read(p)));
  }

  private static List<Path> poolFiles(Path unit) throws IOException {
    if (!Files.isDirectory(unit)) return List.of(unit);
    try (Stream<Path> s = Files.walk(unit)) {
      return s.filter(p -> p.toString().endsWith(".pool")).sorted().toList();
    }
  }

  /**
   * Copies a file, or a directory with everything below it, from {@code base} into {@code target};
   * a file comes with the {@code .poolvars} file loaded beside it.
   */
  private static void copyTree(Path base, Path unit, Path target) throws IOException {
    if (!Files.isDirectory(unit)) {
      for (Path vars : VarInputs.automatic(unit)) {
        Files.createDirectories(target);
        Files.copy(vars, target.resolve(base.relativize(vars).toString()));
      }
    }
    try (Stream<Path> s = Files.walk(unit)) {
      for (Path p : s.toList()) {
        Path dest = target.resolve(base.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(dest);
        } else {
          Files.createDirectories(dest.getParent());
          Files.copy(p, dest);
        }
      }
    }
  }
}
