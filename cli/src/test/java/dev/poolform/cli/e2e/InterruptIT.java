package dev.poolform.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.poolform.cli.CliRun;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ctrl-C and SIGTERM during {@code pool apply} (issue 10 item 8), with real processes and real
 * signals: the CLI runs as a child JVM and gets its signal from {@code kill}, or from a terminal's
 * Ctrl-C under tmux and under {@code script}. The first signal says "Interrupt received: finishing
 * the current step", lets the step end, writes state, releases the lock and exits 130, the work
 * left owed; a second one stops at once. Each test then recovers the way a user would and checks
 * that the next apply converges with nothing duplicated.
 *
 * <p>Cost: one child JVM per test (a few seconds each under load).
 */
class InterruptIT {
  @TempDir Path dir;
  Workspace ws;

  /** Machines take seconds to boot, so a signal finds the apply waiting on them. */
  static String config(String cloudExtra) {
    return """
        cloud local dev {
          boot_time = 6s
        %s}

        pool "db" on dev {
          capacity { min = 0  max = 3  desired = 2 }
          machine  { size = "small"  image = "ubuntu-24.04" }
        }

        pool "web" on dev {
          capacity { min = 0  max = 3  desired = 1 }
          machine  { size = "small"  image = "ubuntu-24.04" }
          after    = ["db"]
        }
        """
        .formatted(cloudExtra);
  }

  @BeforeEach
  void setUp() throws IOException {
    ws = new Workspace(dir);
    ws.env.put("POOLFORM_POLL_INTERVAL", "100ms");
    ws.write("main.pool", config(""));
  }

  /** Without a terminal (CI): SIGTERM, as a CI runner sends when a job is cancelled. */
  @Test
  void sigtermWithoutATerminalFinishesTheStepSavesStateReleasesTheLockAndExits130()
      throws Exception {
    stopsGracefullyOn("TERM");
  }

  /** Without a terminal: SIGINT, as {@code kill -INT} or a process supervisor sends. */
  @Test
  void sigintWithoutATerminalDoesTheSame() throws Exception {
    stopsGracefullyOn("INT");
  }

  private void stopsGracefullyOn(String signal) throws Exception {
    ChildApply c = startApply();
    awaitOutput(c, "pool.db: 0/2 ready");
    signal(c, signal);
    int status = exit(c);
    String out = c.output().toString();
    assertThat(status).as(out).isEqualTo(130);
    assertGracefulStop(out);
    recoverAndConverge();
  }

  /**
   * A second signal stops at once, even in the middle of a slow cloud call: the state keeps the
   * call's intent and the lock is released, and the next apply recovers as after a kill.
   */
  @Test
  void aSecondSignalStopsAtOnce() throws Exception {
    ws.write("main.pool", config("  api_latency = 3s\n"));
    ChildApply c = startApply();
    awaitOutput(c, "pool.db: create started");
    Thread.sleep(300); // inside the 3 s create call
    signal(c, "INT");
    awaitOutput(c, "Interrupt received");
    Thread.sleep(200);
    long t0 = System.nanoTime();
    signal(c, "INT");
    int status = exit(c);
    long tookMs = (System.nanoTime() - t0) / 1_000_000;
    String out = c.output().toString();
    assertThat(status).as(out).isEqualTo(130);
    assertThat(tookMs).as("stopped without waiting for the 3 s call: %s", out).isLessThan(2000);
    assertThat(out).contains("Second interrupt: stopping at once");
    assertThat(dir.resolve("pool.state.json.lock")).doesNotExist();
    JsonNode state = ws.state();
    assertThat(state.path("pending")).as("the create call in flight").hasSize(1);
    ws.write("main.pool", config(""));
    recoverAndConverge();
  }

