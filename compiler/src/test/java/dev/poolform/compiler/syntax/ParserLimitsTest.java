package dev.poolform.compiler.syntax;

import static org.assertj.core.api.Assertions.assertThat;

import dev.poolform.compiler.diag.Code;
import dev.poolform.compiler.diag.Diagnostic;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The parser's limits, on inputs too large or too odd to write as spec snippets: E0106 for deep
 * nesting and long operator chains, the error cap, garbage that must never throw, and many
 * declarations. Positions are computed from the limits themselves.
 */
class ParserLimitsTest {

  private static void assertAt(Diagnostic d, Code code, int line, int column) {
    assertThat(d.code()).as(d.message()).isEqualTo(code);
    assertThat(d.span().line()).as("line of " + d.message()).isEqualTo(line);
    assertThat(d.span().column()).as("column of " + d.message()).isEqualTo(column);
    assertThat(d.message()).matches("[A-Z].*\\.");
  }

  @Test
  void e0106HundredThousandNestedBrackets() {
    Parsed p = Parsed.of("let a = " + "[".repeat(100_000));
    assertThat(p.diagnostics()).hasSize(1);
    assertAt(p.diagnostics().get(0), Code.E0106, 1, 9 + NestingGuard.MAX_DEPTH);
  }

  @Test
  void e0106DeepButBalancedNesting() {
    int n = 1000;
    Parsed p =
        Parsed.of(
            "let a = "
                + "(".repeat(n)
                + "1"
                + ")".repeat(n)
                + "\nlet b = {x = "
                + "[".repeat(n)
                + "]".repeat(n)
                + "}");
    assertThat(p.lines()).hasSize(1);
    assertAt(p.diagnostics().get(0), Code.E0106, 1, 9 + NestingGuard.MAX_DEPTH);
  }

  @Test
  void nestingJustBelowTheLimitParses() {
    int n = NestingGuard.MAX_DEPTH;
    Parsed p = Parsed.of("let a = " + "[".repeat(n) + "]".repeat(n));
    assertThat(p.lines()).isEmpty();
  }

  @Test
  void e0106LongChainsOfPrefixOperatorsAndConditionals() {
    for (String text :
        List.of(
            "let a = " + "-".repeat(30_000) + "1",
            "let a = " + "!".repeat(30_000) + "x",
            "let a = " + "a ? b : ".repeat(20_000) + "c",
            "let a = " + "1 + ".repeat(5_000) + "1")) {
      Parsed p = Parsed.of(text);
      assertThat(p.diagnostics()).as(p.dump()).isNotEmpty().allMatch(d -> d.code() == Code.E0106);
    }
  }

  @Test
  void errorCap() {
    Parsed p = Parsed.of("let x = @\n".repeat(50));
    assertThat(p.diagnostics()).hasSize(SyntaxReporter.MAX_ERRORS + 1);
    Diagnostic last = p.diagnostics().get(SyntaxReporter.MAX_ERRORS);
    assertAt(last, Code.E0106, SyntaxReporter.MAX_ERRORS + 1, 9);
    assertThat(last.message()).contains("Too many errors");
  }

  @Test
  void garbageNeverThrows() {
    String[] inputs = {
      "}}}}",
      "{{{{",
      "\"",
      "<<",
      "<<EOT",
      "${",
      "\"${",
      "\"${}\"",
      "pool",
      "for in",
      "if {",
      "else",
      "let x = [",
      ")))",
      "*/",
      "/*",
      "\u0000",
      "\uFFFF",
      "let x = \"\\",
      "pool \"a\" on b { c { d { e = [1, {f = (g(h[i]))}] } } } }"
    };
    for (String in : inputs) {
      Parsed p = Parsed.of(in);
      assertThat(p.unit()).isNotNull();
    }
  }

  @Test
  void manyDeclarationsParseWithoutErrors() {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 500; i++) {
      sb.append("pool \"web-")
          .append(i)
          .append("\" from base on prod {\n  capacity { desired = 3 }\n")
          .append("  machine { size = \"m6i.large\" subnets = [\"a\", \"b\"] }\n}\n");
    }
    Parsed p = Parsed.of(sb.toString());
    assertThat(p.lines()).isEmpty();
    assertThat(p.unit().decls()).hasSize(500);
  }
}
