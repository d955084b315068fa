package dev.poolform.compiler.syntax.lexer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.poolform.grammar.PoolLexer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.Token;
import org.junit.jupiter.api.Test;

/**
 * The hand-written lexer against the grammar's: token for token (type, channel, code point indexes,
 * line, column, text) and the same unterminated strings, on every {@code .pool} and {@code
 * .poolvars} file of the repository, on mutations of them, and on tens of thousands of inputs put
 * together from the grammar's pieces (every mode, predicate and error token, CRLF, Unicode,
 * truncations). The first difference fails with the input and the token.
 */
class LexerConformanceTest {
  /** Pieces of every lexer rule, and of what sits at their edges. */
  private static final String[] PIECES = {
    "pool",
    "cloud",
    "template",
    "let",
    "from",
    "on",
    "moved",
    "for",
    "in",
    "if",
    "else",
    "true",
    "false",
    "null",
    "external",
    "variable",
    "var",
    "state",
    "import",
    "pools",
    "variables",
    "_x1",
    "Web",
    "a",
    "ms",
    "s",
    "m",
    "h",
    "d",
    "B",
    "KB",
    "KiB",
    "MiB",
    "GB",
    "TiB",
    "Ki",
    "e",
    "E",
    "e+",
    "e-",
    "0",
    "1",
    "12",
    "007",
    "3.5",
    "1.",
    ".5",
    "1e3",
    "2E-4",
    "1.5e+2",
    "30s",
    "1h30m",
    "500ms",
    "5mins",
    "2h30",
    "1.2.3",
    "12abc",
    "25%",
    "2.5%",
    "10%",
    "%",
    "%(",
    "%_",
    "%é",
    "%1",
    "64GiB",
    "8MB",
    "x.y",
    "\"",
    "\"\"",
    "\"abc\"",
    "${",
    "$${",
    "$$",
    "$",
    "}",
    "{",
    "\\",
    "\\n",
    "\\\"",
    "\\u{41}",
    "\\u{1F600}",
    "\\u{",
    "\\u{zz",
    "\\u",
    "\\\r",
    "\\$",
    "<<EOT\n",
    "<<-EOT\n",
    "<<EOT  \r\n",
    "<<-X\t\n",
    "<<EOT",
    "<< EOT\n",
    "<<1\n",
    "EOT",
    "  EOT",
    "\tEOT",
    "EOT ",
    "EOTX",
    "X",
    "  X",
    "\n",
    "\r\n",
    "\r",
    " ",
    "\t",
    "\f",
    "\u000B",
    "\uFEFF",
    "#",
    "# c",
    "//",
    "// c",
    "/*",
    "*/",
    "/* c */",
    "/**/",
    "/*/",
    "**",
    "*",
    "/",
    "(",
    ")",
    "[",
    "]",
    ",",
    ".",
    "==",
    "!=",
    "<=",
    ">=",
    "<",
    ">",
    "&&",
    "||",
    "&",
    "|",
    "=",
    "!",
    "+",
    "-",
    "?",
    ":",
    "@",
    "~",
    "`",
    "'",
    ";",
    "é",
    "ü",
    "日本",
    "😀",
    "\u0000",
    "\u0007",
    "\u007F",
    "\uD800",
    "\uDC00",
    "\u00A0",
    "\u2028",
    "^",
  };

  @Test
  void everyPoolFileOfTheRepository() {
    List<Path> files = repositoryFiles();
    assertThat(files).hasSizeGreaterThan(150);
    for (Path f : files) same(read(f), f.toString());
  }

  @Test
  void mutationsOfTheRepositoryFiles() {
    Random random = new Random(17);
    int n = 0;
    for (Path f : repositoryFiles()) {
      String text = read(f);
      for (int i = 0; i < 40; i++) {
        String m = mutate(text, random);
        same(m, f + " mutated");
        n++;
      }
      same(text.replace("\n", "\r\n"), f + " with CRLF");
      same(text.replace("\n", "\r"), f + " with CR");
    }
    assertThat(n).isGreaterThan(6000);
  }

  @Test
  void generatedFromTheGrammarsPieces() {
    Random random = new Random(2017);
    for (int i = 0; i < 40_000; i++) {
      StringBuilder sb = new StringBuilder();
      int pieces = 1 + random.nextInt(i % 10 == 0 ? 60 : 12);
      for (int k = 0; k < pieces; k++) {
        sb.append(PIECES[random.nextInt(PIECES.length)]);
        if (random.nextInt(4) == 0) sb.append(' ');
      }
      same(sb.toString(), "generated #" + i);
    }
  }