  /** Under tmux, a real terminal: Ctrl-C typed into the pane. */
  @Test
  void ctrlCInTmux() throws Exception {
    assumeTrue(onPath("tmux"), "tmux is not installed: the terminal test under tmux is skipped");
    String socket = "poolform-test-" + ProcessHandle.current().pid() + "-" + System.nanoTime();
    // The pane stays after the CLI ends (the script sleeps), so its screen can be read.
    Path script = terminalScript("sleep 60\n");
    try {
      run(
          "tmux",
          "-L",
          socket,
          "-f",
          "/dev/null",
          "new-session",
          "-d",
          "-x",
          "160",
          "-y",
          "50",
          shellFor(script));
      Supplier<String> screen =
          () -> {
            try {
              return run("tmux", "-L", socket, "capture-pane", "-p", "-S", "-200");
            } catch (Exception e) {
              return "";
            }
          };
      awaitText(screen, "pool.db create");
      run("tmux", "-L", socket, "send-keys", "C-c");
      Path rc = dir.resolve("rc");
      awaitText(() -> Files.exists(rc) ? "done" : "", "done");
      String pane = screen.get();
      assertThat(Files.readString(rc).strip()).as(pane).isEqualTo("130");
      assertThat(pane).contains("Interrupt received: finishing the current step");
      assertThat(pane).contains("pool.db: create interrupted");
      assertThat(dir.resolve("pool.state.json.lock")).doesNotExist();
    } finally {
      new ProcessBuilder("tmux", "-L", socket, "kill-server").start().waitFor(10, TimeUnit.SECONDS);
    }
    recoverAndConverge();
  }

