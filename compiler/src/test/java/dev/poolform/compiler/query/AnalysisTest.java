package dev.poolform.compiler.query;

import static org.assertj.core.api.Assertions.assertThat;

import dev.poolform.compiler.Analysis;
import dev.poolform.compiler.CompileOptions;
import dev.poolform.compiler.Compiler;
import dev.poolform.compiler.ast.SourceUnit;
import dev.poolform.compiler.diag.Code;
import dev.poolform.compiler.diag.Diagnostic;
import dev.poolform.compiler.resolve.Symbols;
import dev.poolform.source.Span;
import dev.poolform.stdlib.types.ValueText;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@link Compiler#analyze} keeps for editors: names with their declarations and uses (by the
 * resolver's own scoping), unsaved buffers read instead of the disk, values, and the fixes that
 * come with "did you mean" diagnostics.
 */
class AnalysisTest {
  static final String FILE =
      """
      cloud local dev {}
      let env = "prod"
      let labels = { env = env }
      template base {
        capacity { min = 1  max = 3 }
        labels = labels
      }
      for env in ["a", "b"] {
        pool "web-${env}" from base on dev {
          machine { size = "s"  image = "i" }
        }
      }
      pool "api" from base on dev {
        machine { size = "s"  image = "i" }
        labels = merge(labels, { app = env })
      }
      """;

  static Analysis analyze(String text) {
    return Compiler.analyzeSource("main.pool", text, Map.of());
  }

  static int offset(String text, String needle, int nth) {
    int at = -1;
    for (int i = 0; i <= nth; i++) at = text.indexOf(needle, at + 1);
    if (at < 0) throw new AssertionError("no " + needle);
    return at;
  }

  static Symbols.Symbol symbolAt(Analysis a, String text, String needle, int nth) {
    SourceUnit u = a.units().get(0);
    return a.symbols().at(u.file(), offset(text, needle, nth)).orElseThrow();
  }

  @Test
  void usesResolveToTheDeclarationTheCompilerUses() {
    Analysis a = analyze(FILE);
    assertThat(a.compilation().diagnostics()).isEmpty();
    Symbols.Symbol env = symbolAt(a, FILE, "env =", 0);
    assertThat(env.kind()).isEqualTo(Symbols.Kind.LET);
    // `env` inside the loop is the loop variable, not the let; the let is used in `labels` and
    // in pool "api".
    assertThat(a.symbols().usesOf(env))
        .extracting(s -> s.file().line(s.start()))
        .containsExactly(3, 15);
    Symbols.Symbol loopVar = symbolAt(a, FILE, "env}", 0);
    assertThat(loopVar.kind()).isEqualTo(Symbols.Kind.LOOP_VARIABLE);
    assertThat(loopVar.name().span().line()).isEqualTo(8);

    Symbols.Symbol base = symbolAt(a, FILE, "base", 1);
    assertThat(base.kind()).isEqualTo(Symbols.Kind.TEMPLATE);
    assertThat(base.name().span().line()).isEqualTo(4);
    assertThat(a.symbols().usesOf(base)).hasSize(2);

    Symbols.Symbol dev = symbolAt(a, FILE, "dev {", 1);
    assertThat(dev.kind()).isEqualTo(Symbols.Kind.CLOUD);
    assertThat(a.symbols().usesOf(dev)).hasSize(2);
  }

  @Test
  void varNamesAVariableEvenWhereALetHasTheSameName() {
    String text =
        "variable \"env\" {\n  type = string\n  default = \"a\"\n}\n"
            + "let env = \"b\"\nlet both = \"${var.env}-${env}\"\n";
    Analysis a = analyze(text);
    Symbols.Symbol variable = symbolAt(a, text, "env}", 0);
    assertThat(variable.kind()).isEqualTo(Symbols.Kind.VARIABLE);
    assertThat(symbolAt(a, text, "env\"", 0)).isEqualTo(variable);
    // Declared at the text inside the quotes, which is what a rename replaces.
    assertThat(variable.name().span().text()).isEqualTo("env");
    assertThat(a.symbols().usesOf(variable)).extracting(Span::text).containsExactly("env");
    assertThat(symbolAt(a, text, "env}", 1).kind()).isEqualTo(Symbols.Kind.LET);
    assertThat(
            a.values().variable((dev.poolform.compiler.ast.Decl.Variable) variable.declaration()))
        .hasValueSatisfying(v -> assertThat(v.defaultValue()).isPresent());
  }

