package dev.poolform.runtime.event;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.poolform.ir.json.CanonicalJson;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * {@code --events FILE}: one JSON object per line, flushed per event so a follower sees each step
 * as it happens. Fields: {@code time} (ISO-8601), {@code type}, {@code address}, then the event's
 * own ({@code action}, {@code message}, {@code attribute}, {@code reason}, {@code machine_id},
 * {@code spec_hash}, {@code why}, {@code started}, {@code updated}, {@code old}, {@code available},
 * {@code desired}, {@code booting}, {@code percent}, {@code text}).
 */
public final class JsonLinesEventWriter implements ApplyListener, AutoCloseable {
  private final Writer out;
  private IOException failure;

  public JsonLinesEventWriter(Writer out) {
    this.out = out;
  }

  public static JsonLinesEventWriter open(Path file) throws IOException {
    return new JsonLinesEventWriter(
        Files.newBufferedWriter(
            file,
            StandardCharsets.UTF_8,
            StandardOpenOption.CREATE,
            StandardOpenOption.TRUNCATE_EXISTING,
            StandardOpenOption.WRITE));
  }

  @Override
  public synchronized void on(ApplyEvent e) {
    if (failure != null) return;
    try {
      out.write(CanonicalJson.compact(toJson(e)));
      out.write('\n');
      out.flush();
    } catch (IOException ex) {
      failure = ex;
    }
  }

  /** The first write error, if any (events are best effort; the apply does not stop for them). */
  public synchronized java.util.Optional<IOException> failure() {
    return java.util.Optional.ofNullable(failure);
  }

  public static ObjectNode toJson(ApplyEvent e) {
    ObjectNode o = CanonicalJson.object();
    o.put("time", e.at().toString());
    o.put("type", e.type());
    o.put("address", e.address());
    if (e instanceof ApplyEvent.PoolStarted s) o.put("action", s.action());
    if (e instanceof ApplyEvent.PoolFinished s) o.put("action", s.action());
    if (e instanceof ApplyEvent.PoolFailed f) {
      o.put("action", f.action());
      o.put("message", f.message());
      f.attribute().ifPresent(a -> o.put("attribute", a));
    }
    if (e instanceof ApplyEvent.PoolInterrupted s) {
      o.put("action", s.action());
      o.put("started", s.started());
    }
    if (e instanceof ApplyEvent.PoolSkipped s) {
      o.put("action", s.action());
      o.put("reason", s.reason());
    }
    if (e instanceof ApplyEvent.MachineLaunched m) {
      o.put("machine_id", m.machineId());
      o.put("spec_hash", m.specHash());
    }
    if (e instanceof ApplyEvent.MachineRetired m) {
      o.put("machine_id", m.machineId());
      o.put("why", m.why());
      o.put("available", m.available());
    }
    if (e instanceof ApplyEvent.CapacityProgress p) {
      o.put("available", p.available());
      o.put("desired", p.desired());
      o.put("booting", p.booting());
    }
    if (e instanceof ApplyEvent.RolloutProgress p) {
      o.put("updated", p.updated());
      o.put("old", p.old());
      o.put("available", p.available());
      o.put("desired", p.desired());
      o.put("percent", p.percent());
      o.put("engine", p.cloud() ? "cloud" : "poolform");
    }
    if (e instanceof ApplyEvent.Message m) o.put("text", m.text());
    return o;
  }

  @Override
  public synchronized void close() throws IOException {
    out.close();
  }
}
