package dev.poolform.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What a cold {@code pool validate} of a valid configuration loads (docs/BENCHMARKS.md#cold-start).
 * Its path links no lambda, compiles no regular expression, uses no stream and calls no record's
 * generated {@code equals} or {@code hashCode} ({@code ObjectMethods}): the first of any of them
 * sets up {@code java.lang.invoke}, which cost a cold validate about a fifth of its CPU. Nor does
 * it load ANTLR's generated lexer (the compiler reads with its own), call a method reflectively or
 * read through a {@code FileChannel}. A change that puts one back on the path fails here, naming
 * the class. The examples cover the local, AWS and Azure rules, built-in functions, a directory
 * with imports, a {@code state} block, a loop and a condition; each costs one JVM start (about a
 * second).
 */
class StartPathTest {
  @ParameterizedTest
  @ValueSource(
      strings = {
        "quickstart.pool",
        "aws/web-asg.pool",
        "azure/flexible.pool",
        "imports",
        "teams.pool",
        "regions.pool"
      })
  void validateLinksNoLambdaRegexOrStream(String example) throws Exception {
    checkStartPath(RepoFiles.examples().resolve(example), "The configuration is valid", 0);
  }

  /**
   * A valid file with a warning: the diagnostic is rendered too, and before the renderer lost its
   * lambdas, stream and {@code String.format} that cost a cold validate about 30 ms of CPU.
   */
  @Test
  void aWarningIsRenderedWithoutLambdaRegexOrStream(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("unused.pool");
    Files.writeString(file, "let x = 1\n");
    checkStartPath(file, "warning[W0501]", 0);
  }

  /**
   * The commonest errors while editing, a syntax error (the expected tokens are sorted) and a
   * mistyped name (the closest one is suggested), are reported without a lambda too.
   */
  @ParameterizedTest
  @ValueSource(strings = {"let x = 1 +\n", "let x = 1\nlet y = xx\n"})
  void commonErrorsAreReportedWithoutLambdaRegexOrStream(String text, @TempDir Path dir)
      throws Exception {
    Path file = dir.resolve("broken.pool");
    Files.writeString(file, text);
    checkStartPath(file, "error[E0", 1);
  }

  private static void checkStartPath(Path file, String expected, int status) throws Exception {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process p =
        new ProcessBuilder(
                java.toString(),
                "-Xlog:class+load=info:stdout",
                "-cp",
                System.getProperty("java.class.path"),
                Main.class.getName(),
                "validate",
                file.toString())
            .redirectErrorStream(true)
            .start();
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isEqualTo(status);
    assertThat(out).contains(expected);

    List<String> loaded = new ArrayList<>();
    for (String line : out.lines().toList()) {
      int at = line.indexOf("[class,load] ");
      if (at < 0) continue;
      String rest = line.substring(at + "[class,load] ".length());
      int space = rest.indexOf(' ');
      loaded.add(space < 0 ? rest : rest.substring(0, space));
    }
    // The log is read right: the compiler ran and its classes are listed.
    assertThat(loaded)
        .contains("dev.poolform.compiler.Compiler", "dev.poolform.compiler.syntax.lexer.Lexer");
    // The generated lexer is the specification, tested against ours; it is not run, and loading
    // it would deserialise its ATN.
    assertThat(loaded).doesNotContain("dev.poolform.grammar.PoolLexer");
    assertThat(loaded)
        .filteredOn(
            c ->
                c.startsWith("java.lang.invoke.LambdaMetafactory")
                    || c.startsWith("java.lang.runtime.ObjectMethods")
                    || c.contains("$$Lambda")
                    || c.startsWith("java.util.regex.")
                    || c.startsWith("java.util.stream."))
        .isEmpty();
    // Nor a reflective call (Enum.valueOf and Class.getEnumConstants find constants by invoking
    // values() reflectively) or a FileChannel (Files.newInputStream reads through one): each loads
    // and initialises JDK classes a cold validate does not need.
    assertThat(loaded)
        .doesNotContain(
            "jdk.internal.reflect.NativeMethodAccessorImpl", "sun.nio.ch.FileChannelImpl");
  }
}
