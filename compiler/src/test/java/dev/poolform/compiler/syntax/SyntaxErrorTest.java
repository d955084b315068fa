package dev.poolform.compiler.syntax;

import static org.assertj.core.api.Assertions.assertThat;

import dev.poolform.compiler.ast.Decl;
import dev.poolform.compiler.ast.Expr;
import dev.poolform.compiler.diag.Code;
import dev.poolform.compiler.diag.Diagnostic;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** E0101–E0106: code, line and column of each, recovery, the error cap, deep nesting. */
class SyntaxErrorTest {

  /** The single diagnostic of {@code text}. */
  private static Diagnostic only(String text) {
    Parsed p = Parsed.of(text);
    assertThat(p.diagnostics()).as(p.dump()).hasSize(1);
    return p.diagnostics().get(0);
  }

  private static void assertAt(Diagnostic d, Code code, int line, int column) {
    assertThat(d.code()).as(d.message()).isEqualTo(code);
    assertThat(d.span().line()).as("line of " + d.message()).isEqualTo(line);
    assertThat(d.span().column()).as("column of " + d.message()).isEqualTo(column);
    assertThat(d.message()).matches("[A-Z].*\\.");
  }

  @Test
  void e0101ExpectedAssignOrBlock() {
    Diagnostic d = only("pool \"web\" on prod {\n  capacity\n}");
    assertAt(d, Code.E0101, 3, 1);
    assertThat(d.message()).isEqualTo("Expected `=` or `{` after `capacity`, found `}`.");
  }

  @Test
  void e0101ExpectedExpression() {
    Diagnostic d = only("let a = (1 + )");
    assertAt(d, Code.E0101, 1, 14);
    assertThat(d.message()).isEqualTo("Expected an expression after `+`, found `)`.");
  }

  @Test
  void e0101AtTopLevelNamesDeclarations() {
    Diagnostic d = only("capacity = 3\n");
    assertAt(d, Code.E0101, 1, 1);
    assertThat(d.message()).isEqualTo("Expected a declaration, found `capacity`.");
    assertThat(d.help()).hasValueSatisfying(h -> assertThat(h).contains("`pool`"));
  }

  @Test
  void e0101MissingClosingBraceAtEndOfFile() {
    Diagnostic d = only("cloud aws prod {\n  region = \"x\"\n");
    assertAt(d, Code.E0101, 3, 1);
    assertThat(d.message())
        .isEqualTo("Expected `}` to close the `{` on line 1, found end of file.");
    assertThat(d.notes())
        .singleElement()
        .satisfies(
            n -> {
              assertThat(n.span().line()).isEqualTo(1);
              assertThat(n.span().column()).isEqualTo(16);
            });
  }

  @Test
  void e0101ListNeedsCommas() {
    Diagnostic d = only("let a = [1 2]");
    assertAt(d, Code.E0101, 1, 12);
  }

  @Test
  void e0102Unterminated() {
    assertAt(only("let x = \"abc"), Code.E0102, 1, 9);
    assertAt(only("let y = 1\nlet x = \"abc\nlet y = 2"), Code.E0102, 2, 9);
    assertAt(only("let x = 1 /* open"), Code.E0102, 1, 11);
    assertAt(only("let x = 1\n  /* open\n let y = 2"), Code.E0102, 2, 3);
    assertAt(only("let x = <<EOT\nno end\n"), Code.E0102, 1, 9);
    assertAt(only("let x = <<-EOT\n  no end\n  EOTX"), Code.E0102, 1, 9);
    assertAt(only("let x = \"a${ b"), Code.E0102, 1, 9);
  }

  @Test
  void e0102StringBrokenByLineEndStillParsesTheRest() {
    Parsed p = Parsed.of("let x = \"abc\nlet y = 2\nlet z = )");
    assertThat(p.lines())
        .containsExactly(
            "E0102 1:9 Unterminated string: add a closing `\"` before the end of the line.",
            "E0101 3:9 Expected an expression after `=`, found `)`.");
    assertThat(p.unit().decls()).hasSize(3);
  }

