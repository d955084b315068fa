package dev.poolform.cli.view;

import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Map;

/** Progress as plain lines with a UTC timestamp; repeats of the same step are not printed. */
final class LineProgress implements Progress {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);

  private final PrintWriter out;
  private final Clock clock;
  private final Map<String, String> last = new HashMap<>();

  LineProgress(PrintWriter out, Clock clock) {
    this.out = out;
    this.clock = clock;
  }

  private void line(String text) {
    out.println("[" + TIME.format(clock.instant()) + "] " + text);
    out.flush();
  }

  @Override
  public synchronized void started(String address, String action) {
    line(address + ": " + action + " started");
  }

  @Override
  public synchronized void step(String address, long done, long total, String detail) {
    String text =
        address
            + ": "
            + done
            + "/"
            + total
            + " machines updated"
            + (detail.isEmpty() ? "" : ", " + detail);
    if (text.equals(last.put(address, text))) return;
    line(text);
  }

  @Override
  public synchronized void finished(
      String address, String action, boolean ok, String error, Duration took) {
    last.remove(address);
    line(
        address
            + ": "
            + action
            + (ok ? " complete after " : " FAILED after ")
            + Progress.format(took)
            + (ok || error.isEmpty() ? "" : ": " + error));
  }

  @Override
  public synchronized void note(String message) {
    line(message);
  }

  @Override
  public void close() {
    out.flush();
  }
}
