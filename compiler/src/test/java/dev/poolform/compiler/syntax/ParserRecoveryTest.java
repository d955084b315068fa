package dev.poolform.compiler.syntax;

import static org.assertj.core.api.Assertions.assertThat;

import dev.poolform.compiler.TestResources;
import dev.poolform.compiler.ast.Decl;
import dev.poolform.compiler.ast.Expr;
import dev.poolform.compiler.spec.Snippet;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What error recovery leaves of broken input: which declarations survive and what a broken value
 * becomes. The inputs are the spec snippets of {@code spec/syntax/}, whose diagnostics the spec
 * runner checks; here only the syntax tree is looked at.
 */
class ParserRecoveryTest {
  /** The snippets of {@code spec/syntax/<name>.pool}. */
  private static List<Snippet> snippets(String name) throws IOException {
    return Snippet.load(TestResources.dir("spec/syntax").resolve(name + ".pool"));
  }

  private static Parsed only(String name) throws IOException {
    List<Snippet> s = snippets(name);
    assertThat(s).as(name + " holds one snippet").hasSize(1);
    return Parsed.of(s.get(0).text());
  }

  @Test
  void aStringBrokenByTheLineEndKeepsTheDeclarationsAfterIt() throws IOException {
    Parsed p = only("e0102_string_broken_by_line_end");
    assertThat(p.unit().decls()).hasSize(3);
    assertThat(((Decl.Let) p.unit().decls().get(0)).value()).isInstanceOf(Expr.Invalid.class);
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
  void malformedLiteralsBecomeInvalidExpressions() throws IOException {
    List<Snippet> literals = snippets("e0104_malformed_literals");
    assertThat(literals).hasSizeGreaterThan(1);
    for (Snippet s : literals) {
      Parsed p = Parsed.of(s.text());
      assertThat(((Decl.Let) p.unit().decls().get(0)).value())
          .as(s.name())
          .isInstanceOf(Expr.Invalid.class);
    }
  }

  @Test
  void eachBrokenDeclarationIsDroppedAndTheRestKept() throws IOException {
    Parsed p = only("e0101_several_errors");
    assertThat(p.unit().decls())
        .extracting(d -> d.getClass().getSimpleName())
        .containsExactly("Let", "Pool", "Let", "Let");
  }

  @Test
  void noInsertedTokens() throws IOException {
    // With single-token insertion a missing `=` would be invented and the value kept.
    assertThat(only("e0101_no_inserted_tokens").unit().decls()).isEmpty();
  }
}
