package dev.poolform.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * What a cold {@code pool validate FILE} loads (docs/BENCHMARKS.md#cold-start). Its start path
 * links no lambda and compiles no regular expression and uses no stream: the first of any of them
 * sets up {@code java.lang.invoke}, which cost a cold validate about a fifth of its CPU. A change
 * that puts one back on the path fails here, naming the class. Costs one JVM start (about a
 * second).
 */
class StartPathTest {
  @Test
  void validateLinksNoLambdaRegexOrStream() throws Exception {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Path quickstart = RepoFiles.examples().resolve("quickstart.pool");
    Process p =
        new ProcessBuilder(
                java.toString(),
                "-Xlog:class+load=info:stdout",
                "-cp",
                System.getProperty("java.class.path"),
                Main.class.getName(),
                "validate",
                quickstart.toString())
            .redirectErrorStream(true)
            .start();
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    assertThat(out).contains("The configuration is valid: 1 pool.");

    List<String> loaded = new ArrayList<>();
    for (String line : out.lines().toList()) {
      int at = line.indexOf("[class,load] ");
      if (at < 0) continue;
      String rest = line.substring(at + "[class,load] ".length());
      int space = rest.indexOf(' ');
      loaded.add(space < 0 ? rest : rest.substring(0, space));
    }
    // The log is read right: the compiler ran and its classes are listed.
    assertThat(loaded).contains("dev.poolform.compiler.Compiler", "dev.poolform.grammar.PoolLexer");
    assertThat(loaded)
        .filteredOn(
            c ->
                c.startsWith("java.lang.invoke.LambdaMetafactory")
                    || c.contains("$$Lambda")
                    || c.startsWith("java.util.regex.")
                    || c.startsWith("java.util.stream."))
        .isEmpty();
  }
}
