package dev.poolform.cli.workspace;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.poolform.cli.CliContext;
import dev.poolform.ir.json.CanonicalJson;
import dev.poolform.runtime.Instants;
import dev.poolform.runtime.event.ApplyListener;
import dev.poolform.runtime.event.EventLog;
import dev.poolform.runtime.event.JsonLinesEventWriter;
import dev.poolform.runtime.watch.WatchEvent;
import dev.poolform.runtime.watch.WatchEventJson;
import dev.poolform.runtime.watch.WatchListener;

/**
 * {@code pool watch}'s output and event log: one line per event (text, or JSON lines with {@code
 * --json}), the steps of its applies included, each also appended to the workspace's event log.
 */
public final class WatchOutput implements WatchListener {
  private final CliContext ctx;
  private final boolean json;
  private final EventLog log;

  public WatchOutput(CliContext ctx, boolean json, EventLog log) {
    this.ctx = ctx;
    this.json = json;
    this.log = log;
  }

  @Override
  public void on(WatchEvent e) {
    ObjectNode o = WatchEventJson.toJson(e);
    log.append("watch", o);
    if (json) {
      print(CanonicalJson.compact(o));
      return;
    }
    StringBuilder b = new StringBuilder();
    b.append(Instants.text(e.at())).append(' ').append(e.kind().text()).append(' ');
    b.append(e.message());
    if (!e.details().isEmpty()) b.append(": ").append(String.join("; ", e.details()));
    print(b.toString());
  }

  @Override
  public ApplyListener steps() {
    ApplyListener toLog = log.listener("watch");
    return e -> {
      toLog.on(e);
      ObjectNode o = JsonLinesEventWriter.toJson(e);
      if (json) {
        print(CanonicalJson.compact(o));
      } else {
        o.remove("time");
        o.remove("type");
        o.remove("address");
        print(
            Instants.text(e.at())
                + " "
                + e.type()
                + " "
                + e.address()
                + " "
                + CanonicalJson.compact(o));
      }
    };
  }

  private synchronized void print(String line) {
    ctx.out().println(line);
    ctx.out().flush();
  }
}
