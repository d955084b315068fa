package dev.poolform.compiler.spec;

import static dev.poolform.compiler.spec.Spec.CLOUDS;
import static dev.poolform.compiler.spec.Spec.compile;
import static dev.poolform.compiler.spec.Spec.expect;
import static dev.poolform.compiler.spec.Spec.expectOnly;
import static dev.poolform.compiler.spec.Spec.ok;
import static dev.poolform.compiler.spec.Spec.pool;
import static org.assertj.core.api.Assertions.assertThat;

import dev.poolform.compiler.Compilation;
import dev.poolform.compiler.diag.Code;
import dev.poolform.compiler.diag.Diagnostic;
import org.junit.jupiter.api.Test;

/** E0302–E0304, E0401–E0407, W0502 and the checks across pools. */
class CheckSpecTest {
  @Test
  void e0302UnknownAttributeWithSuggestion() {
    Diagnostic d =
        expectOnly(CLOUDS + pool("web", "dev", "rollout { max_surg = 2 }"), Code.E0302, "max_surg");
    assertThat(d.help()).contains("Did you mean `max_surge`?");
    expectOnly(CLOUDS + pool("web", "dev", "helth { }"), Code.E0302, "helth");
    expectOnly(CLOUDS + pool("web", "prod", "").replace("subnets", "subnet"), Code.E0302, "subnet");
  }

  @Test
  void e0302MachineAttributesDependOnTheCloud() {
    expectOnly(
        CLOUDS
            + pool("web", "dev", "")
                .replace("image = \"ubuntu\"", "image = \"u\" orchestration = \"uniform\""),
        Code.E0302,
        "orchestration");
    ok(CLOUDS + pool("web", "weu", "").replace("latest\"", "latest\" orchestration = \"uniform\""));
  }

  @Test
  void e0303MissingRequired() {
    String src =
        CLOUDS
            + "pool \"web\" on dev {\n  capacity { min = 1 }\n  machine { size = \"s\" image = \"i\" }\n}\n";
    Diagnostic d = expectOnly(src, Code.E0303, "capacity");
    assertThat(d.message()).contains("`max`");
    String noMachine = CLOUDS + "pool \"web\" on dev {\n  capacity { min = 1 max = 2 }\n}\n";
    expectOnly(noMachine, Code.E0303, "\"web\"");
    expectOnly("cloud aws prod {}\n", Code.E0303, "prod");
  }

  @Test
  void e0303AwsNeedsSubnetsOrZones() {
    expectOnly(
        CLOUDS + pool("web", "prod", "").replace("subnets = [\"subnet-a\"]", ""),
        Code.E0303,
        "machine");
    ok(
        CLOUDS
            + pool("web", "prod", "")
                .replace("subnets = [\"subnet-a\"]", "zones = [\"eu-west-1a\"]"));
  }

  @Test
  void e0304BlockTwice() {
    expectOnly(CLOUDS + pool("web", "dev", "rollout { } rollout { }"), Code.E0304, "rollout", 2);
  }

  @Test
  void e0401RangeAndSet() {
    expectOnly(
        CLOUDS + pool("web", "dev", "").replace("min = 1", "min = -1"), Code.E0401, "-1 max");
    Diagnostic d =
        expectOnly(
            CLOUDS + pool("web", "dev", "rollout { engine = \"clod\" }"), Code.E0401, "\"clod\"");
    assertThat(d.help()).contains("Did you mean `cloud`?");
    expectOnly(CLOUDS + pool("web", "dev", "health { max_unhealthy = 120% }"), Code.E0401, "120%");
    expectOnly(CLOUDS + "cloud local sim { fail_rate = 1.5 }\n", Code.E0401, "1.5");
    expectOnly("cloud aws eu { region = \"Ireland\" }\n", Code.E0401, "\"Ireland\"");
    expectOnly("cloud gcp g {}\n", Code.E0401, "gcp");
  }

  @Test
  void e0402CapacityPointsAtTheBreakingAttribute() {
    String src =
        CLOUDS
            + "pool \"web\" on dev {\n  capacity { min = 2 max = 5 desired = 9 }\n"
            + "  machine { size = \"s\" image = \"i\" }\n}\n";
    Diagnostic d = expectOnly(src, Code.E0402, "9");
    assertThat(d.notes()).hasSize(1);
    assertThat(d.notes().get(0).span().column()).isEqualTo(pos(src, "5"));
    expectOnly(src.replace("desired = 9", "desired = 1"), Code.E0402, "1 }");
    expectOnly(src.replace("min = 2 max = 5 desired = 9", "min = 6 max = 5"), Code.E0402, "6");
  }

  private static int pos(String src, String marker) {
    String p = Spec.pos(src, marker, 1);
    return Integer.parseInt(p.substring(p.indexOf(':') + 1));
  }

  @Test
  void e0403RolloutWithoutProgress() {
    Diagnostic d =
        expectOnly(
            CLOUDS + pool("web", "dev", "rollout { max_surge = 0  max_unavailable = 0% }"),
            Code.E0403,
            "0  max");
    assertThat(d.notes()).hasSize(1);
    expectOnly(CLOUDS + pool("web", "dev", "rollout { max_surge = 0 }"), Code.E0403, "0 }");
  }

