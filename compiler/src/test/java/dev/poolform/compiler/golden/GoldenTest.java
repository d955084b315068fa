package dev.poolform.compiler.golden;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import dev.poolform.compiler.CaseNames;
import dev.poolform.compiler.Compilation;
import dev.poolform.compiler.CompileOptions;
import dev.poolform.compiler.Compiler;
import dev.poolform.compiler.diag.Code;
import dev.poolform.compiler.diag.Diagnostic;
import dev.poolform.compiler.diag.render.TextRenderer;
import dev.poolform.ir.json.IrCodec;
import dev.poolform.testing.golden.GoldenFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Compiler golden tests (CONTRIBUTING.md#golden-files). Every area directory under {@code golden/}
 * except {@code fmt/} (see {@link FmtGoldenTest}) and {@code explain/} (see {@link
 * ExplainGoldenTest}) holds cases: {@code <case>.pool}, or a directory {@code <case>/} compiled as
 * a directory configuration (the case directory is the project root), each with exactly one of:
 *
 * <ul>
 *   <li>{@code <case>.out}: the canonical IR ({@code pool compile --emit ir}) when the case
 *       compiles without any diagnostic;
 *   <li>{@code <case>.err}: the diagnostics rendered as text without colour (errors or warnings),
 *       paths relative to the case's directory.
 * </ul>
 *
 * {@code env()} sees only {@link #ENVIRONMENT}, so cases are the same on every machine. A case is
 * named in the style of {@link CaseNames}: after the code it shows ({@code e0402_capacity}), or
 * after what it shows when it compiles clean ({@code defaults}).
 */
class GoldenTest {
  /** The environment of every golden case. */
  static final Map<String, String> ENVIRONMENT =
      Map.of("POOLFORM_GOLDEN", "golden", "POOLFORM_GOLDEN_REGION", "eu-west-1");

  @TestFactory
  Stream<DynamicNode> golden() {
    List<DynamicNode> areas = new ArrayList<>();
    for (Path area : GoldenFiles.list(GoldenFiles.root())) {
      String areaName = area.getFileName().toString();
      // fmt/ has its own test; explain/ holds expectations whose inputs are the explain texts.
      if (!Files.isDirectory(area) || areaName.equals("fmt") || areaName.equals("explain")) {
        continue;
      }
      List<DynamicNode> cases = new ArrayList<>();
      for (Path p : GoldenFiles.list(area)) {
        String name = p.getFileName().toString();
        if (Files.isDirectory(p) || name.endsWith(".pool")) {
          String caseName =
              Files.isDirectory(p) ? name : name.substring(0, name.length() - ".pool".length());
          cases.add(DynamicTest.dynamicTest(caseName, p.toUri(), () -> run(area, p, caseName)));
        }
      }
      areas.add(DynamicContainer.dynamicContainer(area.getFileName().toString(), cases));
    }
    if (areas.isEmpty()) fail("no golden cases under " + GoldenFiles.root());
    return areas.stream();
  }

  /** Every code the compiler can report has at least one {@code .err} case. */
  @org.junit.jupiter.api.Test
  void everyCodeHasAnErrCase() throws java.io.IOException {
    StringBuilder all = new StringBuilder();
    try (Stream<Path> s = Files.walk(GoldenFiles.root())) {
      for (Path p : s.filter(p -> p.toString().endsWith(".err")).toList())
        all.append(GoldenFiles.read(p));
    }
    List<String> missing = new ArrayList<>();
    for (dev.poolform.compiler.diag.Code c : dev.poolform.compiler.diag.Code.values()) {
      if (ExplainExamples.NOT_FROM_COMPILE.contains(c)) continue;
      if (!all.toString().contains("[" + c.name() + "]")) missing.add(c.name());
    }
    org.assertj.core.api.Assertions.assertThat(missing)
        .as("codes without a golden .err case")
        .isEmpty();
  }

  /**
   * Compiles one case the way {@code pool compile} would, with its own directory as the project
   * root.
   */
  static Compilation compile(Path input) {
    Path projectRoot = Files.isDirectory(input) ? input : input.getParent();
    return Compiler.compile(new CompileOptions(input, Optional.of(projectRoot), ENVIRONMENT));
  }

  private static void run(Path area, Path input, String caseName) {
    Path out = area.resolve(caseName + ".out");
    Path err = area.resolve(caseName + ".err");
    if (Files.exists(out) && Files.exists(err) && !GoldenFile.UPDATE) {
      fail(caseName + " has both .out and .err; a case expects one");
    }
    Compilation c = compile(input);
    boolean diagnostics = !c.diagnostics().isEmpty();
    Path expected = diagnostics ? err : out;
    Path other = diagnostics ? out : err;
    if (Files.exists(other)) {
      if (GoldenFile.UPDATE) {
        GoldenFiles.delete(other);
      } else {
        fail(
            caseName
                + " expects "
                + other.getFileName()
                + " but produced "
                + (diagnostics ? "diagnostics:\n" + render(c, input) : "no diagnostics"));
      }
    }
    String actual = diagnostics ? render(c, input) : IrCodec.write(c.ir().orElseThrow());
    GoldenFile.check(expected, actual);
    List<Code> shown = c.diagnostics().stream().map(Diagnostic::code).distinct().toList();
    CaseNames.problem(caseName, shown).ifPresent(p -> fail(p));
    if (area.getFileName().toString().equals("syntax")) {
      assertThat(shown)
          .as("a syntax case shows syntax errors only")
          .allMatch(code -> code.name().startsWith("E01"));
    }
  }

  /** The text form, with any absolute path of the case replaced so files match on every machine. */
  static String render(Compilation c, Path input) {
    String text = TextRenderer.plain().render(c.diagnostics());
    Path dir = (Files.isDirectory(input) ? input : input.getParent()).toAbsolutePath().normalize();
    return text.replace(dir + "/", "").replace(dir.toString(), ".");
  }
}
