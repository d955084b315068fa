package dev.poolform.compiler.spec;

import static dev.poolform.compiler.spec.Spec.CLOUDS;
import static dev.poolform.compiler.spec.Spec.expect;
import static dev.poolform.compiler.spec.Spec.expectOnly;
import static dev.poolform.compiler.spec.Spec.ok;
import static dev.poolform.compiler.spec.Spec.pool;
import static org.assertj.core.api.Assertions.assertThat;

import dev.poolform.compiler.diag.Code;
import dev.poolform.compiler.diag.Diagnostic;
import org.junit.jupiter.api.Test;

/** E0301, E0305–E0309, E0408, E0409: types and evaluation errors. */
class TypesSpecTest {
  @Test
  void e0301AttributeTypeMismatch() {
    String src =
        CLOUDS
            + "pool \"web\" on dev {\n  capacity { min = \"one\" max = 5 }\n"
            + "  machine { size = \"s\" image = \"i\" }\n}\n";
    Diagnostic d = expectOnly(src, Code.E0301, "\"one\"");
    assertThat(d.message()).contains("Expected int").contains("found string");
  }

  @Test
  void e0301IntWidensToNumberButNothingElseConverts() {
    ok(CLOUDS + "cloud local sim { fail_rate = 0 }\n");
    expectOnly(CLOUDS + "cloud local sim { fail_rate = \"0\" }\n", Code.E0301, "\"0\"");
    expectOnly(CLOUDS + pool("web", "dev", "rollout { min_ready = 30 }"), Code.E0301, "30");
  }

  @Test
  void e0301ConditionMustBeBool() {
    expectOnly(CLOUDS + "if 1 { }\n", Code.E0301, "1 {");
    expectOnly(
        CLOUDS + pool("web", "dev", "labels = { a = \"x\" ? \"a\" : \"b\" }"),
        Code.E0301,
        "\"x\" ?");
  }

  @Test
  void e0301InterpolatingAList() {
    expectOnly(CLOUDS + pool("web", "dev", "labels = { a = \"${[1]}\" }"), Code.E0301, "[1]");
  }

  @Test
  void e0301LoopOverANumber() {
    expectOnly(CLOUDS + "for i in 3 { }\n", Code.E0301, "3 {");
  }

  @Test
  void e0305WrongArgumentsShowTheSignature() {
    Diagnostic d =
        expectOnly(CLOUDS + pool("web", "dev", "labels = { a = join(\",\") }"), Code.E0305, "join");
    assertThat(d.message()).contains("join(string, list<string>) -> string");
    Diagnostic t =
        expectOnly(CLOUDS + pool("web", "dev", "labels = { a = upper(1) }"), Code.E0305, "1)");
    assertThat(t.message()).contains("upper(string)");
  }

  @Test
  void e0306ExternalOutsideDesired() {
    expectOnly(CLOUDS + pool("web", "dev", "labels = { a = external }"), Code.E0306, "external");
    expectOnly(
        CLOUDS + "let x = external\n" + pool("web", "dev", "labels = { a = \"${x}\" }"),
        Code.E0306,
        "external");
    ok(
        CLOUDS
            + "let auto = true\npool \"web\" on dev {\n capacity { min = 1 max = 3 desired = auto ? external : 2 }\n"
            + " machine { size = \"s\" image = \"i\" }\n}\n");
  }

  @Test
  void e0307OperatorNotDefined() {
    Diagnostic d =
        expectOnly(
            CLOUDS + pool("web", "dev", "labels = { a = \"x\" - 1 }"), Code.E0307, "\"x\" - 1");
    assertThat(d.message()).contains("`-`").contains("string").contains("int");
    expectOnly(CLOUDS + pool("web", "dev", "rollout { min_ready = 30s + 5% }"), Code.E0307, "30s");
    expectOnly(CLOUDS + "if 1 && true { }\n", Code.E0307, "1 &&");
    expectOnly(CLOUDS + "if 1 < \"a\" { }\n", Code.E0307, "1 <");
  }

