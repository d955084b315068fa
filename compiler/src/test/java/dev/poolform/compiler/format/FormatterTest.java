package dev.poolform.compiler.format;

import static org.assertj.core.api.Assertions.assertThat;

import dev.poolform.compiler.diag.Code;
import dev.poolform.compiler.diag.DiagnosticSink;
import dev.poolform.compiler.syntax.Parser;
import dev.poolform.source.SourceFile;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The layout rules of {@link Layout}, comment preservation and idempotence. */
class FormatterTest {

  /** Formats, checks that the layout was not abandoned and that a second pass changes nothing. */
  static String fmt(String text) {
    SourceFile file = SourceFile.of("t.pool", text);
    String out = Formatter.layout(file, Parser.parseWithComments(file, new DiagnosticSink()));
    assertThat(out).as("layout kept the meaning of:\n%s", text).isNotNull();
    assertThat(Formatter.format(file).text()).isEqualTo(out);
    assertThat(Formatter.format(SourceFile.of("t.pool", out)).text())
        .as("idempotent, first pass:\n%s", out)
        .isEqualTo(out);
    return out;
  }

  @Test
  void indentsAndAlignsAttributes() {
    assertThat(fmt("cloud aws prod {\n      region = \"x\"\n endpoint=\"y\"\n}\n"))
        .isEqualTo("cloud aws prod {\n  region   = \"x\"\n  endpoint = \"y\"\n}\n");
  }

  @Test
  void alignmentRunsEndAtBlankLinesCommentsAndMultiLineItems() {
    String in =
        "template t {\n a = 1\n bbb = 2\n\n cc = 3\n d { x = 1 }\n eeeee = 4\n # note\n f = 5\n"
            + " g {\n  y = 1\n }\n hh = 6\n}";
    assertThat(fmt(in))
        .isEqualTo(
            "template t {\n  a   = 1\n  bbb = 2\n\n  cc    = 3\n  d     { x = 1 }\n"
                + "  eeeee = 4\n  # note\n  f = 5\n  g {\n    y = 1\n  }\n  hh = 6\n}\n");
  }

  @Test
  void oneLineBlocksAlignWithAttributesAsInTheLanguageReference() {
    String in =
        "template base {\n  capacity { min = 1  max = 10 }\n  rollout { max_surge = 1  min_ready = 30s }\n"
            + "  labels = labels\n}\n";
    assertThat(fmt(in))
        .isEqualTo(
            "template base {\n  capacity { min = 1  max = 10 }\n"
                + "  rollout  { max_surge = 1  min_ready = 30s }\n  labels   = labels\n}\n");
  }

  @Test
  void alignsConsecutiveLets() {
    assertThat(fmt("let env = \"prod\"\nlet labels = {}\n\nlet x = 1\n"))
        .isEqualTo("let env    = \"prod\"\nlet labels = {}\n\nlet x = 1\n");
  }

  @Test
  void oneLineBodiesStayOnOneLineSeparatedByTwoSpaces() {
    assertThat(fmt("template t { capacity { min = 1,max = 10 } }"))
        .isEqualTo("template t { capacity { min = 1  max = 10 } }\n");
    assertThat(fmt("template t {\ncapacity { min = 1, max = 10, }\n}"))
        .isEqualTo("template t {\n  capacity { min = 1  max = 10 }\n}\n");
  }

  @Test
  void multiLineBodiesDropCommas() {
    assertThat(fmt("template t { capacity {\n min = 1,\n max = 10,\n} }"))
        .isEqualTo("template t {\n  capacity {\n    min = 1\n    max = 10\n  }\n}\n");
  }

  @Test
  void emptyBodiesAndBlocks() {
    assertThat(fmt("cloud local dev {\n\n}\nfor x in [] {\n}\n"))
        .isEqualTo("cloud local dev {}\nfor x in [] {}\n");
  }

  @Test
  void blankLinesCollapseAndAreRemovedAtBraces() {
    assertThat(
            fmt(
                "\n\n\nlet a = 1\n\n\n\nlet b = 2\ncloud local d {\n\n  x = 1\n\n\n  y = 2\n\n}\n\n\n"))
        .isEqualTo("let a = 1\n\nlet b = 2\ncloud local d {\n  x = 1\n\n  y = 2\n}\n");
  }

