package dev.poolform.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.poolform.cli.CliContext;
import dev.poolform.cli.Main;
import dev.poolform.testing.golden.GoldenFile;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every example compiles through the real CLI ({@code pool compile --emit ir}) without errors, and
 * its IR equals {@code src/test/resources/golden/<example>.json}. {@code -Dgolden.update=true}
 * rewrites the golden files; a missing one is written and the test fails so it gets reviewed. The
 * environment is empty, so {@code env("X", "default")} takes its default.
 */
class ExamplesTest {

  record Run(int status, String out, String err) {}

  static Run pool(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CliContext ctx =
        new CliContext(
            new PrintWriter(out),
            new PrintWriter(err),
            InputStream.nullInputStream(),
            Map.of(),
            Examples.repoRoot(),
            false);
    int status = Main.run(ctx, args);
    return new Run(status, out.toString(), err.toString());
  }

  @Test
  void theExpectedExamplesExist() {
    List<String> names = Examples.all().stream().map(Examples::name).toList();
    assertThat(names)
        .contains("quickstart", "multicloud", "regions", "autoscaler", "imports", "environments")
        .anyMatch(n -> n.startsWith("aws/"))
        .anyMatch(n -> n.startsWith("azure/"));
  }

  static String[] args(Examples.Variant v, String... command) {
    List<String> all = new java.util.ArrayList<>(List.of(command));
    all.add(v.example().toString());
    all.addAll(v.options());
    return all.toArray(new String[0]);
  }

  /** An example with .poolvars files is compiled once with each ({@code environments.staging}). */
  @TestFactory
  Stream<DynamicTest> everyExampleCompilesToItsGoldenIr() {
    Path golden = Examples.repoRoot().resolve("examples/src/test/resources/golden");
    return Examples.variants().stream()
        .map(
            v ->
                DynamicTest.dynamicTest(
                    v.name(),
                    () -> {
                      Run r = pool(args(v, "compile", "--emit", "ir"));
                      assertThat(r.err()).as("diagnostics").doesNotContain("error");
                      assertThat(r.status()).as("exit status; stderr:\n" + r.err()).isZero();
                      Path expected = golden.resolve(v.name() + ".json");
                      GoldenFile.check(expected, r.out());
                    }));
  }

  @Test
  void examplesAreInTheCanonicalLayout() {
    Run r = pool("fmt", "--check", "--diff", "-r", Examples.dir().toString());
    assertThat(r.out()).as("pool fmt -r examples would change").isEmpty();
    assertThat(r.status()).as(r.err()).isZero();
  }

  @TestFactory
  Stream<DynamicTest> everyExampleValidatesWithoutWarnings() {
    return Examples.variants().stream()
        .map(
            v ->
                DynamicTest.dynamicTest(
                    v.name(),
                    () -> {
                      Run r = pool(args(v, "validate"));
                      assertThat(r.status()).as(r.err()).isZero();
                      assertThat(r.err()).as("no diagnostics").isEmpty();
                      assertThat(r.out()).startsWith("The configuration is valid: ");
                    }));
  }
}