  @Test
  void e0404PoolNamePerCloud() {
    expectOnly(CLOUDS + pool("Web_1", "dev", ""), Code.E0404, "\"Web_1\"");
    expectOnly(CLOUDS + pool("web:1", "prod", ""), Code.E0404, "\"web:1\"");
    expectOnly(CLOUDS + pool("-web", "weu", ""), Code.E0404, "\"-web\"");
    ok(CLOUDS + pool("Web_1", "weu", ""));
    String loop =
        CLOUDS
            + "for n in [\"ok\", \"Not_OK\"] {\n  pool n on dev { capacity { min = 1 max = 2 }"
            + " machine { size = \"s\" image = \"i\" } }\n}\n";
    Diagnostic d = expectOnly(loop, Code.E0404, "n on");
    assertThat(d.message()).contains("Not_OK");
  }

  @Test
  void e0405Image() {
    expectOnly(
        CLOUDS + pool("web", "prod", "").replace("ami-0abcdef1234567890", "ami-xyz"),
        Code.E0405,
        "\"ami-xyz\"");
    expectOnly(
        CLOUDS + pool("web", "weu", "").replace("Canonical:ubuntu:24_04-lts:latest", "ubuntu"),
        Code.E0405,
        "\"ubuntu\"");
  }

  @Test
  void e0406Zone() {
    expectOnly(
        CLOUDS + pool("web", "weu", "").replace("latest\"", "latest\" zones = [\"1\", \"4\"]"),
        Code.E0406,
        "[\"1\"");
    expectOnly(
        CLOUDS
            + pool("web", "prod", "")
                .replace("subnets = [\"subnet-a\"]", "zones = [\"us-east-1a\"]"),
        Code.E0406,
        "[\"us-east-1a\"]");
  }

  @Test
  void e0407AndW0502RolloutMappingOnAws() {
    String src =
        CLOUDS
            + pool(
                "web",
                "prod",
                "rollout { engine = \"cloud\" max_surge = 60% max_unavailable = 50% }");
    expectOnly(src, Code.E0407, "60%");
    String approx = CLOUDS + pool("web", "prod", "rollout { engine = \"cloud\" pause = 1m }");
    Compilation c = ok(approx);
    Diagnostic w = expect(approx, Code.W0502, "1m");
    assertThat(w.message()).contains("checkpoint");
    assertThat(c.diagnostics()).extracting(Diagnostic::code).contains(Code.W0502);
  }

  @Test
  void e0407AndW0502RolloutMappingOnAzure() {
    String src =
        CLOUDS
            + pool(
                    "web",
                    "weu",
                    "capacity { min = 1 max = 100 desired = 100 }"
                        + " rollout { engine = \"cloud\" max_surge = 0 max_unavailable = 1 }")
                .replace("capacity { min = 1 max = 5 }", "");
    expectOnly(src, Code.E0407, "1 }");
    String approx =
        CLOUDS
            + pool(
                "web",
                "weu",
                "rollout { engine = \"cloud\" max_surge = 20% max_unavailable = 10% }");
    Diagnostic w = expect(approx, Code.W0502, "10%");
    assertThat(w.message()).contains("not used");
    assertThat(compile(approx).hasErrors()).isFalse();
  }

  @Test
  void poolfromEngineNeedsNoMapping() {
    Compilation c =
        ok(
            CLOUDS
                + pool(
                    "web", "weu", "rollout { max_surge = 60% max_unavailable = 50% pause = 1m }"));
    assertThat(c.diagnostics()).isEmpty();
  }

  @Test
  void afterUnknownPoolIsE0201AndCyclesAreE0205() {
    String unknown = CLOUDS + pool("web", "dev", "after = [\"db\"]") + pool("dbs", "dev", "");
    Diagnostic d = expectOnly(unknown, Code.E0201, "[\"db\"]");
    assertThat(d.help()).contains("Did you mean `dbs`?");
    String cycle =
        CLOUDS + pool("a", "dev", "after = [\"b\"]") + pool("b", "dev", "after = [\"pool.a\"]");
    Diagnostic c = expectOnly(cycle, Code.E0205, "[\"b\"]");
    assertThat(c.notes()).hasSize(1);
    ok(CLOUDS + pool("a", "dev", "after = [\"b\"]") + pool("b", "dev", ""));
  }

  @Test
  void labelsCannotHoldSecrets() {
    expectOnly(
        CLOUDS + pool("web", "dev", "labels = { a = secret(\"x\") }"), Code.E0301, "{ a = secret");
  }

  @Test
  void e0401LabelsMustBeValidTags() {
    expectOnly(
        CLOUDS + pool("web", "prod", "labels = { \"aws:x\" = \"1\" }"), Code.E0401, "{ \"aws:x\"");
    expectOnly(
        CLOUDS + pool("web", "weu", "labels = { \"a/b\" = \"1\" }"), Code.E0401, "{ \"a/b\"");
    expectOnly(
        CLOUDS + pool("web", "dev", "labels = { \"poolform:address\" = \"1\" }"),
        Code.E0401,
        "{ \"poolform");
    ok(CLOUDS + pool("web", "dev", "labels = { \"a/b\" = \"1\" }"));
  }
}
