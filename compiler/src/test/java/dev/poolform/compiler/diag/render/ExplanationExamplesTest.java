package dev.poolform.compiler.diag.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.poolform.compiler.Compilation;
import dev.poolform.compiler.CompileOptions;
import dev.poolform.compiler.Compiler;
import dev.poolform.compiler.diag.Code;
import dev.poolform.compiler.diag.Diagnostic;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The example in each {@code pool explain} text really produces the code it explains, so the
 * explanations cannot drift from the compiler. Compiled from a file on disk (imports and {@code
 * file()} behave as for users) with an empty environment.
 */
class ExplanationExamplesTest {
  /**
   * Codes whose example cannot be one file compiled by {@code pool validate}: E0100 has no valid
   * trigger, E0106's limit needs a huge file, E0208 needs an imported file, E0410 and W0503 come
   * from {@code --emit capi}; E06xx come from the clouds during plan and apply.
   */
  static final Set<Code> NOT_COMPILED =
      Set.of(Code.E0100, Code.E0106, Code.E0208, Code.E0410, Code.W0503, Code.E0601, Code.E0602);

  @TempDir Path dir;

  @TestFactory
  Stream<DynamicTest> everyExampleProducesItsCode() {
    return Arrays.stream(Code.values())
        .filter(c -> !NOT_COMPILED.contains(c))
        .map(
            code ->
                DynamicTest.dynamicTest(
                    code.name(),
                    () -> {
                      String text = Explanations.of(code).orElseThrow();
                      String example = Explanations.example(text).orElseThrow();
                      Path caseDir = Files.createDirectories(dir.resolve(code.name()));
                      Path file = caseDir.resolve("main.pool");
                      Files.writeString(file, example);
                      Compilation c =
                          Compiler.compile(
                              new CompileOptions(file, Optional.of(caseDir), Map.of()));
                      assertThat(c.diagnostics())
                          .as(
                              "diagnostics of the %s example:%n%s",
                              code, TextRenderer.plain().render(c.diagnostics()))
                          .extracting(Diagnostic::code)
                          .contains(code)
                          .doesNotContain(Code.E0100);
                    }));
  }
}
