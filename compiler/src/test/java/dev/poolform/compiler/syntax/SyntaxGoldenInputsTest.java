package dev.poolform.compiler.syntax;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The golden inputs of {@code golden/syntax/} are named after the code they show ({@code
 * e0104_...pool}); check that each really reports that code, whatever the rendered {@code .err}
 * files (written by the shared golden harness) will say.
 */
class SyntaxGoldenInputsTest {
  @TestFactory
  Stream<DynamicTest> eachCaseReportsItsCode() throws IOException {
    Path dir = Path.of("src/test/resources/golden/syntax");
    try (Stream<Path> files = Files.list(dir)) {
      return files
          .filter(p -> p.getFileName().toString().matches("e\\d{4}_.*\\.pool"))
          .sorted()
          .toList()
          .stream()
          .map(
              p ->
                  DynamicTest.dynamicTest(
                      p.getFileName().toString(),
                      () -> {
                        String code =
                            p.getFileName()
                                .toString()
                                .substring(0, 5)
                                .toUpperCase(java.util.Locale.ROOT);
                        Parsed parsed = Parsed.of(Files.readString(p, StandardCharsets.UTF_8));
                        assertThat(parsed.diagnostics())
                            .as(parsed.dump())
                            .anyMatch(d -> d.code().name().equals(code))
                            .allMatch(d -> d.code().name().startsWith("E01"));
                      }));
    }
  }
}
