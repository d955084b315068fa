package dev.poolform.compiler.eval;

import static org.assertj.core.api.Assertions.assertThat;

import dev.poolform.compiler.Compilation;
import dev.poolform.compiler.Compiler;
import dev.poolform.compiler.diag.Code;
import dev.poolform.compiler.diag.Diagnostic;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * Bounded evaluation (docs/language.md#limits): any input of at most 64 KiB is checked within 2
 * seconds, whatever it computes. The generator writes what makes an evaluator slow: chains of lets
 * that double a value each line (nested lists, maps, strings, concatenations, formatted text),
 * walked at the end by {@code ==}, {@code format("%v")}, {@code contains} or a loop, and nested
 * loops that stamp pools. Time is the compiling thread's CPU time, so other work on a shared
 * machine does not make the test fail; the bound has no slack beyond that. Cost: about 15 s of the
 * fast suite on 2 loaded cores (25 generated inputs, most of them driven to a limit).
 */
class BoundedEvaluationTest {
  private static final long MAX_INPUT = 64 * 1024;
  private static final long CPU_BOUND_NANOS = 2_000_000_000L;
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  /** How one let grows from the one before it, {@code %1$s} standing for that one. */
  private static final List<String> GROW =
      List.of(
          "[%1$s, %1$s]",
          "concat(%1$s, %1$s)",
          "{ a = %1$s, b = %1$s }",
          "merge(%1$s, { k = %1$s })",
          "format(\"%%v%%v\", %1$s, %1$s)",
          "\"${format(\"%%v\", %1$s)}${format(\"%%v\", %1$s)}\"",
          "%1$s + %1$s",
          "values({ a = %1$s, b = %1$s, c = %1$s })",
          "replace(format(\"%%v\", %1$s), \"1\", format(\"%%v\", %1$s))");

  /** How the last let is used, {@code %1$s} standing for it. */
  private static final List<String> USE =
      List.of(
          "let same = %1$s == %1$s",
          "let text = format(\"%%v\", %1$s)",
          "let has = contains(%1$s, 7)",
          "let n = length(format(\"%%v\", [%1$s, %1$s]))",
          "for x in %1$s { let y = x == x }",
          "for x in %1$s { for y in %1$s { pool \"p-${x}-${y}\" on dev { %2$s } } }",
          "for i in range(1000000) { pool \"p-${i}\" on dev { %2$s } }",
          "for i in range(1000000) { let z = %1$s == [i] }");

  private static final String BODY =
      "capacity { min = 1  max = 3 }  machine { size = \"small\"  image = \"ubuntu-24.04\" }";

  @Provide
  Arbitrary<String> adversarial() {
    Arbitrary<String> seed = Arbitraries.of("[1, 2]", "\"ab\"", "range(1000)", "{ a = 1 }", "7");
    Arbitrary<List<Integer>> steps =
        Arbitraries.integers().between(0, GROW.size() - 1).list().ofMinSize(1).ofMaxSize(64);
    Arbitrary<Integer> use = Arbitraries.integers().between(0, USE.size() - 1);
    return Combinators.combine(seed, steps, use).as(BoundedEvaluationTest::program);
  }

  private static String program(String seed, List<Integer> steps, int use) {
    StringBuilder sb = new StringBuilder("cloud local dev {}\nlet v0 = ").append(seed).append('\n');
    for (int i = 0; i < steps.size(); i++) {
      String prev = "v" + i;
      sb.append("let v").append(i + 1).append(" = ");
      sb.append(String.format(GROW.get(steps.get(i)), prev)).append('\n');
    }
    sb.append(String.format(USE.get(use), "v" + steps.size(), BODY)).append('\n');
    return sb.toString();
  }

  @Property(tries = 25)
  void everySmallInputIsCheckedWithinTwoSecondsOfCpu(@ForAll("adversarial") String text) {
    assertThat((long) text.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(MAX_INPUT);
    long cpu = cpuOf(() -> Compiler.compileSource("main.pool", text));
    assertThat(cpu).as("CPU nanoseconds to check:%n%s", text).isLessThan(CPU_BOUND_NANOS);
  }

  /** Issue 17: doubling a list 60 times, then comparing and formatting it, never finished. */
  @Test
  void doublingANestedListSixtyTimesStopsAtTheSizeLimit() {
    StringBuilder sb = new StringBuilder("cloud local dev {}\nlet l0 = [1, 2]\n");
    for (int i = 1; i <= 60; i++)
      sb.append("let l" + i + " = [l" + (i - 1) + ", l" + (i - 1) + "]\n");
    sb.append("let same = l60 == l60\nlet text = format(\"%v\", l60)\n");
    String text = sb.toString();
    Compilation[] c = new Compilation[1];
    long cpu = cpuOf(() -> c[0] = Compiler.compileSource("main.pool", text));
    List<Diagnostic> limits = limitErrors(c[0]);
    assertThat(limits).hasSize(1);
    // l0 weighs 3 and each level 2w + 1: l19 weighs 2,097,151, the first past 2,000,000.
    assertThat(limits.get(0).span().line()).isEqualTo(2 + 19);
    assertThat(cpu).isLessThan(CPU_BOUND_NANOS);
  }

  /** Issue 17: a one-line loop making a million pools took 31.6 s to validate. */
  @Test
  void aMillionPoolsAreRefusedAtThePoolLimit() {
    String text =
        "cloud local dev {}\nfor i in range(1000000) { pool \"p-${i}\" on dev { " + BODY + " } }\n";
    Compilation[] c = new Compilation[1];
    long cpu = cpuOf(() -> c[0] = Compiler.compileSource("main.pool", text));
    List<Diagnostic> limits = limitErrors(c[0]);
    assertThat(limits).hasSize(1);
    assertThat(limits.get(0).message()).contains("more than 10000 pools");
    assertThat(cpu).isLessThan(CPU_BOUND_NANOS);
  }

  private static List<Diagnostic> limitErrors(Compilation c) {
    return c.diagnostics().stream().filter(d -> d.code() == Code.E0314).toList();
  }

  private static long cpuOf(Runnable r) {
    long start = THREADS.getCurrentThreadCpuTime();
    r.run();
    return THREADS.getCurrentThreadCpuTime() - start;
  }
}