  @Test
  void brokenStringsBecomeInvalidExpressions() {
    for (String text :
        List.of("let x = \"abc\nlet y = 1", "let x = \"a\\qb\"", "let x = <<EOT\nabc\n")) {
      Parsed p = Parsed.of(text);
      assertThat(((Decl.Let) p.unit().decls().get(0)).value())
          .as(text)
          .isInstanceOf(Expr.Invalid.class);
    }
    assertThat(Parsed.of("import \"a\\q.pool\"").unit().decls()).isEmpty();
  }

  @Test
  void e0103BadEscapePointsAtTheEscape() {
    Diagnostic d = only("let x = \"ab\\qc\"");
    assertAt(d, Code.E0103, 1, 12);
    assertThat(d.span().text()).isEqualTo("\\q");
  }

  @Test
  void e0103BadUnicodeEscapes() {
    assertAt(only("let x = \"\\u{110000}\""), Code.E0103, 1, 10);
    assertAt(only("let x = \"\\u{D800}\""), Code.E0103, 1, 10);
    assertAt(only("let x = \"\\u0041\""), Code.E0103, 1, 10);
    assertAt(only("let x = \"\\u{}\""), Code.E0103, 1, 10);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "let x = 12abc                  | 9",
        "let x = 5mins                  | 9",
        "let x = 1.2.3                  | 9",
        "let x = 2h30                   | 9",
        "let x = 99999999999999999999   | 9",
        "let x = 30s1m                  | 9",
        "let x = 1h1h                   | 9",
        "let x = 99999999999999999d     | 9",
        "let x = 99999999999TiB         | 9",
        "let x = 1e999                  | 9",
        "let x = 0x10                   | 9",
      })
  void e0104MalformedLiterals(String text, int column) {
    Diagnostic d = only(text);
    assertAt(d, Code.E0104, 1, column);
    assertThat(((Decl.Let) Parsed.of(text).unit().decls().get(0)).value())
        .isInstanceOf(Expr.Invalid.class);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "let x = @          | 9",
        "let x = $          | 9",
        "let x = 1 ~ 2      | 11",
        "let \u00e9 = 1     | 5",
      })
  void e0105InvalidCharacters(String text, int column) {
    Parsed p = Parsed.of(text);
    assertThat(p.diagnostics()).as(p.dump()).isNotEmpty();
    assertAt(p.diagnostics().get(0), Code.E0105, 1, column);
  }

  @Test
  void e0105ControlCharacter() {
    Parsed p = Parsed.of("let x = \u0007");
    assertAt(p.diagnostics().get(0), Code.E0105, 1, 9);
    assertThat(p.diagnostics().get(0).message()).isEqualTo("Invalid control character U+0007.");
  }

  @Test
  void e0105NonAsciiIsFineInStringsAndComments() {
    assertThat(Parsed.of("# caf\u00e9 \uD83D\uDE00\nlet x = \"caf\u00e9 \uD83D\uDE00\"").lines())
        .isEmpty();
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
  void multipleErrorsInOneFile() {
    Parsed p =
        Parsed.of(
            "cloud aws { }\n"
                + "let = 3\n"
                + "let ok = 1\n"
                + "pool \"p\" on c { capacity { min = } }\n"
                + "let s = \"a\\q\"\n"
                + "let n = 12abc\n");
    assertThat(p.lines())
        .containsExactly(
            "E0101 1:11 Expected an identifier after `aws`, found `{`.",
            "E0101 2:5 Expected an identifier after `let`, found `=`.",
            "E0101 4:34 Expected an expression after `=`, found `}`.",
            "E0103 5:11 Invalid escape sequence `\\q`.",
            "E0104 6:9 Malformed literal `12abc`.");
    assertThat(p.unit().decls())
        .extracting(d -> d.getClass().getSimpleName())
        .containsExactly("Let", "Pool", "Let", "Let");
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
  void noInsertedTokens() {
    // With single-token insertion a missing `=` would be invented and the value kept.
    Parsed p = Parsed.of("let x 1");
    assertThat(p.lines()).containsExactly("E0101 1:7 Expected `=` after `x`, found `1`.");
    assertThat(p.unit().decls()).isEmpty();
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
