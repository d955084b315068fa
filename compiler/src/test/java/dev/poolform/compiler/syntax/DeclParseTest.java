package dev.poolform.compiler.syntax;

import static org.assertj.core.api.Assertions.assertThat;

import dev.poolform.compiler.ast.Decl;
import org.junit.jupiter.api.Test;

/** One test per declaration form (docs/language.md#declarations). */
class DeclParseTest {

  private static String parse(String text) {
    Parsed p = Parsed.of(text);
    assertThat(p.lines()).as("diagnostics").isEmpty();
    return Sexp.of(p.unit().decls());
  }

  @Test
  void importDeclaration() {
    assertThat(parse("import \"../shared/templates.pool\""))
        .isEqualTo("(import \"../shared/templates.pool\")");
  }

  @Test
  void cloudDeclarations() {
    assertThat(parse("cloud aws prod {\n  region = \"eu-west-1\"\n}\ncloud local dev {}"))
        .isEqualTo("(cloud aws prod {region=\"eu-west-1\"}) (cloud local dev {})");
  }

  @Test
  void cloudOnOneLineWithoutCommas() {
    assertThat(
            parse(
                "cloud azure weu { subscription = env(\"AZURE_SUBSCRIPTION_ID\")  resource_group = \"rg\"  location = \"westeurope\" }"))
        .isEqualTo(
            "(cloud azure weu {subscription=(env() \"AZURE_SUBSCRIPTION_ID\") resource_group=\"rg\" location=\"westeurope\"})");
  }

  @Test
  void commasBetweenItemsAreOptional() {
    assertThat(parse("template t { capacity { min = 1, max = 5 } }"))
        .isEqualTo(parse("template t { capacity { min = 1 max = 5 } }"))
        .isEqualTo(parse("template t {\n  capacity {\n    min = 1\n    max = 5,\n  }\n}"))
        .isEqualTo("(template t {capacity{min=1 max=5}})");
  }

  @Test
  void letDeclarations() {
    assertThat(parse("let env = \"prod\"\nlet labels = { team = \"platform\", env = env }"))
        .isEqualTo("(let env \"prod\") (let labels {team=\"platform\" env=env})");
  }

  @Test
  void templateWithAndWithoutFrom() {
    assertThat(
            parse(
                "template base { labels = {} }\ntemplate web from base, other { rollout { min_ready = 30s } }"))
        .isEqualTo(
            "(template base {labels={}}) (template web from base,other {rollout{min_ready=30000ms}})");
  }

  @Test
  void poolWithInterpolatedNameFromAndOn() {
    assertThat(parse("pool \"web-${env}\" from base on prod {\n  capacity { desired = 3 }\n}"))
        .isEqualTo("(pool \"web-${env}\" from base on prod {capacity{desired=3}})");
  }

  @Test
  void poolOnAnExpression() {
    assertThat(parse("pool \"p\" on clouds[0] { }")).isEqualTo("(pool \"p\" on ([] clouds 0) {})");
  }

  @Test
  void forOverAList() {
    assertThat(
            parse(
                "for c in [prod, dev] {\n  let n = c.name\n  pool \"batch-${c.name}\" on c { }\n}"))
        .isEqualTo(
            "(for c [prod dev] [(let n (. c name)) (pool \"batch-${(. c name)}\" on c {})])");
  }

  @Test
  void forOverAMapWithKeyAndValue() {
    Parsed p = Parsed.of("for region, c in clouds { for z in zones { } }");
    assertThat(p.lines()).isEmpty();
    Decl.For f = (Decl.For) p.unit().decls().get(0);
    assertThat(f.key()).map(k -> k.name()).hasValue("region");
    assertThat(f.value().name()).isEqualTo("c");
    assertThat(Sexp.of(f)).isEqualTo("(for region,c clouds [(for z zones [])])");
  }

  @Test
  void ifWithElseAndElseIf() {
    assertThat(parse("if env == \"prod\" { pool \"canary\" on prod { } }"))
        .isEqualTo("(if (== env \"prod\") [(pool \"canary\" on prod {})] [])");
    assertThat(parse("if a { let x = 1 } else { let x = 2 }"))
        .isEqualTo("(if a [(let x 1)] [(let x 2)])");
    assertThat(parse("if a { } else if b { let y = 1 } else { }"))
        .isEqualTo("(if a [] [(if b [(let y 1)] [])])");
  }

