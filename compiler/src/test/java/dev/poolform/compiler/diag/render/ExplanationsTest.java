package dev.poolform.compiler.diag.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.poolform.compiler.diag.Code;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

class ExplanationsTest {

  @TestFactory
  Stream<DynamicTest> everyCodeHasAnExplanationWithExampleAndFix() {
    return Arrays.stream(Code.values())
        .map(
            code ->
                DynamicTest.dynamicTest(
                    code.name(),
                    () -> {
                      String text =
                          Explanations.of(code)
                              .orElseThrow(() -> new AssertionError("no explain/" + code + ".md"));
                      assertThat(text).startsWith("# " + code.name() + ": " + code.title() + "\n");
                      // The example itself is compiled by the explain golden test.
                      assertThat(text).contains("\n## Example\n").contains("\n## How to fix\n");
                    }));
  }

  @Test
  void parsesCodesInAnyCase() {
    assertThat(Explanations.parse(" e0402 ")).contains(Code.E0402);
    assertThat(Explanations.parse("W0501")).contains(Code.W0501);
    assertThat(Explanations.parse("E9999")).isEmpty();
    assertThat(Explanations.parse("")).isEmpty();
  }
}