  @Test
  void namesSurviveASyntaxErrorElsewhere() {
    String broken = FILE + "pool \"x\" on dev { capacity { min = } }\n";
    Analysis a = analyze(broken);
    assertThat(a.compilation().diagnostics()).extracting(Diagnostic::code).contains(Code.E0101);
    Symbols.Symbol base = symbolAt(a, broken, "base", 1);
    assertThat(base.name().span().line()).isEqualTo(4);
    assertThat(a.values().let(null)).isEmpty();
  }

  @Test
  void valuesOfLetsAndAttributes() {
    Analysis a = analyze(FILE);
    SourceUnit u = a.units().get(0);
    var labels = (dev.poolform.compiler.ast.Decl.Let) u.decls().get(2);
    assertThat(ValueText.literal(a.values().let(labels).orElseThrow()))
        .isEqualTo("{ env = \"prod\" }");
    Span min = new Span(u.file(), offset(FILE, "min", 0), offset(FILE, "min", 0) + 3);
    assertThat(a.values().attribute(min, 5)).extracting(ValueText::literal).containsExactly("1");
    var api = (dev.poolform.compiler.ast.Decl.Pool) u.decls().get(5);
    assertThat(a.values().poolNames(api)).containsExactly("api");
    assertThat(a.values().cloudKinds(api)).containsExactly("local");
  }

  @Test
  void didYouMeanCarriesItsFix() {
    String text =
        "cloud local dev {}\npool \"p\" on dve {\n  capacity { min = 1  max = 2 }\n"
            + "  machine { size = \"s\"  image = \"i\" }\n  rollout { max_surg = 1  delete_order = \"olders\" }\n}\n";
    List<Diagnostic> ds = analyze(text).compilation().diagnostics();
    assertThat(ds)
        .filteredOn(d -> d.fix().isPresent())
        .extracting(
            d ->
                d.code() + " " + d.fix().get().span().text() + " -> " + d.fix().get().replacement())
        .containsExactlyInAnyOrder(
            "E0203 dve -> dev", "E0302 max_surg -> max_surge", "E0401 \"olders\" -> \"oldest\"");
    assertThat(ds).allSatisfy(d -> assertThat(d.help()).isPresent());
  }

  @Test
  void unsavedBuffersReplaceTheDisk(@TempDir Path dir) throws Exception {
    Path main = dir.resolve("main.pool");
    Path shared = dir.resolve("shared.pool");
    Files.writeString(main, "import \"shared.pool\"\ncloud local dev {}\n");
    Files.writeString(shared, "let x = 1\n");
    String edited = "let x = \n";
    Analysis a =
        Compiler.analyze(
            new CompileOptions(
                main,
                Optional.of(dir),
                Map.of(),
                Map.of(shared.toAbsolutePath().normalize(), edited)));
    assertThat(a.compilation().diagnostics())
        .extracting(d -> d.span().file().displayPath())
        .containsOnly("shared.pool");
    assertThat(a.links()).hasSize(1);
    assertThat(a.links().get(0).target().text()).isEqualTo(edited);
  }

  @Test
  void nodePathAndSchemaAtACursor() {
    String text =
        "cloud aws prod { region = \"eu-west-1\" }\n"
            + "pool \"web\" on prod {\n  rollout { max_surge = 1 }\n"
            + "  machine { disk { size = 50GiB } }\n}\n";
    Analysis a = analyze(text);
    SourceUnit u = a.units().get(0);
    NodePath onSurge = NodePath.at(u, offset(text, "max_surge", 0) + 2);
    assertThat(SchemaAt.attributeNamed(a, onSurge).orElseThrow().name()).isEqualTo("max_surge");
    SchemaAt.Scoped scoped = SchemaAt.body(a, onSurge).orElseThrow();
    assertThat(scoped.path()).isEqualTo("rollout");
    assertThat(scoped.cloudKind()).contains("aws");
    NodePath inDisk = NodePath.at(u, offset(text, "size", 0));
    assertThat(SchemaAt.body(a, inDisk).orElseThrow().path()).isEqualTo("machine.disk");
    NodePath onValue = NodePath.at(u, offset(text, "50GiB", 0) + 1);
    assertThat(SchemaAt.attributeOfValue(a, onValue).orElseThrow().name()).isEqualTo("size");
    NodePath onRollout = NodePath.at(u, offset(text, "rollout", 0));
    assertThat(SchemaAt.blockNamed(a, onRollout).orElseThrow().name()).isEqualTo("rollout");
  }
}
