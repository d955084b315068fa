package dev.poolform.compiler.syntax;

import static org.assertj.core.api.Assertions.assertThat;

import dev.poolform.compiler.Compilation;
import dev.poolform.compiler.Compiler;
import dev.poolform.grammar.PoolLexer;
import dev.poolform.stdlib.value.Literals;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * {@link Literals} writes {@code .pool} source (the CAPI importer, messages): what it writes must
 * read back as what it was given, and its keyword list must be the lexer's.
 */
class LiteralsTest {
  @Test
  void keywordsAreTheLexersReservedWords() {
    Set<String> lexer = new HashSet<>();
    for (int t = 1; t <= PoolLexer.VOCABULARY.getMaxTokenType(); t++) {
      String literal = PoolLexer.VOCABULARY.getLiteralName(t);
      if (literal != null && literal.matches("'[a-z]+'"))
        lexer.add(literal.substring(1, literal.length() - 1));
    }
    assertThat(Literals.KEYWORDS).containsExactlyInAnyOrderElementsOf(lexer);
  }

  @Test
  void quotedStringsReadBackUnchanged() {
    List<String> values =
        List.of(
            "plain",
            "a\"b",
            "back\\slash",
            "line\nbreak\ttab\rcr",
            "${not.interpolated}",
            "$${twice}",
            "cost $5",
            "bell\u0007",
            "ünïcødé ✓",
            "");
    StringBuilder src =
        new StringBuilder(
            "cloud local dev {}\npool \"web\" on dev {\n"
                + "  capacity { min = 0  max = 1  desired = 0 }\n  machine { size = \"small\"  image = \"i\" }\n  labels = {\n");
    for (int i = 0; i < values.size(); i++)
      src.append("    k")
          .append(i)
          .append(" = ")
          .append(Literals.quote(values.get(i)))
          .append('\n');
    src.append("  }\n}\n");
    Compilation c = Compiler.compileSource("q.pool", src.toString());
    assertThat(c.diagnostics()).as(src.toString()).isEmpty();
    var labels = c.ir().orElseThrow().pools().get(0).labels();
    for (int i = 0; i < values.size(); i++)
      assertThat(labels.get("k" + i)).isEqualTo(values.get(i));
  }

  @Test
  void keysAreBareOnlyWhenTheyCanBe() {
    assertThat(Literals.key("team")).isEqualTo("team");
    assertThat(Literals.key("pool")).isEqualTo("\"pool\"");
    assertThat(Literals.key("team name")).isEqualTo("\"team name\"");
    assertThat(Literals.key("9lives")).isEqualTo("\"9lives\"");
  }
}
