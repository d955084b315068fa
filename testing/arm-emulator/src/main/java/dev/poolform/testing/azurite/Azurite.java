package dev.poolform.testing.azurite;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Azurite's blob service (Microsoft's storage emulator, from the npm registry) on a free loopback
 * port, in memory. It is taken from {@code AZURITE_BLOB} (the {@code azurite-blob} script), else
 * {@code .azurite/} at the repository root, installed there with npm on first use ({@code .ci/run}
 * does it ahead); without npm the tests that need it are skipped with a message.
 */
public final class Azurite implements AutoCloseable {
  /** Azurite's well-known development account and key (public, documented by Microsoft). */
  public static final String ACCOUNT = "devstoreaccount1";

  public static final String KEY =
      "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

  /** The version the tests are written against (it needs Node.js 18 or later to run). */
  public static final String VERSION = "3.37.0";

  private final Process process;
  private final int port;

  private Azurite(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  /** The blob service endpoint of the development account. */
  public String endpoint() {
    return "http://127.0.0.1:" + port + "/" + ACCOUNT;
  }

  /** Starts a fresh, empty blob service (skipping the calling test when it cannot). */
  public static Azurite start() throws Exception {
    Path script = script();
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    Path log = Files.createTempFile("azurite", ".log");
    Process p =
        new ProcessBuilder(
                "node",
                script.toString(),
                "--blobHost",
                "127.0.0.1",
                "--blobPort",
                String.valueOf(port),
                "--inMemoryPersistence",
                "--skipApiVersionCheck",
                "--loose")
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    Azurite a = new Azurite(p, port);
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    while (true) {
      try (Socket s = new Socket(java.net.InetAddress.getLoopbackAddress(), port)) {
        return a;
      } catch (IOException e) {
        if (!p.isAlive() || System.nanoTime() > end) {
          a.close();
          throw new IllegalStateException(
              "Azurite did not start on port " + port + ":\n" + Files.readString(log), e);
        }
        Thread.sleep(100);
      }
    }
  }

  private static Path script() throws Exception {
    String given = System.getenv("AZURITE_BLOB");
    if (given != null && !given.isBlank()) return Path.of(given);
    Path dir = repoRoot().resolve(".azurite");
    Path script = dir.resolve("node_modules/azurite/dist/src/blob/main.js");
    if (Files.exists(script)) return script;
    Assumptions.assumeTrue(
        onPath("npm") && onPath("node"),
        "Azurite is not installed and npm is not on the PATH: the azurerm backend tests are"
            + " skipped (install Node.js and npm, or set AZURITE_BLOB)");
    Process npm =
        new ProcessBuilder(
                "npm",
                "install",
                "--no-audit",
                "--no-fund",
                "--prefix",
                dir.toString(),
                "azurite@" + VERSION)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    boolean done = npm.waitFor(10, TimeUnit.MINUTES);
    Assumptions.assumeTrue(
        done && npm.exitValue() == 0 && Files.exists(script),
        "npm could not install azurite@" + VERSION + ": the azurerm backend tests are skipped");
    return script;
  }

  private static boolean onPath(String command) {
    String path = System.getenv("PATH");
    if (path == null) return false;
    for (String d : path.split(java.io.File.pathSeparator, -1)) {
      if (Files.isExecutable(Path.of(d, command))) return true;
    }
    return false;
  }

  private static Path repoRoot() {
    String root = System.getProperty("poolform.repo.root");
    if (root != null) return Path.of(root);
    Path p = Path.of("").toAbsolutePath();
    while (p != null && !Files.exists(p.resolve("mvnw"))) p = p.getParent();
    return p == null ? Path.of("").toAbsolutePath() : p;
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) process.destroyForcibly();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }
}
