import dev.poolform.compiler.Compilation;
import dev.poolform.compiler.CompileOptions;
import dev.poolform.compiler.Compiler;
import dev.poolform.ir.IrConfig;
import dev.poolform.provider.aws.AwsProvider;
import dev.poolform.provider.aws.connect.ClientOptions;
import dev.poolform.runtime.ApplyResult;
import dev.poolform.runtime.PlanResult;
import dev.poolform.runtime.Workspace;
import dev.poolform.runtime.WorkspaceOptions;
import dev.poolform.runtime.engine.ApplyOptions;
import dev.poolform.runtime.event.ApplyListener;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * The AWS rollout call budget (docs/BENCHMARKS.md): N pools of M machines each are created on a
 * fresh moto server (with the repository's extension), then every pool's image changes and one
 * {@code apply} rolls them all with Poolform's own engine. Counts the SDK calls of that apply (API
 * calls, not HTTP attempts) by operation and its wall time; then a no-change plan. Runs against
 * whatever jar is on the class path, so the same program measures an older build side by side.
 * Not a unit test; run by bench/aws-rollout.sh:
 *
 * <pre>java -cp JAR bench/AwsRolloutBench.java POOLS MACHINES PARALLELISM POLL_MS</pre>
 */
public final class AwsRolloutBench {
  /** SDK API calls by operation. */
  static final class Calls implements ExecutionInterceptor {
    final Map<String, AtomicInteger> byOp = new ConcurrentHashMap<>();

    @Override
    public void beforeExecution(Context.BeforeExecution c, ExecutionAttributes a) {
      String op = a.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
      byOp.computeIfAbsent(op, k -> new AtomicInteger()).incrementAndGet();
    }

    int total() {
      return byOp.values().stream().mapToInt(AtomicInteger::get).sum();
    }

    Map<String, Integer> snapshot() {
      Map<String, Integer> m = new TreeMap<>();
      byOp.forEach((k, v) -> m.put(k, v.get()));
      return m;
    }

    void reset() {
      byOp.clear();
    }
  }

  public static void main(String[] args) throws Exception {
    int pools = Integer.parseInt(args[0]);
    int machines = Integer.parseInt(args[1]);
    int parallelism = Integer.parseInt(args[2]);
    Duration poll = Duration.ofMillis(Long.parseLong(args[3]));
    Path script = Path.of(System.getProperty("moto.script"));
    Path dir = Files.createTempDirectory("aws-rollout-bench");
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    Process moto =
        new ProcessBuilder("python3", script.toString(), "-H", "127.0.0.1", "-p", "" + port)
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("moto.log").toFile())
            .start();
    try {
      URI endpoint = URI.create("http://127.0.0.1:" + port);
      awaitMoto(endpoint);
      System.setProperty("aws.accessKeyId", "testing");
      System.setProperty("aws.secretAccessKey", "testing");
      Calls calls = new Calls();
      WorkspaceOptions base = WorkspaceOptions.of(dir);
      WorkspaceOptions o =
          base.withProviders(
              base.providers().with(new AwsProvider(ClientOptions.DEFAULT.withInterceptor(calls))));
      Workspace w = Workspace.open(o);
      ApplyOptions opts =
          ApplyOptions.defaults().withParallelism(parallelism).withPollInterval(poll);

      IrConfig before = compile(dir, endpoint, pools, machines, "ami-0aaaaaaaaaaaaaaaa");
      long t0 = System.nanoTime();
      ApplyResult created = w.apply(before, opts, ApplyListener.NONE);
      long createMs = (System.nanoTime() - t0) / 1_000_000;
      require(created.ok(), "create: " + created.problems());
      int createCalls = calls.total();

      IrConfig after = compile(dir, endpoint, pools, machines, "ami-0bbbbbbbbbbbbbbbb");
      calls.reset();
      t0 = System.nanoTime();
      ApplyResult rolled = w.apply(after, opts, ApplyListener.NONE);
      long rollMs = (System.nanoTime() - t0) / 1_000_000;
      require(rolled.ok(), "rollout: " + rolled.problems());
      int rollCalls = calls.total();
      Map<String, Integer> rollBy = calls.snapshot();

      calls.reset();
      t0 = System.nanoTime();
      PlanResult again = w.plan(after);
      long planMs = (System.nanoTime() - t0) / 1_000_000;
      require(!again.plan().orElseThrow().hasChanges(), "the plan after the rollout has changes");

      int replaced = pools * machines;
      System.out.printf(
          "pools=%d machines=%d parallelism=%d poll=%dms%n", pools, machines, parallelism,
          poll.toMillis());
      System.out.printf("create:   %7d ms %6d calls%n", createMs, createCalls);
      System.out.printf(
          "rollout:  %7d ms %6d calls = %.2f per replaced machine %s%n",
          rollMs, rollCalls, rollCalls / (double) replaced, rollBy);
      System.out.printf(
          "plan:     %7d ms %6d calls (no changes) %s%n", planMs, calls.total(), calls.snapshot());
    } finally {
      moto.destroy();
    }
  }

  static IrConfig compile(Path dir, URI endpoint, int pools, int machines, String image)
      throws IOException {
    StringBuilder src =
        new StringBuilder(
            "cloud aws bench {\n  region = \"us-east-1\"\n  endpoint = \"" + endpoint + "\"\n}\n");
    for (int i = 0; i < pools; i++) {
      src.append(
          String.format(
              "pool \"r%04d\" on bench {%n"
                  + "  capacity { min = 1  max = %d  desired = %d }%n"
                  + "  machine {%n    size = \"t3.micro\"%n    image = \"%s\"%n"
                  + "    zones = [\"us-east-1a\", \"us-east-1b\"]%n  }%n}%n",
              i, 2 * machines, machines, image));
    }
    Path file = dir.resolve("main.pool");
    Files.writeString(file, src);
    Compilation c = Compiler.compile(new CompileOptions(file, Optional.of(dir), Map.of()));
    require(!c.hasErrors(), "compile: " + c.diagnostics());
    return c.ir().orElseThrow();
  }

  static void awaitMoto(URI endpoint) throws Exception {
    for (int i = 0; i < 600; i++) {
      try {
        HttpURLConnection c =
            (HttpURLConnection) endpoint.resolve("/moto-api/data.json").toURL().openConnection();
        if (c.getResponseCode() == 200) return;
      } catch (IOException e) {
        // not up yet
      }
      Thread.sleep(100);
    }
    throw new IllegalStateException("moto did not start");
  }

  static void require(boolean ok, String what) {
    if (!ok) throw new IllegalStateException(what);
  }
}
