package dev.poolform.compiler.spec;

import static dev.poolform.compiler.spec.Spec.CLOUDS;
import static dev.poolform.compiler.spec.Spec.expect;
import static dev.poolform.compiler.spec.Spec.expectOnly;
import static dev.poolform.compiler.spec.Spec.ok;
import static dev.poolform.compiler.spec.Spec.pool;
import static org.assertj.core.api.Assertions.assertThat;

import dev.poolform.compiler.Compilation;
import dev.poolform.compiler.CompileOptions;
import dev.poolform.compiler.Compiler;
import dev.poolform.compiler.diag.Code;
import dev.poolform.compiler.diag.Diagnostic;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** E0201–E0208 and W0501: names, scopes, imports. */
class ResolveSpecTest {
  @Test
  void e0201UnknownNameWithSuggestion() {
    String src = CLOUDS + "let region = \"eu\"\n" + pool("web", "dev", "labels = { r = regoin }");
    Diagnostic d = expectOnly(src, Code.E0201, "regoin");
    assertThat(d.help()).contains("Did you mean `region`?");
  }

  @Test
  void e0201LoopLetsAreScopedToTheLoop() {
    String src =
        CLOUDS + "for i in [1] {\n  let x = \"a\"\n}\n" + pool("web", "dev", "labels = { x = x }");
    expectOnly(src, Code.E0201, "x }");
  }

  @Test
  void e0201UnknownCloudField() {
    String src = CLOUDS + pool("web", "dev", "labels = { r = prod.regon }");
    Diagnostic d = expectOnly(src, Code.E0201, "regon");
    assertThat(d.help()).contains("Did you mean `region`?");
  }

  @Test
  void e0202DuplicateLetWithNote() {
    String src =
        CLOUDS + "let a = 1\nlet a = 2\n" + pool("web", "dev", "labels = { a = \"${a}\" }");
    Diagnostic d = expectOnly(src, Code.E0202, "a = 2");
    assertThat(d.notes()).hasSize(1);
    assertThat(d.notes().get(0).span().line()).isEqualTo(4);
    assertThat(d.notes().get(0).message()).isEqualTo("first declared here");
  }

  @Test
  void e0202CloudNamesAreUniqueAcrossKinds() {
    expect(CLOUDS + "cloud aws dev { region = \"eu-west-1\" }\n", Code.E0202, "dev {", 2);
  }

  @Test
  void e0202DuplicateTemplate() {
    String src =
        CLOUDS
            + "template t {}\ntemplate t {}\n"
            + "pool \"web\" from t on dev { capacity { min = 1 max = 2 }"
            + " machine { size = \"s\" image = \"i\" } }\n";
    expectOnly(src, Code.E0202, "t {}", 2);
  }

  @Test
  void e0202DuplicatePoolAfterUnrolling() {
    String src =
        CLOUDS
            + "for i in [1, 2] {\n  pool \"web\" on dev { capacity { min = 1 max = 2 } machine { size = \"s\""
            + " image = \"i\" } }\n}\n";
    Diagnostic d = expectOnly(src, Code.E0202, "\"web\"");
    assertThat(d.notes()).hasSize(1);
  }

  @Test
  void e0203OnNamesNoCloud() {
    String src = CLOUDS + pool("web", "prd", "");
    Diagnostic d = expectOnly(src, Code.E0203, "prd");
    assertThat(d.help()).contains("Did you mean `prod`?");
  }

  @Test
  void e0203OnNamesALetThatIsNotACloud() {
    String src = CLOUDS + "let c = \"dev\"\n" + pool("web", "c", "");
    expectOnly(src, Code.E0203, "c {");
  }

  @Test
  void e0204FromNamesNoTemplate() {
    String src =
        CLOUDS
            + "template base {}\npool \"web\" from bse on dev { capacity { min = 1 max = 2 }"
            + " machine { size = \"s\" image = \"i\" } }\n";
    Diagnostic d = expect(src, Code.E0204, "bse");
    assertThat(d.help()).contains("Did you mean `base`?");
  }

  @Test
  void e0205LetCycleWithNotesOnEachLink() {
    String src =
        CLOUDS
            + "let a = b + 1\nlet b = c\nlet c = a\n"
            + pool("web", "dev", "labels = { a = \"${a}\" }");
    Diagnostic d = expectOnly(src, Code.E0205, "a = b");
    assertThat(d.notes()).hasSize(3);
    assertThat(d.message()).contains("`a` -> `b` -> `c` -> `a`");
  }

  @Test
  void e0205LetCycleThroughACloud() {
    String src = "cloud aws prod { region = r }\nlet r = prod.region\n";
    expect(src, Code.E0205, "prod {");
  }

  @Test
  void e0205TemplateCycle() {
    String src =
        CLOUDS
            + "template a from b {}\ntemplate b from a {}\n"
            + "pool \"web\" from a on dev { capacity { min = 1 max = 2 } machine { size = \"s\" image = \"i\" } }\n";
    Diagnostic d = expectOnly(src, Code.E0205, "a from");
    assertThat(d.notes()).hasSize(2);
  }

