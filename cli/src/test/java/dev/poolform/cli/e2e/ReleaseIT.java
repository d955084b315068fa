package dev.poolform.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.poolform.cli.CliRun;
import dev.poolform.runtime.local.LocalGroup;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 10, item 1, as a user meets it: after {@code pool state rm} the configuration never touches
 * the group again, whether the pool stays in the file or leaves it; {@code pool import} takes it
 * back; a group another configuration's lineage claims needs {@code --force}.
 */
class ReleaseIT {
  @TempDir Path dir;
  Workspace ws;

  static final String WEB =
      """
      cloud local dev { boot_time = 100ms }

      pool "web" on dev {
        capacity { min = 1  max = 3  desired = 1 }
        machine  { size = "small"  image = "u1" }
      }
      """;

  static final String HANDOFF =
      """

      pool "handoff" on dev {
        capacity { min = 1  max = 3  desired = 2 }
        machine  { size = "small"  image = "u1" }
      }
      """;

  @BeforeEach
  void setUp() throws Exception {
    ws = new Workspace(dir);
    ws.env.put("POOLFORM_POLL_INTERVAL", "50ms");
    ws.write("main.pool", WEB + HANDOFF);
    ws.expect(0, "apply", "--auto-approve");
  }

  private LocalGroup handoff() throws Exception {
    return ws.cloud("default").group("handoff").orElseThrow();
  }

  @Test
  void aRemovedPoolIsReleasedAndNeverDeleted() throws Exception {
    CliRun rm = ws.expect(0, "state", "rm", "pool.handoff");
    assertThat(rm.out())
        .contains("released its group handoff on local.dev")
        .contains("pool import pool.handoff handoff");
    assertThat(handoff().lineage()).isEmpty();
    assertThat(handoff().address()).isEmpty();

    ws.write("main.pool", WEB);
    assertThat(ws.expect(0, "plan", "--detailed-exitcode").out()).contains("No changes.");
    ws.expect(0, "apply", "--auto-approve");
    assertThat(handoff().machines()).hasSize(2);
  }

  @Test
  void aReleasedPoolStillConfiguredIsNeverAdopted() throws Exception {
    ws.expect(0, "state", "rm", "pool.handoff");
    CliRun plan = ws.expect(2, "plan", "--detailed-exitcode");
    assertThat(plan.out())
        .contains("# pool.handoff will be created")
        .contains("was released by `pool state rm pool.handoff`")
        .contains("the new group is named handoff-rXXXX")
        .doesNotContain("adopt");
    // The pool gets a group of its own; the released one keeps its name, machines and no tags.
    ws.expect(0, "apply", "--auto-approve");
    assertThat(handoff().machines()).hasSize(2);
    assertThat(handoff().lineage()).isEmpty();
    assertThat(handoff().address()).isEmpty();
    String own =
        ws.stateOf("pool.state.json")
            .path("resources")
            .path("pool.handoff")
            .path("group")
            .path("name")
            .asText();
    assertThat(own).startsWith("handoff-r");
    assertThat(ws.cloud("default").group(own).orElseThrow().address()).contains("pool.handoff");
    assertThat(ws.expect(0, "plan", "--detailed-exitcode").out()).contains("No changes.");
  }

  @Test
  void aStrayIsShownAsADeletionWithATrueReason() throws Exception {
    // A group of this lineage that no entry names: drop the entry behind Poolform's back.
    ObjectMapper json = new ObjectMapper();
    JsonNode doc = json.readTree(ws.read("pool.state.json"));
    ((ObjectNode) doc.get("resources")).remove("pool.handoff");
    ws.write("pool.state.json", json.writeValueAsString(doc));
    ws.write("main.pool", WEB);
    CliRun plan = ws.expect(2, "plan", "--detailed-exitcode");
    assertThat(plan.out())
        .contains("- pool.handoff")
        .contains("carries this state's lineage tag, but no state entry names it")
        .doesNotContain("interrupted apply (")
        .contains("Plan: 0 to create, 0 to change, 1 to destroy.");
  }

  @Test
  void importOfAGroupAnotherConfigurationClaimsNeedsForce() throws Exception {
    ws.write("other.pool", WEB.replace("\"web\"", "\"other\"") + HANDOFF.replace("handoff", "h2"));
    CliRun refused = ws.expect(1, "import", "pool.h2", "handoff", "other.pool");
    assertThat(refused.err())
        .contains("carries the tags of pool.handoff of another state")
        .contains("--force");
    CliRun forced = ws.expect(0, "import", "--force", "pool.h2", "handoff", "other.pool");
    assertThat(forced.err()).contains("warning:").contains("--force imported it anyway");
  }
}
