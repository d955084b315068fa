package dev.poolform.cli.e2e;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@code pool apply --auto-approve main.pool} as a real child JVM with this test's classpath, for
 * the crash tests to SIGKILL. Its output is drained; {@code started} opens at its first line (the
 * JVM has started and compiled the configuration by then), so kill delays can be measured from the
 * moment the apply begins its work rather than from the JVM's start.
 */
record ChildApply(Process process, CountDownLatch started, StringWriter output) {

  static ChildApply start(Workspace ws) throws IOException {
    return start(ws, List.of(), "apply", "--auto-approve", "main.pool");
  }

  /**
   * {@code pool ARGS} as a child JVM with this test's classpath: the JVM's options and main class
   * after {@code java}, for a caller that starts it another way (a terminal).
   */
  static List<String> jvmArguments(String... args) {
    // C1 only and the serial collector: the child lives a second or two, startup is what counts.
    List<String> cmd =
        new java.util.ArrayList<>(
            List.of(
                "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC",
                "-Xshare:auto",
                "-Xmx256m",
                "-cp",
                System.getProperty("java.class.path"),
                "dev.poolform.cli.Main"));
    cmd.addAll(List.of(args));
    return cmd;
  }

  static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  /** {@code WRAPPER... java ... pool ARGS}, output drained (see {@link #start(Workspace)}). */
  static ChildApply start(Workspace ws, List<String> wrapper, String... args) throws IOException {
    List<String> cmd = new java.util.ArrayList<>(wrapper);
    cmd.add(java());
    cmd.addAll(jvmArguments(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(ws.dir.toFile());
    pb.environment().putAll(ws.env);
    pb.redirectErrorStream(true);
    Process p = pb.start();
    CountDownLatch started = new CountDownLatch(1);
    StringWriter out = new StringWriter(); // written by the drain thread, read after it ends
    Thread t =
        new Thread(
            () -> {
              try (var r =
                  new BufferedReader(
                      new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                  started.countDown();
                  out.append(line).append('\n');
                }
              } catch (IOException e) {
                // the process was killed: its output ends here
              } finally {
                started.countDown();
              }
            },
            "child-apply-output");
    t.setDaemon(true);
    t.start();
    return new ChildApply(p, started, out);
  }

  /**
   * An apply run to its end: how many milliseconds it worked after its first line of output, so
   * that later kills can be spread over that window. Fails the test if it does not succeed.
   */
  static long measured(Workspace ws, String what) throws Exception {
    ChildApply c = start(ws);
    if (!c.started.await(120, TimeUnit.SECONDS))
      throw new AssertionError(what + ": no output within 120 s");
    long t0 = System.nanoTime();
    if (!c.process.waitFor(120, TimeUnit.SECONDS))
      throw new AssertionError(what + ": did not finish within 120 s");
    if (c.process.exitValue() != 0)
      throw new AssertionError(what + " exited " + c.process.exitValue() + ":\n" + c.output);
    return Math.max(1, (System.nanoTime() - t0) / 1_000_000);
  }

  /**
   * Starts an apply and SIGKILLs it ({@link Process#destroyForcibly()} on Linux) {@code delayMs}
   * after its first line, unless it finished first; true if it was killed.
   */
  static boolean killedAfter(Workspace ws, long delayMs) throws Exception {
    return killedAfter(ws, delayMs, "apply", "--auto-approve", "main.pool");
  }

  /** {@link #killedAfter(Workspace, long)} for {@code pool ARGS}. */
  static boolean killedAfter(Workspace ws, long delayMs, String... args) throws Exception {
    ChildApply c = start(ws, List.of(), args);
    c.started.await(120, TimeUnit.SECONDS);
    if (c.process.waitFor(delayMs, TimeUnit.MILLISECONDS)) return false;
    c.process.destroyForcibly();
    c.process.waitFor(30, TimeUnit.SECONDS);
    return true;
  }

  /** The user's recovery from a dead apply: its lock, if left, is removed with force-unlock. */
  static void forceUnlockIfLocked(Workspace ws) throws IOException {
    // A child that applied main.pool locked main.state.json; one that applied the folder (no
    // path) locked the folder's pool.state.json.
    Path file = ws.dir.resolve("main.state.json.lock");
    if (Files.exists(file)) {
      ws.expect(0, "force-unlock", lockId(file), "main.pool");
    }
    Path folder = ws.dir.resolve("pool.state.json.lock");
    if (Files.exists(folder)) ws.expect(0, "force-unlock", lockId(folder));
  }

  private static String lockId(Path lock) throws IOException {
    return new ObjectMapper().readTree(lock.toFile()).path("id").asText();
  }
}
