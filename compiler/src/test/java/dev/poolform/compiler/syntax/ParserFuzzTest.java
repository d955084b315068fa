package dev.poolform.compiler.syntax;

import static org.assertj.core.api.Assertions.assertThat;

import dev.poolform.compiler.diag.DiagnosticSink;
import dev.poolform.compiler.format.FormatResult;
import dev.poolform.compiler.format.Formatter;
import dev.poolform.source.SourceFile;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * No input ends in an exception: random token soups and mutated valid files go through the parser
 * and the formatter; every diagnostic has a span inside the file, and whatever fmt changes is a
 * fixed point.
 */
class ParserFuzzTest {
  private static final String SAMPLE =
      String.join(
          "\n",
          List.of(
              "# sample",
              "cloud aws prod { region = \"eu-west-1\" }",
              "let env = \"prod\"",
              "let labels = { team = \"platform\", \"k-${env}\" = env }",
              "template base {",
              "  capacity { min = 1  max = 10 }",
              "  rollout  { max_surge = 25%  max_unavailable = 0  min_ready = 30s }",
              "  machine { disk { size = 64GiB } user_data = <<-EOT",
              "    #!/bin/sh",
              "    echo ${env} $${HOME}",
              "    EOT",
              "  }",
              "}",
              "pool \"web-${env}\" from base on prod { capacity { desired = 1 + 2 * 3 } /* c */ }",
              "for k, v in { a = [1, 2] } { if k == \"a\" { pool k on prod {} } else { let z = f(v)[0].x } }",
              ""));

  private static final List<String> PIECES =
      List.of(
          "pool",
          "cloud",
          "let",
          "template",
          "for",
          "if",
          "else",
          "in",
          "on",
          "from",
          "import",
          "x",
          "y",
          "=",
          "==",
          "{",
          "}",
          "[",
          "]",
          "(",
          ")",
          ",",
          ".",
          "?",
          ":",
          "+",
          "-",
          "!",
          "%",
          "*",
          "\"",
          "\"a${",
          "${",
          "}\"",
          "<<EOT\n",
          "<<-EOT\n",
          "EOT\n",
          "\n",
          " ",
          "#c\n",
          "/*",
          "*/",
          "12",
          "5m",
          "25%",
          "1e3",
          "64GiB",
          "12abc",
          "\\q",
          "\\u{41}",
          "@",
          "$",
          "\u00e9",
          "\uD83D\uDE00",
          "\u0000",
          "\r\n",
          "true");

  @Provide
  Arbitrary<String> tokenSoup() {
    return Arbitraries.of(PIECES).list().ofMaxSize(60).map(l -> String.join("", l));
  }

  @Provide
  Arbitrary<String> mutatedSample() {
    Arbitrary<Integer> pos = Arbitraries.integers().between(0, SAMPLE.length());
    Arbitrary<String> insert = Arbitraries.of(PIECES);
    Arbitrary<Integer> cut = Arbitraries.integers().between(0, 8);
    return Combinators.combine(pos, insert, cut, pos)
        .as(
            (p, ins, c, p2) -> {
              String s =
                  SAMPLE.substring(0, p) + ins + SAMPLE.substring(Math.min(SAMPLE.length(), p + c));
              int q = Math.min(p2, s.length());
              return s.substring(0, q) + s.substring(Math.min(s.length(), q + 1));
            });
  }

  @Property(tries = 300)
  void tokenSoupNeverThrows(@ForAll("tokenSoup") String text) {
    check(text);
  }

  @Property(tries = 300)
  void mutatedFilesNeverThrow(@ForAll("mutatedSample") String text) {
    check(text);
  }

  @Property(tries = 100)
  void arbitraryStringsNeverThrow(@ForAll String text) {
    check(text);
  }

  private static void check(String text) {
    SourceFile file = SourceFile.of("fuzz.pool", text);
    DiagnosticSink sink = new DiagnosticSink();
    Parser.parse(file, sink);
    sink.sorted()
        .forEach(
            d -> {
              assertThat(d.span().end()).isLessThanOrEqualTo(text.length());
              assertThat(d.message()).endsWith(".");
            });
    assertThat(sink.errorCount()).isLessThanOrEqualTo(21);
    FormatResult r = Formatter.format(file);
    if (r.hasErrors()) {
      assertThat(r.text()).isEqualTo(text);
    } else {
      assertThat(Formatter.format(SourceFile.of("again.pool", r.text())).text())
          .isEqualTo(r.text());
    }
  }
}