  @Test
  void e0308DivisionByZeroAndOverflow() {
    expectOnly(CLOUDS + pool("web", "dev", "labels = { a = \"${1 / 0}\" }"), Code.E0308, "1 / 0");
    expectOnly(
        CLOUDS + "let big = 9223372036854775807 + 1\nif big > 0 { }\n",
        Code.E0308,
        "9223372036854775807");
    expectOnly(CLOUDS + "for i in range(2000000) { }\n", Code.E0308, "range");
  }

  @Test
  void e0309IndexAndKey() {
    expectOnly(CLOUDS + pool("web", "dev", "labels = { a = [\"x\"][1] }"), Code.E0309, "1]");
    Diagnostic d =
        expectOnly(
            CLOUDS + "let m = { team = \"a\" }\n" + pool("web", "dev", "labels = { a = m.taem }"),
            Code.E0309,
            "taem");
    assertThat(d.help()).contains("Did you mean `team`?");
    expectOnly(
        CLOUDS + pool("web", "dev", "labels = { a = lookup({}, \"k\") }"), Code.E0309, "\"k\"");
  }

  @Test
  void e0408EnvWithoutDefault() {
    expectOnly(
        CLOUDS + pool("web", "dev", "labels = { a = env(\"NOT_SET_ANYWHERE\") }"),
        Code.E0408,
        "env(");
    ok(
        CLOUDS
            + pool(
                "web",
                "dev",
                "labels = { a = env(\"NOT_SET_ANYWHERE\", \"d\"), h = env(\"HOME\") }"));
  }

  @Test
  void e0409FileUnreadable() {
    expectOnly(
        CLOUDS + pool("web", "dev", "labels = { a = file(\"no-such-file.txt\") }"),
        Code.E0409,
        "\"no-such");
  }

  @Test
  void e0304KeyTwiceInAMapAndAttributeTwiceInABody() {
    expectOnly(
        CLOUDS + pool("web", "dev", "labels = { a = \"1\", a = \"2\" }"), Code.E0304, "a = \"2\"");
    Diagnostic d =
        expectOnly(
            CLOUDS + pool("web", "dev", "rollout { pause = 1s pause = 2s }"),
            Code.E0304,
            "pause = 2s");
    assertThat(d.notes()).extracting(n -> n.message()).containsExactly("first given here");
  }

  @Test
  void noCascadeFromAnUnknownName() {
    String src =
        CLOUDS
            + "let a = nope\nlet b = a + 1\nlet c = \"${b}-x\"\n"
            + pool("web", "dev", "labels = { c = c }");
    expectOnly(src, Code.E0201, "nope");
  }

  @Test
  void typesAreCheckedInCodeThatIsNeverEvaluated() {
    String dead =
        CLOUDS
            + "if false {\n  pool \"x\" on dev {\n    capacity { min = \"one\" max = 2 }\n"
            + "    machine { size = \"s\" image = \"i\" }\n    labels = { a = \"${1 - \"b\"}\" }\n  }\n}\n";
    expect(dead, Code.E0301, "\"one\"");
    expect(dead, Code.E0307, "1 - ");
    String emptyLoop =
        CLOUDS + "for i in [] {\n  let x = i + 1\n  let y = 30s + 1\n  let z = x\n  let w = y\n}\n";
    expect(emptyLoop, Code.E0307, "30s + 1");
    expect(CLOUDS + "if false { let e = external }\n", Code.E0306, "external");
    expect(CLOUDS + "for i in [] { let x = upper() }\n", Code.E0305, "upper()");
    expect(CLOUDS + "if false { let x = upper(1 + 1) }\n", Code.E0305, "1 + 1");
    expect(CLOUDS + "for i in [1] { let x = join(\",\", [i]) }\n", Code.E0305, "[i]");
    expect(
        CLOUDS + "let b = false\nlet v = b ? 1 : \"a\" - 1\nif v == 1 { }\n",
        Code.E0307,
        "\"a\" - 1");
  }

  @Test
  void staticTypesDoNotFlagValidPrograms() {
    ok(
        CLOUDS
            + "let xs = range(3)\nfor i in xs {\n  let n = i + 1\n  pool \"p-${n}\" on prod {"
            + " capacity { min = n max = n + 10 * 25% } machine { size = \"m\" image = \"ami-12345678\" zones ="
            + " [\"${prod.region}a\"] spot { max_price = 0.5 } } }\n}\n");
  }
}
