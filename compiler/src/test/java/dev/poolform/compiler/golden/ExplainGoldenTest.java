package dev.poolform.compiler.golden;

import static org.assertj.core.api.Assertions.assertThat;

import dev.poolform.compiler.Compilation;
import dev.poolform.compiler.TestResources;
import dev.poolform.compiler.diag.Code;
import dev.poolform.compiler.diag.Diagnostic;
import dev.poolform.compiler.diag.render.TextRenderer;
import dev.poolform.testing.golden.GoldenFile;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The example of every {@code pool explain} text, compiled like a golden case (see {@link
 * ExplainExamples}): it produces the code it explains, and its diagnostics equal {@code
 * golden/explain/<code>.err}. So the explanations cannot drift from the compiler, and each example
 * is written once.
 */
class ExplainGoldenTest {
  @TempDir Path tmp;

  static Path expected(Code code) {
    return GoldenFiles.root()
        .resolve("explain")
        .resolve(code.name().toLowerCase(Locale.ROOT) + ".err");
  }

  @TestFactory
  Stream<DynamicTest> everyExampleProducesItsCode() {
    Path texts = TestResources.dir("").resolve("../../main/resources/explain").normalize();
    return Arrays.stream(Code.values())
        .map(
            code ->
                DynamicTest.dynamicTest(
                    code.name(),
                    texts.resolve(code.name() + ".md").toUri(),
                    () -> {
                      Path entry = ExplainExamples.write(code, tmp.resolve(code.name()));
                      Compilation c = GoldenTest.compile(entry);
                      String rendered = TextRenderer.plain().render(c.diagnostics());
                      if (ExplainExamples.NOT_FROM_COMPILE.contains(code)) {
                        assertThat(c.hasErrors())
                            .as("the %s example compiles:%n%s", code, rendered)
                            .isFalse();
                        return;
                      }
                      assertThat(c.diagnostics())
                          .as("diagnostics of the %s example:%n%s", code, rendered)
                          .extracting(Diagnostic::code)
                          .contains(code)
                          .doesNotContain(Code.E0100);
                      GoldenFile.check(expected(code), GoldenTest.render(c, entry));
                    }));
  }

  @Test
  void everyExpectationBelongsToAnExample() {
    assertThat(GoldenFiles.list(GoldenFiles.root().resolve("explain")))
        .allSatisfy(
            p ->
                assertThat(
                        Arrays.stream(Code.values())
                            .filter(c -> !ExplainExamples.NOT_FROM_COMPILE.contains(c))
                            .map(ExplainGoldenTest::expected))
                    .as("a code's example for %s", p.getFileName())
                    .contains(p));
  }
}
