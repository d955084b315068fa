package dev.poolform.testing.moto;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One moto server process ({@code src/main/python/poolform_moto.py}: moto 5.2.1 plus the documented
 * extension) on a free loopback port. The Python used is the machine's {@code python3} when it can
 * import {@code moto.server}; else {@code .venv/} at the repository root, created and filled with
 * {@code moto[server]==5.2.1} on first use (that needs network access to PyPI).
 */
public final class MotoServer implements AutoCloseable {
  private static final String SCRIPT = "poolform_moto.py";
  private static MotoServer shared;
  private static Path scriptFile;

  private final Process process;
  private final URI endpoint;
  private final Path log;

  private MotoServer(Process process, URI endpoint, Path log) {
    this.process = process;
    this.endpoint = endpoint;
    this.log = log;
  }

  /** The JVM-wide server, started on first use and stopped when the JVM exits. */
  public static synchronized MotoServer shared() {
    if (shared == null || !shared.process.isAlive()) {
      shared = start();
      MotoServer s = shared;
      Runtime.getRuntime().addShutdownHook(new Thread(s::close, "moto-stop"));
    }
    return shared;
  }

  public URI endpoint() {
    return endpoint;
  }

  public int port() {
    return endpoint.getPort();
  }

  static MotoServer start() {
    try {
      String python = python();
      Path script = script();
      int port;
      try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
        port = s.getLocalPort();
      }
      Path log = Files.createTempFile("moto-", ".log");
      Process p =
          new ProcessBuilder(
                  python, script.toString(), "-H", "127.0.0.1", "-p", Integer.toString(port))
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      URI endpoint = URI.create("http://127.0.0.1:" + port);
      MotoServer server = new MotoServer(p, endpoint, log);
      Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
      while (Instant.now().isBefore(deadline)) {
        if (!p.isAlive()) {
          throw new IllegalStateException("moto exited at start:\n" + Files.readString(log));
        }
        if (server.get("/moto-api/data.json") == 200) return server;
        Thread.sleep(100);
      }
      server.close();
      throw new IllegalStateException("moto did not answer within 60 s:\n" + Files.readString(log));
    } catch (IOException e) {
      throw new IllegalStateException("could not start moto: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /**
   * Sets behaviours of the extension that take time or fail on AWS and not here by default (see
   * {@code poolform_moto.py}, item 0): {@code consistency_seconds}, {@code terminate_seconds},
   * {@code delete_seconds} (numbers) and {@code impaired_images} (a list of image ids). {@link
   * #reset} puts them back.
   */
  public void settings(Map<String, ?> values) {
    StringBuilder json = new StringBuilder("{");
    values.forEach(
        (k, v) -> {
          if (json.length() > 1) json.append(',');
          json.append('"').append(k).append("\":").append(jsonValue(v));
        });
    json.append('}');
    try {
      HttpURLConnection c =
          (HttpURLConnection) endpoint.resolve("/poolform-moto/settings").toURL().openConnection();
      c.setRequestMethod("POST");
      c.setDoOutput(true);
      c.setRequestProperty("Content-Type", "application/json");
      try (OutputStream out = c.getOutputStream()) {
        out.write(json.toString().getBytes(StandardCharsets.UTF_8));
      }
      if (c.getResponseCode() != 200)
        throw new IllegalStateException("moto settings " + json + ": HTTP " + c.getResponseCode());
      c.getInputStream().readAllBytes();
    } catch (IOException e) {
      throw new IllegalStateException("moto settings failed: " + e.getMessage(), e);
    }
  }

  private static String jsonValue(Object v) {
    if (v instanceof Number) return v.toString();
    if (v instanceof Collection<?> c) {
      StringBuilder b = new StringBuilder("[");
      for (Object x : c) {
        if (b.length() > 1) b.append(',');
        b.append(jsonValue(x));
      }
      return b.append(']').toString();
    }
    return "\"" + v.toString().replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  /**
   * Makes a CloudWatch metric alarm named {@code name} in {@code region} (or keeps the one there)
   * and sets its state ({@code OK}, {@code ALARM} or {@code INSUFFICIENT_DATA}), as CloudWatch's
   * PutMetricAlarm and SetAlarmState do. The test harness has no CloudWatch client of its own: the
   * provider never calls CloudWatch, only names alarms an instance refresh watches.
   */
  public void alarm(String region, String name, String state) {
    String put =
        "Action=PutMetricAlarm&Version=2010-08-01&AlarmName="
            + form(name)
            + "&Namespace=Poolform%2FTest&MetricName=errors&Statistic=Sum&Period=60"
            + "&EvaluationPeriods=1&Threshold=1&ComparisonOperator=GreaterThanOrEqualToThreshold";
    query(region, "monitoring", put);
    query(
        region,
        "monitoring",
        "Action=SetAlarmState&Version=2010-08-01&AlarmName="
            + form(name)
            + "&StateValue="
            + form(state)
            + "&StateReason=set+by+a+test");
  }

  private static String form(String s) {
    return java.net.URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  /** One AWS query-protocol call; moto reads the service and region from the credential scope. */
  private void query(String region, String service, String body) {
    try {
      HttpURLConnection c = (HttpURLConnection) endpoint.resolve("/").toURL().openConnection();
      c.setRequestMethod("POST");
      c.setDoOutput(true);
      c.setRequestProperty("Content-Type", "application/x-www-form-urlencoded");
      c.setRequestProperty(
          "Authorization",
          "AWS4-HMAC-SHA256 Credential=testing/20260101/"
              + region
              + "/"
              + service
              + "/aws4_request, SignedHeaders=host, Signature=0");
      try (OutputStream out = c.getOutputStream()) {
        out.write(body.getBytes(StandardCharsets.UTF_8));
      }
      if (c.getResponseCode() != 200)
        throw new IllegalStateException(
            "moto " + service + " " + body + ": HTTP " + c.getResponseCode());
      c.getInputStream().readAllBytes();
    } catch (IOException e) {
      throw new IllegalStateException("moto " + service + " call failed: " + e.getMessage(), e);
    }
  }

  /** Clean slate: every group, template and instance gone, and the extension's settings reset. */
  public void reset() {
    try {
      HttpURLConnection c =
          (HttpURLConnection) endpoint.resolve("/moto-api/reset").toURL().openConnection();
      c.setRequestMethod("POST");
      c.setDoOutput(true);
      c.getOutputStream().close();
      if (c.getResponseCode() != 200)
        throw new IllegalStateException("moto reset: HTTP " + c.getResponseCode());
      c.getInputStream().readAllBytes();
    } catch (IOException e) {
      throw new IllegalStateException("moto reset failed: " + e.getMessage(), e);
    }
  }

  private int get(String path) {
    try {
      HttpURLConnection c = (HttpURLConnection) endpoint.resolve(path).toURL().openConnection();
      c.setConnectTimeout(500);
      c.setReadTimeout(5000);
      int code = c.getResponseCode();
      (code < 400 ? c.getInputStream() : c.getErrorStream()).readAllBytes();
      return code;
    } catch (IOException e) {
      return -1;
    }
  }

  /**
   * The extended server script, shipped in this module's jar beside the class. Python needs a file:
   * it is copied out once per JVM, unless the classpath already holds it as one (a reactor build).
   */
  static synchronized Path script() throws IOException {
    if (scriptFile == null) scriptFile = locateScript();
    return scriptFile;
  }

  private static Path locateScript() throws IOException {
    URL url = MotoServer.class.getResource(SCRIPT);
    if (url == null) throw new IllegalStateException(SCRIPT + " is missing from the classpath");
    if (url.getProtocol().equals("file")) {
      try {
        return Path.of(url.toURI());
      } catch (URISyntaxException e) {
        throw new IllegalStateException(e);
      }
    }
    Path copy = Files.createTempFile("poolform_moto-", ".py");
    copy.toFile().deleteOnExit();
    try (InputStream in = url.openStream()) {
      Files.copy(in, copy, StandardCopyOption.REPLACE_EXISTING);
    }
    return copy;
  }

  /** Where a {@code .venv} with moto goes when the machine's Python lacks it. */
  static Path repoRoot() {
    String root = System.getProperty("poolform.repo.root");
    if (root != null) return Path.of(root);
    Path p = Path.of("").toAbsolutePath();
    while (p != null && !Files.exists(p.resolve("mvnw"))) p = p.getParent();
    return p == null ? Path.of("").toAbsolutePath() : p;
  }

  /** A Python that can import moto's server, creating {@code .venv} if the system one cannot. */
  static String python() throws IOException, InterruptedException {
    if (imports("python3")) return "python3";
    Path venv = repoRoot().resolve(".venv");
    String venvPython = venv.resolve("bin/python").toString();
    if (Files.exists(venv.resolve("bin/python")) && imports(venvPython)) return venvPython;
    run(List.of("python3", "-m", "venv", venv.toString()));
    run(List.of(venvPython, "-m", "pip", "install", "--quiet", "moto[server]==5.2.1"));
    if (imports(venvPython)) return venvPython;
    throw new IllegalStateException(
        "moto is needed for the AWS tests: `python3 -c 'import moto.server'` failed and installing"
            + " moto[server]==5.2.1 into "
            + venv
            + " did not work (is PyPI reachable?)");
  }

  private static boolean imports(String python) {
    try {
      Process p =
          new ProcessBuilder(python, "-c", "import moto.server").redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static void run(List<String> cmd) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (p.waitFor() != 0) throw new IOException(String.join(" ", cmd) + " failed:\n" + out);
  }

  public String logTail() {
    try {
      List<String> lines = Files.readAllLines(log);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    } catch (IOException e) {
      return "";
    }
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) process.destroyForcibly();
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