  @Test
  void operatorsGetSingleSpaces() {
    assertThat(
            fmt(
                "let a = 1+2*  3-(4 %5)/ - 6\nlet b = !x&&y||z==w!=v<=u\nlet c = x?y:z\nlet d = a . b [ 0 ]"))
        .startsWith(
            "let a = 1 + 2 * 3 - (4 % 5) / -6\nlet b = !x && y || z == w != v <= u\nlet c = x ? y : z\n");
  }

  @Test
  void callsAndMembers() {
    assertThat(fmt("let a = merge( x , { k = 1 } )[\"k\"].y\nlet b = now( )"))
        .isEqualTo("let a = merge(x, { k = 1 })[\"k\"].y\nlet b = now()\n");
  }

  @Test
  void multiLineListsGetOneItemPerLineAndTrailingCommas() {
    assertThat(fmt("let l = [1, 2,\n 3]")).isEqualTo("let l = [\n  1,\n  2,\n  3,\n]\n");
    assertThat(fmt("let l = [ 1 , 2 ]")).isEqualTo("let l = [1, 2]\n");
  }

  @Test
  void multiLineCallArguments() {
    assertThat(fmt("let a = concat(x,\n  y)")).isEqualTo("let a = concat(\n  x,\n  y,\n)\n");
  }

  @Test
  void mapsAlignKeys() {
    assertThat(fmt("let m = {\n a = 1\n \"long key\" = 2\n}\nlet n = { a = 1 b = 2 }"))
        .isEqualTo(
            "let m = {\n  a          = 1\n  \"long key\" = 2\n}\nlet n = { a = 1, b = 2 }\n");
  }

  @Test
  void declarationsInCanonicalForm() {
    assertThat(
            fmt(
                "pool   \"web-${env}\"   from base ,web   on prod{ }\ntemplate  w  from  base{}\nimport   \"a.pool\""))
        .isEqualTo(
            "pool \"web-${env}\" from base, web on prod {}\ntemplate w from base {}\nimport \"a.pool\"\n");
  }

  @Test
  void forAndIf() {
    String in =
        "for k,v in m {\npool k on v {}\n}\nif a==1 {\nlet x = 1\n} else if b {\n} else {\nlet y = 2\n}\n";
    assertThat(fmt(in))
        .isEqualTo(
            "for k, v in m {\n  pool k on v {}\n}\nif a == 1 {\n  let x = 1\n} else if b {} else {\n  let y = 2\n}\n");
    assertThat(fmt("if a { let x = 1 } else { let y = 2 }"))
        .isEqualTo("if a { let x = 1 } else { let y = 2 }\n");
    assertThat(fmt("if a { let x = 1 let y = 2 }"))
        .isEqualTo("if a {\n  let x = 1\n  let y = 2\n}\n");
  }

  @Test
  void literalsKeepTheirSpelling() {
    assertThat(fmt("let a = [1h30m, 25%, 512MiB, 0.05, 1e3, - 3, true, null, external]"))
        .isEqualTo("let a = [1h30m, 25%, 512MiB, 0.05, 1e3, -3, true, null, external]\n");
  }

  @Test
  void stringsAreVerbatim() {
    assertThat(fmt("let a = \"x\\n\\u{1F600}${ f( \"y\" ) }\""))
        .isEqualTo("let a = \"x\\n\\u{1F600}${ f( \"y\" ) }\"\n");
  }

  @Test
  void heredocsAreVerbatim() {
    String in =
        "template t {\n      user_data = <<-EOT\n    #!/bin/sh\n      echo \"${x}\"   \n    EOT\n  other = 1\n}\n";
    assertThat(fmt(in))
        .isEqualTo(
            "template t {\n  user_data = <<-EOT\n    #!/bin/sh\n      echo \"${x}\"   \n    EOT\n  other = 1\n}\n");
  }

  @Test
  void heredocFollowedByMoreExpression() {
    String out = fmt("let a = [<<EOT\nx\nEOT\n, \"y\"]\nlet b = <<EOT\nz\nEOT\n + \"w\"\n");
    assertThat(out)
        .isEqualTo(
            "let a = [\n  <<EOT\nx\nEOT\n  ,\n  \"y\",\n]\nlet b = <<EOT\nz\nEOT\n+ \"w\"\n");
  }

