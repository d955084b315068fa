package dev.poolform.compiler.syntax;

import static org.assertj.core.api.Assertions.assertThat;

import dev.poolform.compiler.ast.Decl;
import dev.poolform.compiler.ast.Expr;
import dev.poolform.compiler.ast.StringExpr;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Expressions and literals (docs/language.md#expressions, #literals). */
class ExprParseTest {

  static Expr expr(String text) {
    Parsed p = Parsed.of("let x = " + text);
    assertThat(p.lines()).as("diagnostics for %s", text).isEmpty();
    return ((Decl.Let) p.unit().decls().get(0)).value();
  }

  static String sexp(String text) {
    return Sexp.of(expr(text));
  }

  @ParameterizedTest
  @CsvSource(
      delimiterString = "=>",
      value = {
        "1 + 2 * 3 => (+ 1 (* 2 3))",
        "(1 + 2) * 3 => (* (paren (+ 1 2)) 3)",
        "1 - 2 - 3 => (- (- 1 2) 3)",
        "a / b % c => (% (/ a b) c)",
        "a < b == c >= d => (== (< a b) (>= c d))",
        "a || b && c => (|| a (&& b c))",
        "a && b || c && d => (|| (&& a b) (&& c d))",
        "a == b && c != d => (&& (== a b) (!= c d))",
        "!a && -b < c => (&& (! a) (< (- b) c))",
        "-x.y[0] => (- ([] (. x y) 0))",
        "a ? b : c ? d : e => (? a b (? c d e))",
        "a || b ? c + 1 : d => (? (|| a b) (+ c 1) d)",
        "f(x, g(y))[1].z => (. ([] (f() x (g() y)) 1) z)",
        "m[\"k\"] => ([] m \"k\")",
        "now() => (now())",
        "[1, 2, 3,] => [1 2 3]",
        "[] => []",
        "{ a = 1, \"any key\" = 2 b = 3 } => {a=1 \"any key\"=2 b=3}",
        "10 * 25% => (* 10 25.0%)",
        "a % b => (% a b)",
        "a%b => (% a b)",
        "10%(3) => (% 10 (paren 3))",
        "-3 => -3",
        "- 3 - -3 => (- -3 -3)",
        "-(3) => (- (paren 3))",
        "-9223372036854775808 => -9223372036854775808",
        "!true => (! true)",
      })
  void precedenceAndAssociativity(String input, String expected) {
    assertThat(sexp(input)).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "42        | 42",
        "0.05      | 0.05",
        "1e3       | 1000.0",
        "2.5E-1    | 0.25",
        "500ms     | 500ms",
        "30s       | 30000ms",
        "5m        | 300000ms",
        "2h        | 7200000ms",
        "1d        | 86400000ms",
        "1h30m     | 5400000ms",
        "1m30s500ms | 90500ms",
        "25%       | 25.0%",
        "12.5%     | 12.5%",
        "512MiB    | 536870912B",
        "64GiB     | 68719476736B",
        "1TiB      | 1099511627776B",
        "500MB     | 500000000B",
        "2GB       | 2000000000B",
        "1KiB      | 1024B",
        "1KB       | 1000B",
        "7B        | 7B",
        "3TB       | 3000000000000B",
        "true      | true",
        "false     | false",
        "null      | null",
        "external  | external",
      })
  void literals(String input, String expected) {
    assertThat(sexp(input)).isEqualTo(expected);
  }

  @Test
  void literalKeepsItsSourceText() {
    Expr.Literal l = (Expr.Literal) expr("1h30m");
    assertThat(l.kind()).isEqualTo(Expr.LiteralKind.DURATION);
    assertThat(l.value()).isEqualTo(5_400_000L);
    assertThat(l.text()).isEqualTo("1h30m");
    Expr.Literal p = (Expr.Literal) expr("25%");
    assertThat(p.kind()).isEqualTo(Expr.LiteralKind.PERCENT);
    assertThat(p.value()).isEqualTo(25.0);
  }

  @Test
  void stringEscapes() {
    StringExpr s = (StringExpr) expr("\"q\\\" b\\\\ n\\n t\\t r\\r u\\u{1F600} e\\u{e9}\"");
    assertThat(s.constantText()).isEqualTo("q\" b\\ n\n t\t r\r u\uD83D\uDE00 e\u00e9");
  }

  @Test
  void dollarWithoutBraceAndDoubledDollar() {
    assertThat(((StringExpr) expr("\"cost $5 and $${HOME}\"")).constantText())
        .isEqualTo("cost $5 and ${HOME}");
  }

  @Test
  void interpolation() {
    assertThat(sexp("\"web-${env}-${n + 1}\"")).isEqualTo("\"web-${env}-${(+ n 1)}\"");
  }

  @Test
  void nestedInterpolationWithQuotesAndBraces() {
    assertThat(sexp("\"${ f(\"x\") }\"")).isEqualTo("\"${(f() \"x\")}\"");
    assertThat(sexp("\"a${ \"b${ \"c${d}\" }\" }e\"")).isEqualTo("\"a${\"b${\"c${d}\"}\"}e\"");
    assertThat(sexp("\"${ {k = 1}[\"k\"] }\"")).isEqualTo("\"${([] {k=1} \"k\")}\"");
  }

  @Test
  void heredocKeepsTextVerbatim() {
    StringExpr s = (StringExpr) expr("<<EOT\n#!/bin/sh\n  echo \"a\\n\" $HOME\nEOT\n");
    assertThat(s.constantText()).isEqualTo("#!/bin/sh\n  echo \"a\\n\" $HOME\n");
    assertThat(s.heredoc().marker()).isEqualTo("EOT");
    assertThat(s.heredoc().indented()).isFalse();
  }

  @Test
  void indentedHeredocStripsCommonIndentation() {
    StringExpr s =
        (StringExpr) expr("<<-EOT\n    line one\n      two\n\n    three\n    EOT\nlet y = 1");
    assertThat(s.constantText()).isEqualTo("line one\n  two\n\nthree\n");
    assertThat(s.heredoc().indented()).isTrue();
  }

  @Test
  void heredocWithInterpolation() {
    assertThat(sexp("<<-EOT\n  name: ${name}\n  ${ upper(\"x\") }: $${literal}\n  EOT"))
        .isEqualTo("<<\"name: ${name}\n${(upper() \"x\")}: ${literal}\n\"");
  }

  @Test
  void heredocEndMarkerMustBeAloneOnItsLine() {
    StringExpr s = (StringExpr) expr("<<EOT\nEOTX\n EOT more\nEOT\n");
    assertThat(s.constantText()).isEqualTo("EOTX\n EOT more\n");
  }

  @Test
  void heredocWithCrLfLineEnds() {
    StringExpr s = (StringExpr) expr("<<EOT\r\na\r\nb\r\nEOT\r\n");
    assertThat(s.constantText()).isEqualTo("a\nb\n");
  }

  @Test
  void mapEntryKeysAreStrings() {
    Expr.MapExpr m = (Expr.MapExpr) expr("{ team = 1, \"k-${x}\" = 2 }");
    assertThat(m.entries().get(0).bareKey()).isTrue();
    assertThat(((StringExpr) m.entries().get(0).key()).constantText()).isEqualTo("team");
    assertThat(m.entries().get(1).bareKey()).isFalse();
  }
}