  @Test
  void hand_picked_edges() {
    String[] cases = {
      "",
      "\"",
      "\"abc",
      "\"a${",
      "\"a${ \"b",
      "\"a${ \"b\n c\" }\"",
      "x = <<EOT\nhello\nEOT\n",
      "x = <<EOT\nhello\nEOT",
      "x = <<-EOT\n  hello ${ \"a\" }\n  EOT\r\n",
      "x = <<EOT\nEOT x\nEOT\n",
      "x = <<A\n${ <<B\nb\nB\n}\nA\n",
      "x = <<A\n${ <<B\nb\nA\n}\nB\nA\n",
      "x = <<A\nab${x}A\nA",
      "x = <<A\r\nb\r\nA\r\n",
      "x = <<A\rb\rA\r",
      "x = <<A\n$${A}\n$\nA",
      "a = 25%b + 10%(x) + 3%",
      "a = 25%",
      "a = 1.5%",
      "a = 1.%",
      "a = 1e",
      "a = 1e+",
      "a = 1.5e-3x",
      "a = 0x1F",
      "}}}{{{",
      "{ \"${ { } }\" }",
      "/* unterminated",
      "/* a */ /* b",
      "/*/",
      "/* ** */",
      "/* *",
      "// no newline",
      "# \r\n x",
      "\uD83D",
      "\"\uD83D\"",
      "\"\\u{1F600\"",
      "\"\\",
      "\"\\\n",
      "x = \"a\\\r\n",
    };
    for (String c : cases) same(c, "edge");
  }

  /** Fails at the first token (or unterminated string) where the two lexers differ. */
  private static void same(String text, String what) {
    PoolLexer antlr = new PoolLexer(CharStreams.fromString(text, "a.pool"));
    antlr.removeErrorListeners();
    Lexer ours = new Lexer(text, "a.pool");
    for (int i = 0; ; i++) {
      Token a = antlr.nextToken();
      Token b = ours.nextToken();
      String ea = describe(a);
      String eb = describe(b);
      if (!ea.equals(eb)) {
        fail(
            "%s: token %d differs%n grammar: %s%n ours:    %s%n input: %s",
            what, i, ea, eb, escape(text));
      }
      if (a.getType() == Token.EOF) break;
    }
    List<String> ua = new ArrayList<>();
    for (PoolLexer.Unterminated u : antlr.unterminated()) {
      ua.add(u.start() + ".." + u.stop() + " " + u.heredoc() + " " + u.atEof());
    }
    List<String> ub = new ArrayList<>();
    for (Unterminated u : ours.unterminated()) {
      ub.add(u.start() + ".." + u.stop() + " " + u.heredoc() + " " + u.atEof());
    }
    assertThat(ub).as("%s: unterminated strings of %s", what, escape(text)).isEqualTo(ua);
  }

  private static String describe(Token t) {
    return PoolLexer.VOCABULARY.getSymbolicName(t.getType())
        + " ch"
        + t.getChannel()
        + " "
        + t.getStartIndex()
        + ".."
        + t.getStopIndex()
        + " "
        + t.getLine()
        + ":"
        + t.getCharPositionInLine()
        + " "
        + escape(t.getText());
  }

  private static String escape(String s) {
    if (s == null) return "null";
    StringBuilder sb = new StringBuilder("\"");
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\n') sb.append("\\n");
      else if (c == '\r') sb.append("\\r");
      else if (c == '\t') sb.append("\\t");
      else if (c == '"' || c == '\\') sb.append('\\').append(c);
      else if (c < 0x20 || c >= 0x7f) sb.append(String.format("\\u%04X", (int) c));
      else sb.append(c);
    }
    return sb.append('"').toString();
  }

  private static String mutate(String text, Random random) {
    if (text.isEmpty()) return PIECES[random.nextInt(PIECES.length)];
    int at = random.nextInt(text.length() + 1);
    switch (random.nextInt(5)) {
      case 0: // truncate
        return text.substring(0, at);
      case 1: // delete a short run
        return text.substring(0, at)
            + text.substring(Math.min(text.length(), at + 1 + random.nextInt(8)));
      case 2: // insert a piece of the grammar
        return text.substring(0, at) + PIECES[random.nextInt(PIECES.length)] + text.substring(at);
      case 3: // replace one character by any code point of the BMP or beyond
        int cp = random.nextInt(4) == 0 ? 0x10000 + random.nextInt(0x1000) : random.nextInt(0x3000);
        return text.substring(0, Math.min(at, text.length() - 1))
            + new String(Character.toChars(cp))
            + text.substring(Math.min(at + 1, text.length()));
      default: // two mutations
        return mutate(mutate(text, random), random);
    }
  }

  private static List<Path> repositoryFiles() {
    Path root = Path.of("").toAbsolutePath().getParent();
    try (Stream<Path> all = Files.walk(root)) {
      return all.filter(
              p -> {
                String s = root.relativize(p).toString();
                return (s.endsWith(".pool") || s.endsWith(".poolvars"))
                    && !s.contains("/target/")
                    // bench/'s generated inputs (not in git; megabytes)
                    && !s.startsWith("bench/results/")
                    && !s.startsWith(".")
                    && Files.isRegularFile(p);
              })
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String read(Path p) {
    try {
      return new String(Files.readAllBytes(p), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
