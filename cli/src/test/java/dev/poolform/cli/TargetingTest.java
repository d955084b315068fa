package dev.poolform.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.poolform.ir.json.CanonicalJson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12 item 2: {@code --target} and {@code --replace} on plan, apply and destroy, end to end on
 * the local cloud, in-process. The request is plan data: a saved targeted plan is applied as made.
 */
class TargetingTest {
  @TempDir Path dir;

  static String config(int desired) {
    return """
        cloud local dev {
          boot_time = 0s
        }

        pool "db" on dev {
          capacity { min = 0  max = 5  desired = %1$d }
          machine  { size = "small"  image = "ubuntu-24.04"  zones = ["a"] }
        }

        pool "web" on dev {
          capacity { min = 0  max = 5  desired = %1$d }
          machine  { size = "small"  image = "ubuntu-24.04"  zones = ["a"] }
          after    = ["db"]
        }

        pool "cache" on dev {
          capacity { min = 0  max = 5  desired = %1$d }
          machine  { size = "small"  image = "ubuntu-24.04"  zones = ["a"] }
        }
        """
        .formatted(desired);
  }

  CliRun pool(String... args) {
    CliRun r = CliRun.run(dir, RoughEdgesTest.ENV, "", args);
    assertThat(r.hasStackTrace()).as(r.out() + r.err()).isFalse();
    return r;
  }

  /** Address to action of the plan --json document. */
  List<String> actions(String... args) throws Exception {
    List<String> all = new ArrayList<>(List.of("plan", "--json"));
    all.addAll(List.of(args));
    CliRun r = pool(all.toArray(String[]::new));
    assertThat(r.status()).as(r.err()).isZero();
    List<String> out = new ArrayList<>();
    for (JsonNode c : CanonicalJson.parse(r.out()).path("changes"))
      out.add(c.path("address").asText() + " " + c.path("action").asText());
    return out;
  }

  @Test
  void aTargetPlansItAndWhatItRunsAfterWithAWarning() throws Exception {
    Files.writeString(dir.resolve("main.pool"), config(1));
    assertThat(pool("apply", "--auto-approve").status()).isZero();
    Files.writeString(dir.resolve("main.pool"), config(2));

    CliRun plan = pool("plan", "--target", "pool.web");
    assertThat(plan.status()).as(plan.err()).isZero();
    assertThat(plan.out())
        .contains("pool.web will be scaled")
        .contains("pool.db will be scaled")
        .contains("included because pool.web runs after it")
        .doesNotContain("pool.cache")
        .contains("2 to change");
    assertThat(plan.err())
        .contains("warning: --target is in effect")
        .contains("pool.web and what they run after (pool.db)");

    CliRun json = pool("plan", "--json", "--target", "pool.web");
    JsonNode doc = CanonicalJson.parse(json.out());
    assertThat(doc.path("targets").toString()).isEqualTo("[\"pool.web\"]");
    assertThat(doc.path("mode").asText()).isEqualTo("normal");

    // Saved, shown and applied as made: only db and web move; cache still owes its scale.
    assertThat(pool("plan", "--target", "pool.web", "--out", "t.plan").status()).isZero();
    assertThat(pool("show", "t.plan").out()).doesNotContain("pool.cache");
    CliRun apply = pool("apply", "t.plan");
    assertThat(apply.status()).as(apply.out() + apply.err()).isZero();
    assertThat(apply.err()).contains("warning: --target is in effect");
    assertThat(actions()).containsExactly("pool.cache scale", "pool.db noop", "pool.web noop");

    CliRun rest = pool("apply", "--auto-approve", "--target", "pool.cache");
    assertThat(rest.status()).as(rest.out() + rest.err()).isZero();
    assertThat(actions()).containsExactly("pool.cache noop", "pool.db noop", "pool.web noop");
  }

  @Test
  void aTargetThatNamesNoPoolIsAnErrorNotAnEmptyPlan() throws Exception {
    Files.writeString(dir.resolve("main.pool"), config(1));
    CliRun typo = pool("plan", "--target", "pool.wbe");
    assertThat(typo.status()).isEqualTo(1);
    assertThat(typo.err()).contains("--target pool.wbe names no pool");
    CliRun bare = pool("plan", "--target", "web");
    assertThat(bare.status()).isEqualTo(2);
    assertThat(bare.err()).contains("--target takes a pool address like pool.web, not `web`");
  }

  @Test
  void replaceMakesANewGroupForAnUnchangedSpec() throws Exception {
    Files.writeString(dir.resolve("main.pool"), config(1));
    assertThat(pool("apply", "--auto-approve").status()).isZero();
    String before = group("pool.web");

    assertThat(actions("--replace", "pool.web"))
        .containsExactly("pool.cache noop", "pool.db noop", "pool.web replace");
    CliRun plan = pool("plan", "--replace", "pool.web");
    assertThat(plan.out()).contains("replacement requested with --replace");
    CliRun apply = pool("apply", "--auto-approve", "--replace", "pool.web");
    assertThat(apply.status()).as(apply.out() + apply.err()).isZero();
    assertThat(group("pool.web")).isNotEqualTo(before);
    assertThat(pool("plan", "--detailed-exitcode").status()).isZero();

    CliRun unknown = pool("plan", "--replace", "pool.nope");
    assertThat(unknown.status()).isEqualTo(1);
    assertThat(unknown.err()).contains("--replace pool.nope names no pool of the configuration");
  }

  @Test
  void destroyWithATargetDeletesOnlyIt() throws Exception {
    Files.writeString(dir.resolve("main.pool"), config(1));
    assertThat(pool("apply", "--auto-approve").status()).isZero();
    CliRun gone = pool("destroy", "--auto-approve", "--target", "pool.cache");
    assertThat(gone.status()).as(gone.out() + gone.err()).isZero();
    assertThat(gone.out()).contains("pool.cache will be destroyed").doesNotContain("pool.web will");
    CliRun list = pool("state", "list");
    assertThat(list.out()).contains("pool.db").contains("pool.web").doesNotContain("pool.cache");
  }

  @Test
  void aSavedPlanCarriesItsOwnTargets() throws Exception {
    Files.writeString(dir.resolve("main.pool"), config(1));
    assertThat(pool("plan", "--out", "all.plan").status()).isZero();
    CliRun r = pool("apply", "all.plan", "--target", "pool.web");
    assertThat(r.status()).isEqualTo(2);
    assertThat(r.err())
        .contains("A saved plan carries its own --target, --replace and --refresh-only");
  }

  private String group(String address) throws Exception {
    CliRun r = pool("state", "show", address);
    assertThat(r.status()).as(r.err()).isZero();
    return CanonicalJson.parse(r.out()).path("group").path("name").asText();
  }
}
