package dev.poolform.compiler.syntax;

import static org.assertj.core.api.Assertions.assertThat;

import dev.poolform.source.SourceFile;
import java.util.List;
import org.junit.jupiter.api.Test;

class LexemesTest {
  @Test
  void tokensWithoutCommentsAndTheOneBeforeAnOffset() {
    String text = "pool \"x\" on # a comment\n  de";
    List<Lexemes.Lexeme> all = Lexemes.of(SourceFile.of("a.pool", text));
    assertThat(all)
        .extracting(Lexemes.Lexeme::type)
        .containsExactly("POOL", "STRING_START", "TEXT", "STRING_END", "ON", "IDENT");
    int cursor = text.length() - 2; // before `de`
    assertThat(all.get(Lexemes.before(all, cursor)).type()).isEqualTo("ON");
    assertThat(Lexemes.before(all, 0)).isEqualTo(-1);
  }
}
