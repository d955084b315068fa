package dev.poolform.runtime.event;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.poolform.ir.json.CanonicalJson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The event log: whole lines from many threads, rotation, and reading back with filters. */
class EventLogTest {
  static final Instant T0 = Instant.parse("2026-12-05T08:00:00Z");
  @TempDir Path dir;

  static ObjectNode event(int i, String address) {
    ObjectNode o = CanonicalJson.object();
    o.put("time", T0.plusSeconds(i).toString());
    o.put("type", "message");
    o.put("address", address);
    o.put("text", "step " + i);
    return o;
  }

  @Test
  void threadsAppendWholeLinesAndReadingFilters() throws Exception {
    EventLog log = new EventLog(dir);
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < 8; t++) {
      int base = t * 100;
      threads.add(
          new Thread(
              () -> {
                for (int i = 0; i < 50; i++) log.append("apply", event(base + i, "pool.p" + base));
              }));
    }
    threads.forEach(Thread::start);
    for (Thread t : threads) t.join();
    assertThat(log.failure()).isEmpty();
    List<JsonNode> all = log.read(Optional.empty(), Optional.empty());
    assertThat(all).hasSize(400).allMatch(n -> n.path("source").asText().equals("apply"));
    assertThat(log.read(Optional.empty(), Optional.of("pool.p300"))).hasSize(50);
    assertThat(log.read(Optional.of(T0.plusSeconds(740)), Optional.empty()))
        .extracting(n -> n.path("text").asText())
        .containsExactly(
            "step 740",
            "step 741",
            "step 742",
            "step 743",
            "step 744",
            "step 745",
            "step 746",
            "step 747",
            "step 748",
            "step 749");
  }

  @Test
  void rotatesAndKeepsAtMostKeepOlderFiles() throws Exception {
    EventLog log = new EventLog(dir.resolve("events"), 1_000);
    for (int i = 0; i < 200; i++) log.append("watch", event(i, "pool.web"));
    Path d = dir.resolve("events");
    assertThat(Files.exists(d.resolve("events." + EventLog.KEEP + ".jsonl"))).isTrue();
    assertThat(Files.exists(d.resolve("events." + (EventLog.KEEP + 1) + ".jsonl"))).isFalse();
    List<JsonNode> kept = log.read(Optional.empty(), Optional.empty());
    assertThat(kept).isNotEmpty().hasSizeLessThan(200);
    assertThat(kept.get(kept.size() - 1).path("text").asText()).isEqualTo("step 199");
    for (int i = 1; i < kept.size(); i++) {
      assertThat(kept.get(i).path("time").asText())
          .isGreaterThan(kept.get(i - 1).path("time").asText());
    }
  }

  @Test
  void aTornLineIsSkipped() throws Exception {
    EventLog log = new EventLog(dir);
    log.append("apply", event(1, "pool.web"));
    Files.writeString(
        log.directory().resolve("events.jsonl"),
        "{\"time\":\"2026-12-05T08:00:0",
        java.nio.file.StandardOpenOption.APPEND);
    assertThat(log.read(Optional.empty(), Optional.empty())).hasSize(1);
  }
}