  @Test
  void e0207UnknownFunction() {
    String src = CLOUDS + pool("web", "dev", "labels = { a = uper(\"x\") }");
    Diagnostic d = expectOnly(src, Code.E0207, "uper");
    assertThat(d.help()).contains("Did you mean `upper`?");
  }

  @Test
  void w0501UnusedLetAndTemplate() {
    String src = CLOUDS + "let unused = 1\ntemplate spare {}\n" + pool("web", "dev", "");
    Compilation c = ok(src);
    expect(src, Code.W0501, "unused");
    expect(src, Code.W0501, "spare");
    assertThat(c.diagnostics()).allMatch(d -> d.code() == Code.W0501);
  }

  @Test
  void w0501UnusedLetInLoopBody() {
    String src = CLOUDS + "for i in [1] {\n  let idle = i\n}\n";
    expect(src, Code.W0501, "idle");
  }

  // ---- imports --------------------------------------------------------------------------------

  static Compilation compileDir(Path dir) {
    return Compiler.compile(new CompileOptions(dir, Optional.empty(), Map.of()));
  }

  static void write(Path p, String text) throws Exception {
    Files.createDirectories(p.getParent());
    Files.writeString(p, text);
  }

  @Test
  void importsShareOneNamespace(@TempDir Path dir) throws Exception {
    Files.createDirectories(dir.resolve(".git"));
    write(
        dir.resolve("shared/base.pool"),
        "cloud local dev {}\ntemplate base { capacity { min = 1 max = 4 } }\n");
    write(
        dir.resolve("cfg/main.pool"),
        "import \"../shared/base.pool\"\n"
            + "pool \"web\" from base on dev { machine { size = \"s\" image = \"i\" } }\n");
    Compilation c =
        Compiler.compile(
            new CompileOptions(dir.resolve("cfg/main.pool"), Optional.empty(), Map.of()));
    assertThat(c.diagnostics()).isEmpty();
    assertThat(c.ir().orElseThrow().pools().get(0).capacity().max()).isEqualTo(4);
    assertThat(c.sources())
        .extracting(s -> s.displayPath())
        .containsExactly("main.pool", "../shared/base.pool");
  }

  @Test
  void e0206ImportNotFoundNotPoolOutsideRoot(@TempDir Path dir) throws Exception {
    write(dir.resolve("outside.pool"), "let x = 1\n");
    write(
        dir.resolve("cfg/main.pool"),
        "import \"missing.pool\"\nimport \"notes.txt\"\nimport \"../outside.pool\"\n");
    Compilation c = compileDir(dir.resolve("cfg"));
    assertThat(c.diagnostics())
        .extracting(d -> d.code() + "@" + d.span().line() + ":" + d.span().column())
        .containsExactly("E0206@1:8", "E0206@2:8", "E0206@3:8");
  }

  @Test
  void e0206GitWorkTreeIsTheProjectRoot(@TempDir Path dir) throws Exception {
    Files.createDirectories(dir.resolve(".git"));
    write(dir.resolve("lib/x.pool"), "let x = 1\n");
    write(dir.resolve("cfg/main.pool"), "import \"../lib/x.pool\"\nlet y = x\n");
    Compilation c = compileDir(dir.resolve("cfg"));
    assertThat(c.diagnostics()).extracting(Diagnostic::code).containsExactly(Code.W0501);
  }

  @Test
  void e0208PoolInImportedFile(@TempDir Path dir) throws Exception {
    write(
        dir.resolve("lib.pool"),
        "cloud local dev {}\npool \"x\" on dev { capacity { min = 1 max = 2 }"
            + " machine { size = \"s\" image = \"i\" } }\n");
    write(dir.resolve("main/main.pool"), "import \"../lib.pool\"\n");
    Compilation c =
        Compiler.compile(
            new CompileOptions(dir.resolve("main/main.pool"), Optional.of(dir), Map.of()));
    assertThat(c.diagnostics())
        .extracting(
            d ->
                d.code()
                    + "@"
                    + d.span().file().displayPath()
                    + ":"
                    + d.span().line()
                    + ":"
                    + d.span().column())
        .containsExactly("E0208@../lib.pool:2:6");
  }

  @Test
  void importCyclesStop(@TempDir Path dir) throws Exception {
    write(dir.resolve("a.pool"), "import \"b.pool\"\ncloud local dev {}\n");
    write(dir.resolve("b.pool"), "import \"a.pool\"\nlet x = 1\n");
    Compilation c =
        Compiler.compile(new CompileOptions(dir.resolve("a.pool"), Optional.empty(), Map.of()));
    assertThat(c.hasErrors()).isFalse();
  }

  @Test
  void directoryIsOneNamespaceSortedByName(@TempDir Path dir) throws Exception {
    write(dir.resolve("b.pool"), Spec.pool("web", "dev", ""));
    write(dir.resolve("a.pool"), "cloud local dev {}\n");
    write(dir.resolve("notes.txt"), "ignored");
    Compilation c = compileDir(dir);
    assertThat(c.diagnostics()).isEmpty();
    assertThat(c.sources()).extracting(s -> s.displayPath()).containsExactly("a.pool", "b.pool");
    assertThat(c.ir().orElseThrow().pools()).hasSize(1);
  }
}
