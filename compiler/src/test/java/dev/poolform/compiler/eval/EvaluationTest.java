package dev.poolform.compiler.eval;

import static org.assertj.core.api.Assertions.assertThat;

import dev.poolform.compiler.Compilation;
import dev.poolform.compiler.Compiler;
import dev.poolform.ir.IrPool;
import dev.poolform.stdlib.value.SecretValue;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Evaluation end to end: loops, conditions, templates, operators and every built-in function. */
class EvaluationTest {
  static final String CLOUDS = "cloud local dev {}\ncloud aws prod { region = \"eu-west-1\" }\n";

  static List<IrPool> pools(String src) {
    Compilation c = Compiler.compileSource("main.pool", src, Map.of("REGION", "eu-west-1"));
    assertThat(c.hasErrors()).as(c.diagnostics().toString()).isFalse();
    return c.ir().orElseThrow().pools();
  }

  /**
   * The labels of the only pool, whose body is {@code labels = { ... }} built from the expressions.
   */
  static Map<String, String> labels(String prelude, String entries) {
    List<IrPool> ps =
        pools(
            CLOUDS
                + prelude
                + "\npool \"p\" on dev {\n capacity { min = 1 max = 2 }\n"
                + " machine { size = \"s\" image = \"i\" }\n labels = { "
                + entries
                + " }\n}\n");
    return ps.get(0).labels();
  }

  static String value(String expr) {
    return labels("", "v = \"${" + expr + "}\"").get("v");
  }

  @Test
  void forOverListsAndMapsInSortedKeyOrder() {
    List<IrPool> ps =
        pools(
            CLOUDS
                + "let sizes = { b = \"large\", a = \"small\" }\n"
                + "for k, v in sizes {\n  let n = \"p-${k}\"\n  pool n on dev { capacity { min = 1 max = 2 }"
                + " machine { size = v image = \"i\" } }\n}\n"
                + "for i, c in [dev] {\n  pool \"q-${i}-${c.name}\" on c { capacity { min = 1 max = 2 }"
                + " machine { size = \"s\" image = \"i\" } }\n}\n");
    assertThat(ps).extracting(IrPool::name).containsExactly("p-a", "p-b", "q-0-dev");
    assertThat(ps.get(0).machine().string("size")).contains("small");
    assertThat(ps.get(0).origin().pool().line()).isEqualTo(6);
  }

  @Test
  void nestedLoopsAndConditions() {
    List<IrPool> ps =
        pools(
            CLOUDS
                + "let env = \"prod\"\nfor r in [\"a\", \"b\"] {\n  for n in range(2) {\n"
                + "    if n == 1 && r == \"b\" {\n      pool \"x-${r}-${n}\" on dev { capacity { min = 1 max = 2 }"
                + " machine { size = \"s\" image = \"i\" } }\n    } else {\n      pool \"y-${r}-${n}\" on dev {"
                + " capacity { min = 1 max = 2 } machine { size = \"s\" image = \"i\" } }\n    }\n  }\n}\n"
                + "if env != \"prod\" { pool \"never\" on dev { } }\n");
    assertThat(ps).extracting(IrPool::name).containsExactly("x-b-1", "y-a-0", "y-a-1", "y-b-0");
  }

  @Test
  void templatesMergeDeeplyLeftToRightThenThePoolBody() {
    List<IrPool> ps =
        pools(
            CLOUDS
                + "template base { capacity { min = 1 max = 10 } rollout { max_surge = 2 min_ready = 30s }"
                + " labels = { team = \"a\", tier = \"x\" } }\n"
                + "template web from base { rollout { pause = 1m } labels = { team = \"b\" } }\n"
                + "template big { capacity { max = 20 } }\n"
                + "pool \"w\" from web, big on dev { capacity { desired = 5 } rollout { max_surge = 3 }"
                + " machine { size = \"s\" image = \"i\" } }\n");
    IrPool p = ps.get(0);
    assertThat(p.capacity().min()).isEqualTo(1);
    assertThat(p.capacity().max()).isEqualTo(20);
    assertThat(p.capacity().desired().getAsLong()).isEqualTo(5);
    assertThat(p.rollout().maxSurge().value()).isEqualTo(3);
    assertThat(p.rollout().minReady().toSeconds()).isEqualTo(30);
    assertThat(p.rollout().pause().toSeconds()).isEqualTo(60);
    assertThat(p.labels()).containsExactly(Map.entry("team", "b")); // attributes replace whole
    assertThat(p.origin().spanOf("capacity.min").line()).isEqualTo(3);
    assertThat(p.origin().spanOf("capacity.desired").line()).isEqualTo(6);
  }