  @Test
  void commentsOnTheirOwnLinesStayThere() {
    String in =
        "# file header\n\n// about a\nlet a = 1\n/* block\n   comment */\nlet b = 2\n# at the end\n";
    assertThat(fmt(in)).isEqualTo(in);
  }

  @Test
  void trailingCommentsStayOnTheirLine() {
    assertThat(fmt("cloud local d { # why\n  x = 1   # one\n  yy = 2 /* two */\n  # last\n}"))
        .isEqualTo("cloud local d { # why\n  x  = 1 # one\n  yy = 2 /* two */\n  # last\n}\n");
  }

  @Test
  void blockCommentBeforeAnItemOnItsLineStaysThere() {
    assertThat(fmt("cloud local d {\n    /* why */ seed = 1\n  other = 2\n}"))
        .isEqualTo("cloud local d {\n  /* why */ seed = 1\n  other = 2\n}\n");
  }

  @Test
  void commentInsideOneLineBodyMakesItMultiLine() {
    assertThat(fmt("cloud local d { x = 1 /* one */ y = 2 }"))
        .isEqualTo("cloud local d {\n  x = 1 /* one */\n  y = 2\n}\n");
  }

  @Test
  void commentsInListsAndMaps() {
    String in =
        "let l = [\n  # first\n  1, # one\n  2\n  # after\n]\nlet m = {\n  a = 1 # x\n  // b next\n  b = 2\n}\n";
    assertThat(fmt(in))
        .isEqualTo(
            "let l = [\n  # first\n  1, # one\n  2,\n  # after\n]\nlet m = {\n  a = 1 # x\n  // b next\n  b = 2\n}\n");
  }

  @Test
  void commentsInsideExpressionsAndHeadersKeepTheSourceText() {
    assertThat(fmt("let a = 1 +   /* why */ 2\n")).isEqualTo("let a = 1 +   /* why */ 2\n");
    assertThat(fmt("pool \"p\" /* c */ on x { }")).isEqualTo("pool \"p\" /* c */ on x {}\n");
    assertThat(fmt("cloud local d { x = /* c */ 1 }"))
        .isEqualTo("cloud local d {\n  x = /* c */ 1\n}\n");
    assertThat(fmt("if a { } /* c */ else { }")).isEqualTo("if a {} /* c */ else {}\n");
  }

  @Test
  void crlfInputBecomesLf() {
    assertThat(fmt("let a = 1\r\n\r\nlet b = 2\r\n")).isEqualTo("let a = 1\n\nlet b = 2\n");
  }

  @Test
  void emptyInput() {
    assertThat(fmt("")).isEmpty();
    assertThat(fmt("\n\n")).isEmpty();
    assertThat(fmt("# only\n")).isEqualTo("# only\n");
  }

  @Test
  void syntaxErrorsReturnTheTextUntouched() {
    String in = "cloud aws {\n  region = \"x\"\n}\n";
    FormatResult r = Formatter.format(SourceFile.of("t.pool", in));
    assertThat(r.text()).isSameAs(in);
    assertThat(r.hasErrors()).isTrue();
    assertThat(r.diagnostics()).extracting(d -> d.code()).containsExactly(Code.E0101);
  }

  @Test
  void formattingKeepsEveryCommentOnARealisticFile() {
    String in =
        String.join(
            "\n",
            List.of(
                "# Pools for the web tier.",
                "import \"shared.pool\" # shared templates",
                "",
                "cloud aws prod { region = \"eu-west-1\" } // primary",
                "",
                "let env = \"prod\" # the stage",
                "let labels = { team = \"platform\", env = env }",
                "",
                "/*",
                " * The base template.",
                " */",
                "template base {",
                "  capacity { min = 1  max = 10 }",
                "  rollout {",
                "    max_surge = 25% # a quarter",
                "    max_unavailable = 0",
                "    min_ready = 30s",
                "  }",
                "  labels = labels",
                "}",
                "",
                "for c in [prod] { # every cloud",
                "  pool \"batch-${c.name}\" on c {",
                "    capacity { desired = external } # autoscaled",
                "  }",
                "}",
                ""));
    String out = fmt(in);
    for (String comment :
        List.of(
            "# Pools for the web tier.",
            "# shared templates",
            "// primary",
            "# the stage",
            " * The base template.",
            "# a quarter",
            "# every cloud",
            "# autoscaled")) {
      assertThat(out).contains(comment);
    }
  }
}
