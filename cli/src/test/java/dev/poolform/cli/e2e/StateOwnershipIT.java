package dev.poolform.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.poolform.cli.CliRun;
import dev.poolform.runtime.local.LocalGroup;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 10, item 2, as a user meets it: two single-file configurations in one folder (like {@code
 * examples/}) each keep their own state, so applying, planning and destroying one never touches the
 * other's pools; a state pointed at from the wrong configuration is refused; a {@code
 * pool.state.json} written by an older Poolform is found, not ignored.
 */
class StateOwnershipIT {
  @TempDir Path dir;
  Workspace ws;

  static String config(String pool) {
    return """
        cloud local dev { boot_time = 100ms }

        pool "%s" on dev {
          capacity { min = 1  max = 3  desired = 1 }
          machine  { size = "small"  image = "u1" }
        }
        """
        .formatted(pool);
  }

  @BeforeEach
  void setUp() throws Exception {
    ws = new Workspace(dir);
    ws.env.put("POOLFORM_POLL_INTERVAL", "50ms");
    ws.write("a.pool", config("alpha"));
    ws.write("b.pool", config("beta"));
  }

  private LocalGroup group(String name) throws Exception {
    return ws.cloud("default").group(name).orElseThrow();
  }

  @Test
  void twoConfigurationsInOneFolderNeverTouchEachOther() throws Exception {
    ws.expect(0, "apply", "--auto-approve", "a.pool");
    ws.expect(0, "apply", "--auto-approve", "b.pool");
    assertThat(dir.resolve("a.state.json")).exists();
    assertThat(dir.resolve("b.state.json")).exists();
    assertThat(dir.resolve("pool.state.json")).doesNotExist();
    assertThat(ws.expect(0, "plan", "--detailed-exitcode", "a.pool").out()).contains("No changes.");
    assertThat(ws.expect(0, "plan", "--detailed-exitcode", "b.pool").out()).contains("No changes.");

    ws.expect(0, "destroy", "--auto-approve", "b.pool");
    assertThat(ws.cloud("default").group("beta")).isEmpty();
    assertThat(group("alpha").machines()).hasSize(1);
    assertThat(ws.expect(0, "plan", "--detailed-exitcode", "a.pool").out()).contains("No changes.");
    assertThat(ws.expect(0, "state", "list", "a.pool").out().strip()).isEqualTo("pool.alpha");
  }

  @Test
  void aStateOfAnotherConfigurationIsRefusedNamingBothAndTheStateOption() throws Exception {
    ws.expect(0, "apply", "--auto-approve", "a.pool");
    String before = ws.read("a.state.json");
    CliRun r = ws.expect(1, "plan", "b.pool", "--state", "a.state.json");
    assertThat(r.err())
        .contains("a.state.json belongs to the configuration a.pool, not to b.pool")
        .contains("`--state`");
    ws.expect(1, "apply", "--auto-approve", "b.pool", "--state", "a.state.json");
    ws.expect(1, "destroy", "--auto-approve", "b.pool", "--state", "a.state.json");
    assertThat(ws.read("a.state.json")).isEqualTo(before);
    assertThat(group("alpha").machines()).hasSize(1);
  }

  @Test
  void aNameClashOnTheSharedLocalCloudIsAClearErrorNeverAnAdoption() throws Exception {
    ws.expect(0, "apply", "--auto-approve", "a.pool");
    ws.write("b.pool", config("alpha"));
    // The plan reads the name's group and refuses what its apply would: plan and apply agree.
    CliRun plan = ws.expect(1, "plan", "--detailed-exitcode", "b.pool");
    assertThat(plan.out()).doesNotContain("will be created").doesNotContain("adopt");
    assertThat(plan.err())
        .contains("pool.alpha")
        .contains("group named `alpha` already exists")
        .contains("`pool.alpha` of another configuration")
        .contains("`pool state rm pool.alpha`");
    CliRun apply = ws.expect(1, "apply", "--auto-approve", "b.pool");
    assertThat(apply.err())
        .contains("group named `alpha` already exists")
        .contains("`pool.alpha` of another configuration");
    assertThat(group("alpha").lineage())
        .hasValue(ws.stateOf("a.state.json").path("lineage").asText());
    // Refused at its plan, the apply wrote no state.
    assertThat(dir.resolve("b.state.json")).doesNotExist();
  }

  @Test
  void aFolderStateWrittenByAnOlderPoolformIsFoundAndTheUserToldHowToKeepIt() throws Exception {
    ws.expect(0, "apply", "--auto-approve", "a.pool");
    // What an older Poolform left: one pool.state.json for the folder, naming no configuration.
    String old = ws.read("a.state.json").replaceFirst("\\s*\"configuration\": \"a.pool\",", "");
    ws.write("pool.state.json", old.replace("\"format_version\": 4", "\"format_version\": 3"));
    Files.delete(dir.resolve("a.state.json"));
    Files.delete(dir.resolve("a.state.json.backup"));
    Files.delete(dir.resolve(".poolform/seen.json"));

    CliRun plan = ws.expect(1, "plan", "a.pool");
    assertThat(plan.err())
        .contains("pool.state.json (pool.alpha) was written by an older Poolform")
        .contains(
            "`mv " + dir.resolve("pool.state.json") + " " + dir.resolve("a.state.json") + "`");
    ws.expect(1, "apply", "--auto-approve", "b.pool");
    assertThat(ws.cloud("default").group("beta")).isEmpty();

    Files.move(dir.resolve("pool.state.json"), dir.resolve("a.state.json"));
    assertThat(ws.expect(0, "plan", "--detailed-exitcode", "a.pool").out()).contains("No changes.");
    ws.expect(0, "apply", "--auto-approve", "b.pool");
  }

  @Test
  void commandsWithoutAConfigurationAskWhichOneInAFolderOfSeveral() throws Exception {
    ws.expect(0, "apply", "--auto-approve", "a.pool");
    ws.expect(0, "apply", "--auto-approve", "b.pool");
    CliRun show = ws.expect(2, "show");
    assertThat(show.err())
        .contains("has no pool.state.json")
        .contains("a.state.json, b.state.json");
    ws.expect(2, "state", "list");
    assertThat(ws.expect(0, "show", "b.pool").out()).contains("pool.beta");
    assertThat(ws.expect(0, "state", "list", "--state", "b.state.json").out())
        .contains("pool.beta");
  }

  @Test
  void aSavedPlanAppliesToTheConfigurationItWasMadeFor() throws Exception {
    ws.expect(0, "plan", "b.pool", "--out", "b.plan");
    Path elsewhere = Files.createDirectories(dir.resolve("sub"));
    CliRun applied = CliRun.run(elsewhere, ws.env, "", "apply", dir.resolve("b.plan").toString());
    assertThat(applied.status()).as(applied.err()).isZero();
    assertThat(ws.stateOf("b.state.json").path("resources").has("pool.beta")).isTrue();
  }
}