  @Test
  void operators() {
    assertThat(value("10 * 25%")).isEqualTo("3");
    assertThat(value("25% * 10")).isEqualTo("3");
    assertThat(value("1 + 2 * 3")).isEqualTo("7");
    assertThat(value("7 / 2")).isEqualTo("3");
    assertThat(value("7 % 4")).isEqualTo("3");
    assertThat(value("7.0 / 2")).isEqualTo("3.5");
    assertThat(value("1h + 30m")).isEqualTo("1h30m");
    assertThat(value("90s - 30s")).isEqualTo("1m");
    assertThat(value("2 * 30s")).isEqualTo("1m");
    assertThat(value("1GiB + 512MiB")).isEqualTo("1536MiB");
    assertThat(value("10% + 15%")).isEqualTo("25%");
    assertThat(value("\"a\" + \"b\"")).isEqualTo("ab");
    assertThat(value("length([1] + [2, 3])")).isEqualTo("3");
    assertThat(value("1 == 1.0")).isEqualTo("true");
    assertThat(value("[1, \"a\"] == [1, \"a\"]")).isEqualTo("true");
    assertThat(value("{a = 1} != {a = 2}")).isEqualTo("true");
    assertThat(value("30s < 1m")).isEqualTo("true");
    assertThat(value("\"a\" < \"b\"")).isEqualTo("true");
    assertThat(value("!false && (true || false)")).isEqualTo("true");
  }

  @Test
  void shortCircuitSkipsTheRightOperand() {
    assertThat(value("false && [1][5] == 1")).isEqualTo("false");
    assertThat(value("true ? 1 : [1][5]")).isEqualTo("1");
  }

  @Test
  void stringsInterpolateSimpleValues() {
    assertThat(value("\"x-${1}-${true}-${1.5}-${30s}-${25%}-${2GiB}\""))
        .isEqualTo("x-1-true-1.5-30s-25%-2GiB");
  }

  @Test
  void everyBuiltin() {
    Map<String, String> l =
        labels(
            "let m = { b = \"2\", a = \"1\" }",
            "env = env(\"REGION\"), envd = env(\"NOPE\", \"d\")"
                + ", concat = join(\",\", concat([\"a\"], [\"b\"]))"
                + ", merge = join(\",\", values(merge(m, { a = \"9\" })))"
                + ", length = \"${length(m)}\""
                + ", keys = join(\",\", keys(m))"
                + ", contains = \"${contains([1, 2], 2)}\""
                + ", lookup = lookup(m, \"c\", \"none\")"
                + ", upper = upper(\"ab\"), lower = lower(\"AB\")"
                + ", split = join(\"|\", split(\",\", \"a,b\"))"
                + ", replace = replace(\"a-b\", \"-\", \"_\")"
                + ", format = format(\"%s-%d-%v-%%\", \"x\", 3, [1])"
                + ", min = \"${min(3, 1, 2)}\", max = \"${max([30s, 1m])}\"");
    assertThat(l)
        .containsEntry("env", "eu-west-1")
        .containsEntry("envd", "d")
        .containsEntry("concat", "a,b")
        .containsEntry("merge", "9,2")
        .containsEntry("length", "2")
        .containsEntry("keys", "a,b")
        .containsEntry("contains", "true")
        .containsEntry("lookup", "none")
        .containsEntry("upper", "AB")
        .containsEntry("lower", "ab")
        .containsEntry("split", "a|b")
        .containsEntry("replace", "a_b")
        .containsEntry("format", "x-3-[1]-%")
        .containsEntry("min", "1")
        .containsEntry("max", "1m");
    assertThat(value("length(range(1, 10, 3))")).isEqualTo("3");
    assertThat(value("sha256(\"abc\")")).startsWith("ba7816bf");
    assertThat(value("base64(\"hello\")")).isEqualTo("aGVsbG8=");
  }

  @Test
  void secretsAndUserDataNeverAppearInClear() {
    List<IrPool> ps =
        pools(
            CLOUDS
                + "let pw = secret(\"hunter2\")\n"
                + "pool \"qqq\" on prod { capacity { min = 1 max = 2 } machine { size = \"m\" image = \"ami-12345678\""
                + " subnets = [\"s\"] user_data = \"pw=${pw}\" } }\n"
                + "pool \"rrr\" on prod { capacity { min = 1 max = 2 } machine { size = \"m\" image = \"ami-12345678\""
                + " subnets = [\"s\"] user_data = <<EOT\n#!/bin/sh\necho hi\nEOT\n } }\n");
    assertThat(ps.get(0).machine().entries().get("user_data")).isInstanceOf(SecretValue.class);
    assertThat(ps.get(1).machine().entries().get("user_data")).isInstanceOf(SecretValue.class);
    String json = dev.poolform.ir.json.IrCodec.write(new dev.poolform.ir.IrConfig(1, ps));
    assertThat(json)
        .doesNotContain("hunter2")
        .doesNotContain("echo hi")
        .contains("\"user_data\": \"(sensitive)\"")
        // Not even a plain hash: that would let anyone test guesses.
        .doesNotContain("sha256:");
  }
}
