package dev.poolform.cli.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * {@code pool watch --json ARGS...} as a real child JVM with this test's classpath: its JSON lines
 * are collected as they come, so a test can wait for an event, then stop it with a real SIGTERM.
 */
final class ChildWatch implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  final Process process;
  private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
  final List<String> seen = new ArrayList<>();
  private final Thread reader;

  private ChildWatch(Process process) {
    this.process = process;
    Thread t =
        new Thread(
            () -> {
              try (var r =
                  new BufferedReader(
                      new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) lines.add(line);
              } catch (IOException e) {
                // the process ended
              }
            },
            "child-watch-output");
    t.setDaemon(true);
    t.start();
    this.reader = t;
  }

  static ChildWatch start(Workspace ws, String... args) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> cmd =
        new ArrayList<>(
            List.of(
                java,
                "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC",
                "-Xmx256m",
                "-cp",
                System.getProperty("java.class.path"),
                "dev.poolform.cli.Main",
                "watch",
                "--json"));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(ws.dir.toFile());
    pb.environment().putAll(ws.env);
    pb.redirectErrorStream(true);
    return new ChildWatch(pb.start());
  }

  /** The first line (from now on) that is an event matching {@code p}; fails after the timeout. */
  JsonNode await(String what, Predicate<JsonNode> p, long seconds) throws Exception {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (System.nanoTime() < end) {
      String l = lines.poll(200, TimeUnit.MILLISECONDS);
      if (l == null) continue;
      seen.add(l);
      JsonNode n;
      try {
        n = JSON.readTree(l);
      } catch (IOException e) {
        continue;
      }
      if (n != null && n.isObject() && p.test(n)) return n;
    }
    throw new AssertionError(
        "no " + what + " within " + seconds + " s; the watch printed:\n" + String.join("\n", seen));
  }

  /** Everything the process printed so far. */
  String output() {
    lines.drainTo(seen);
    return String.join("\n", seen);
  }

  JsonNode awaitType(String type, long seconds) throws Exception {
    return await(type, n -> n.path("type").asText().equals(type), seconds);
  }

  /** Sends SIGTERM ({@link Process#destroy()} on Linux) and waits for the exit status. */
  int terminate() throws Exception {
    process.destroy();
    if (!process.waitFor(60, TimeUnit.SECONDS)) throw new AssertionError("did not stop on SIGTERM");
    reader.join(30_000); // the output ends at the process's end: read it all
    lines.drainTo(seen);
    return process.exitValue();
  }

  @Override
  public void close() {
    process.destroyForcibly();
  }
}
