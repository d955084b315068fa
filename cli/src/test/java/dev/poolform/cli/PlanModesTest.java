package dev.poolform.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.poolform.ir.json.CanonicalJson;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 12 item 3: {@code plan --destroy} and {@code pool show PLANFILE}, in-process. */
class PlanModesTest {
  @TempDir Path dir;

  CliRun pool(String... args) {
    CliRun r = CliRun.run(dir, RoughEdgesTest.ENV, "", args);
    assertThat(r.hasStackTrace()).as(r.out() + r.err()).isFalse();
    return r;
  }

  @Test
  void aSavedDestroyPlanIsShownAndThenAppliedWithoutAQuestion() throws Exception {
    Files.writeString(dir.resolve("main.pool"), RoughEdgesTest.ONE);
    assertThat(pool("apply", "--auto-approve").status()).isZero();

    CliRun plan = pool("plan", "--destroy", "--out", "gone.plan");
    assertThat(plan.status()).as(plan.err()).isZero();
    assertThat(plan.out())
        .contains("pool.web will be destroyed: destroy requested")
        .doesNotContain("no longer in the configuration")
        .contains("1 to destroy");

    CliRun text = pool("show", "gone.plan");
    assertThat(text.status()).as(text.err()).isZero();
    assertThat(text.out()).contains("pool.web will be destroyed").doesNotContain("State serial");
    CliRun json = pool("show", "gone.plan", "--json");
    var doc = CanonicalJson.parse(json.out());
    assertThat(doc.path("format_version").asInt()).isEqualTo(2);
    assertThat(doc.path("changes").get(0).path("action").asText()).isEqualTo("delete");

    CliRun apply = pool("apply", "gone.plan");
    assertThat(apply.status()).as(apply.out() + apply.err()).isZero();
    assertThat(pool("show").out()).contains("The state is empty");
  }

  @Test
  void showRefusesAFileThatIsNotAPlan() throws Exception {
    Files.writeString(dir.resolve("main.pool"), RoughEdgesTest.ONE);
    Files.writeString(dir.resolve("notes.txt"), "hello");
    CliRun r = pool("show", "notes.txt");
    assertThat(r.status()).isEqualTo(1);
    assertThat(r.err()).startsWith("error:");
  }
}
