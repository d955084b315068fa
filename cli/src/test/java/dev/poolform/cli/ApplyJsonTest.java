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
 * Issue 12 item 4: {@code apply --json} streams the events as JSON lines on stdout, the same lines
 * {@code --events FILE} writes, and nothing else.
 */
class ApplyJsonTest {
  @TempDir Path dir;

  CliRun pool(String... args) {
    CliRun r = CliRun.run(dir, RoughEdgesTest.ENV, "", args);
    assertThat(r.hasStackTrace()).as(r.out() + r.err()).isFalse();
    return r;
  }

  @Test
  void stdoutCarriesOnlyTheEventLines() throws Exception {
    Files.writeString(dir.resolve("main.pool"), RoughEdgesTest.ONE);
    CliRun r = pool("apply", "--auto-approve", "--json", "--events", "events.jsonl");
    assertThat(r.status()).as(r.out() + r.err()).isZero();

    List<String> types = new ArrayList<>();
    for (String line : r.out().lines().toList()) {
      JsonNode e = CanonicalJson.parse(line); // every line is one JSON object
      assertThat(e.path("time").asText()).isNotEmpty();
      types.add(e.path("type").asText());
    }
    assertThat(types).contains("pool_started", "machine_launched", "pool_finished");
    assertThat(r.out()).isEqualTo(Files.readString(dir.resolve("events.jsonl")));
    assertThat(r.err()).contains("pool.web will be created").contains("Apply complete!");
  }

  @Test
  void withoutAutoApproveOrAPlanFileItRefusesToAsk() throws Exception {
    Files.writeString(dir.resolve("main.pool"), RoughEdgesTest.ONE);
    CliRun r = pool("apply", "--json");
    assertThat(r.status()).isEqualTo(2);
    assertThat(r.err()).contains("apply --json needs --auto-approve or a saved PLANFILE");
    // Its reader gets the refusal too: one line in the diagnostics shape (JsonOnErrorsTest).
    JsonNode refusal = CanonicalJson.parse(r.out());
    assertThat(refusal.path("type").asText()).isEqualTo("diagnostics");
    assertThat(refusal.path("diagnostics").get(0).path("message").asText())
        .startsWith("apply --json needs --auto-approve");

    assertThat(pool("plan", "--out", "p.plan").status()).isZero();
    CliRun saved = pool("apply", "p.plan", "--json");
    assertThat(saved.status()).as(saved.err()).isZero();
    assertThat(saved.out()).startsWith("{").contains("\"type\":\"pool_finished\"");
  }

  /**
   * {@code destroy --json} streams as {@code apply --json} does: events on stdout, text on stderr.
   */
  @Test
  void destroyStreamsTheSameEventLines() throws Exception {
    Files.writeString(dir.resolve("main.pool"), RoughEdgesTest.ONE);
    assertThat(pool("apply", "--auto-approve").status()).isZero();

    CliRun refused = pool("destroy", "--json");
    assertThat(refused.status()).isEqualTo(2);
    assertThat(CanonicalJson.parse(refused.out()).path("type").asText()).isEqualTo("diagnostics");
    assertThat(refused.err()).contains("destroy --json needs --auto-approve");

    CliRun r = pool("destroy", "--auto-approve", "--json", "--events", "events.jsonl");
    assertThat(r.status()).as(r.out() + r.err()).isZero();
    List<String> types = new ArrayList<>();
    for (String line : r.out().lines().toList()) {
      JsonNode e = CanonicalJson.parse(line);
      assertThat(e.path("address").asText()).isEqualTo("pool.web");
      types.add(e.path("type").asText());
    }
    assertThat(types).containsExactly("pool_started", "pool_finished");
    assertThat(
            CanonicalJson.parse(r.out().lines().findFirst().orElseThrow()).path("action").asText())
        .isEqualTo("delete");
    assertThat(r.out()).isEqualTo(Files.readString(dir.resolve("events.jsonl")));
    assertThat(r.err()).contains("pool.web will be destroyed").contains("Destroy complete!");

    CliRun again = pool("destroy", "--auto-approve", "--json");
    assertThat(again.status()).isZero();
    assertThat(again.out()).isEmpty();
    assertThat(again.err()).contains("Nothing to destroy");
  }
}