  /** Under a plain pseudo-terminal ({@code script}): Ctrl-C is the byte 0x03 typed into it. */
  @Test
  void ctrlCInAPlainTerminal() throws Exception {
    assumeTrue(onPath("script"), "script (util-linux) is not installed: skipped");
    Path script = terminalScript("");
    Process p =
        new ProcessBuilder("script", "-q", "-e", "-c", shellFor(script), "/dev/null")
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .start();
    StringBuilder seen = new StringBuilder();
    Thread drain =
        new Thread(
            () -> {
              try (var in = p.getInputStream()) {
                byte[] b = new byte[4096];
                for (int n; (n = in.read(b)) > 0; ) {
                  synchronized (seen) {
                    seen.append(new String(b, 0, n, StandardCharsets.UTF_8));
                  }
                }
              } catch (IOException e) {
                // ended
              }
            });
    drain.setDaemon(true);
    drain.start();
    Supplier<String> screen =
        () -> {
          synchronized (seen) {
            return seen.toString();
          }
        };
    awaitText(screen, "pool.db create");
    p.getOutputStream().write(3); // Ctrl-C
    p.getOutputStream().flush();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).as(screen.get()).isTrue();
    assertThat(Files.readString(dir.resolve("rc")).strip()).as(screen.get()).isEqualTo("130");
    assertThat(screen.get()).contains("Interrupt received: finishing the current step");
    assertThat(dir.resolve("pool.state.json.lock")).doesNotExist();
    recoverAndConverge();
  }

  /**
   * A script that runs the CLI in the foreground of a terminal and records its exit status. Its INT
   * trap is a handler, not "ignore", so the child JVM starts with SIGINT at its default, as from an
   * interactive shell; bash waits for the child, then goes on to write the status.
   */
  private Path terminalScript(String after) throws IOException {
    Path args = dir.resolve("java.args");
    List<String> lines = new ArrayList<>();
    for (String a : ChildApply.jvmArguments("apply", "--auto-approve"))
      lines.add("\"" + a.replace("\\", "\\\\").replace("\"", "\\\"") + "\"");
    Files.write(args, lines);
    StringBuilder env = new StringBuilder();
    ws.env.forEach((k, v) -> env.append("export ").append(k).append("='").append(v).append("'\n"));
    return ws.write(
        "run.sh",
        "cd '"
            + dir
            + "'\n"
            + env
            + "trap 'true' INT\n'"
            + ChildApply.java()
            + "' @'"
            + args
            + "'\necho $? > '"
            + dir.resolve("rc")
            + "'\n"
            + after);
  }

  private ChildApply startApply() throws IOException {
    // A JVM started with SIGINT ignored (a background job of a non-interactive shell) could not
    // see it: start the child with the default, as a terminal's foreground process has.
    return ChildApply.start(ws, List.of("env", "--default-signal=INT"), "apply", "--auto-approve");
  }

  /** The first signal's promises, checked on the files. */
  private void assertGracefulStop(String out) throws Exception {
    assertThat(out)
        .contains("Interrupt received: finishing the current step")
        .contains("pool.db: create interrupted")
        .contains("pool.web: not started")
        .contains("Apply interrupted")
        .doesNotContain("Apply complete");
    assertThat(dir.resolve("pool.state.json.lock")).as("lock released").doesNotExist();
    JsonNode state = ws.state();
    assertThat(state.path("pending")).as("no call left in flight").isEmpty();
    JsonNode owed = state.path("resources").path("pool.db").path("owed");
    assertThat(owed.path("step").asText()).isEqualTo("create");
    assertThat(owed.path("failure").asText()).isEqualTo("the apply was interrupted");
    assertThat(state.path("resources").has("pool.web")).isFalse();
  }

  /** What a user does next: plan (shows the owed create), apply with fast machines, plan empty. */
  private void recoverAndConverge() throws Exception {
    ws.write("main.pool", config("").replace("boot_time = 6s", "boot_time = 200ms"));
    CliRun plan = ws.pool("plan");
    assertThat(plan.out() + plan.err()).doesNotContain("\tat ");
    ws.expect(0, "apply", "--auto-approve");
    ws.expect(0, "plan", "--detailed-exitcode");
    assertThat(ws.groups()).containsOnlyKeys("default/db", "default/web");
    assertThat(ws.state().path("pending")).isEmpty();
  }

  private static void signal(ChildApply c, String name) throws Exception {
    run("kill", "-" + name, Long.toString(c.process().pid()));
  }

  private static int exit(ChildApply c) throws InterruptedException {
    assertThat(c.process().waitFor(60, TimeUnit.SECONDS)).as("exited:\n%s", c.output()).isTrue();
    Thread.sleep(100); // the drain thread reads the last lines
    return c.process().exitValue();
  }

  private static void awaitOutput(ChildApply c, String text) throws Exception {
    awaitText(() -> c.output().toString(), text);
  }

  private static void awaitText(Supplier<String> source, String text) throws Exception {
    long end = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    while (!source.get().contains(text)) {
      if (System.nanoTime() > end)
        throw new AssertionError("never saw `" + text + "` in:\n" + source.get());
      Thread.sleep(50);
    }
  }

  /**
   * The command that runs {@code script} in the terminal, with SIGINT at its default. A test JVM
   * started as a background job of a non-interactive shell ({@code nohup mvn ... &}) has SIGINT
   * ignored, every child inherits that, and bash cannot trap a signal ignored when it started: the
   * CLI would never see Ctrl-C. {@code env --default-signal} undoes it; without that option the
   * test is skipped, saying why, rather than failing for a reason that is not the CLI's.
   */
  private static String shellFor(Path script) {
    if (succeeds("env --default-signal=INT true")) {
      return "exec env --default-signal=INT bash " + script;
    }
    assumeTrue(
        !sigintIgnored(),
        "SIGINT is ignored in this test JVM (it was started as a background job of a"
            + " non-interactive shell) and this `env` cannot reset it: a terminal Ctrl-C test"
            + " cannot work here; run the build in the foreground.");
    return "exec bash " + script;
  }

  /** Whether this process ignores SIGINT (bit 2 of SigIgn in /proc/self/status). */
  private static boolean sigintIgnored() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("SigIgn:")) {
          return (Long.parseUnsignedLong(line.substring(7).strip(), 16) & 0b10) != 0;
        }
      }
    } catch (IOException | NumberFormatException e) {
      // not Linux: nothing known
    }
    return false;
  }

  private static boolean onPath(String tool) {
    return succeeds("command -v " + tool);
  }

  private static boolean succeeds(String shellCommand) {
    try {
      return new ProcessBuilder("sh", "-c", shellCommand)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start()
              .waitFor()
          == 0;
    } catch (IOException | InterruptedException e) {
      return false;
    }
  }

  /** Runs a command to its end and returns its output; fails the test if it fails. */
  private static String run(String... cmd) throws Exception {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as("%s: %s", String.join(" ", cmd), out).isZero();
    return out;
  }
}