  @Test
  void nestedBlocks() {
    assertThat(
            parse("pool \"p\" on c { machine { disk { size = 64GiB type = \"gp3\" } spot {} } }"))
        .isEqualTo("(pool \"p\" on c {machine{disk{size=68719476736B type=\"gp3\"} spot{}}})");
  }

  @Test
  void commentsAreIgnored() {
    assertThat(
            parse(
                "# hash\n// slashes\n/* block\n comment */ let x = 1 # trailing\nlet y = /* inline */ 2"))
        .isEqualTo("(let x 1) (let y 2)");
  }

  @Test
  void emptyFileAndOnlyComments() {
    assertThat(parse("")).isEmpty();
    assertThat(parse("# nothing here\n")).isEmpty();
  }

  @Test
  void keywordsAreNotIdentifiers() {
    Parsed p = Parsed.of("let pool = 1\nlet ok = 2");
    assertThat(p.lines())
        .containsExactly("E0101 1:5 Expected an identifier after `let`, found the keyword `pool`.");
    assertThat(Sexp.of(p.unit().decls())).isEqualTo("(let ok 2)");
  }

  @Test
  void spansPointAtTheirText() {
    Parsed p = Parsed.of("let answer = 42\ncloud aws prod { region = \"x\" }");
    Decl.Let let = (Decl.Let) p.unit().decls().get(0);
    assertThat(let.span().text()).isEqualTo("let answer = 42");
    assertThat(let.name().span().text()).isEqualTo("answer");
    Decl.Cloud cloud = (Decl.Cloud) p.unit().decls().get(1);
    assertThat(cloud.body().span().text()).isEqualTo("{ region = \"x\" }");
    assertThat(cloud.name().span().line()).isEqualTo(2);
    assertThat(cloud.name().span().column()).isEqualTo(11);
  }

  @Test
  void spansCountUtf16UnitsAfterAnEmoji() {
    Parsed p = Parsed.of("let a = \"\uD83D\uDE00\" let b = 2");
    Decl.Let b = (Decl.Let) p.unit().decls().get(1);
    assertThat(b.name().span().text()).isEqualTo("b");
    assertThat(b.value().span().text()).isEqualTo("2");
  }

  @Test
  void variableDeclarations() {
    assertThat(
            parse(
                """
                variable "zones" {
                  type    = list<map<string>>
                  default = []
                  validation { condition = length(var.zones) > 0  message = "One at least." }
                }
                let n = var.zones[0].a
                """))
        .isEqualTo(
            "(variable \"zones\" {type=(type list (type map (type string))) default=[]"
                + " validation{condition=(> (length() var.zones) 0) message=\"One at least.\"}})"
                + " (let n (. ([] var.zones 0) a))");
  }

  @Test
  void typeIsAnOrdinaryNameOutsideVariables() {
    assertThat(parse("template t { machine { disk { type = \"gp3\" } } }"))
        .isEqualTo("(template t {machine{disk{type=\"gp3\"}}})");
    // In a variable, only the attribute named `type` takes a type; other values are expressions.
    assertThat(parse("variable \"x\" { default = string }"))
        .isEqualTo("(variable \"x\" {default=string})");
  }

  @Test
  void varIsAKeywordThatNeedsAName() {
    Parsed p = Parsed.of("let a = var\nlet b = var.for\n");
    assertThat(p.lines())
        .anySatisfy(l -> assertThat(l).contains("E0101").contains("`.`"))
        .anySatisfy(l -> assertThat(l).contains("E0101").contains("the keyword `for`"));
  }

  @Test
  void poolvarsFilesAreAssignments() {
    var sink = new dev.poolform.compiler.diag.DiagnosticSink();
    var items =
        Parser.parseVars(
            dev.poolform.source.SourceFile.of(
                "x.poolvars",
                "# comment\nenv = \"prod\"\nzones = [\"a\",\n  \"b\"]\nn = -3, m = 30s\n"),
            sink);
    assertThat(sink.sorted()).isEmpty();
    assertThat(items.stream().map(Sexp::of))
        .containsExactly("env=\"prod\"", "zones=[\"a\" \"b\"]", "n=-3", "m=30000ms");
  }
}
