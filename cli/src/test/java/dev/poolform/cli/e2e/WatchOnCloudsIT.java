package dev.poolform.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.poolform.cli.CliRun;
import dev.poolform.testing.arm.ArmEmulator;
import dev.poolform.testing.moto.FaultProxy;
import dev.poolform.testing.moto.MotoServer;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.IntSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.autoscaling.model.AutoScalingGroup;

/**
 * {@code pool watch --apply} on moto and on the ARM emulator, as a real process: per refresh it
 * makes no more cloud calls than one {@code pool plan} (counted by a loopback proxy in front of
 * moto and by the emulator's own counters), and it corrects a capacity changed outside Poolform; on
 * moto, {@code pool status} then shows AWS's scaling activities. About 40 s for both.
 */
class WatchOnCloudsIT {
  static final String REGION = "eu-west-1";
  static final String TOKEN = "watch-token";
  @TempDir Path dir;
  final HttpClient http = HttpClient.newHttpClient();

  @Test
  void watchOnMoto() throws Exception {
    MotoServer moto = MotoServer.shared();
    moto.reset();
    try (MotoClients clients = MotoClients.open(moto, REGION);
        FaultProxy proxy = new FaultProxy(moto.endpoint(), 0.0, 7)) {
      Workspace ws = new Workspace(dir);
      ws.env.put("AWS_REGION", REGION);
      // Its own home: the example's user data makes the first plan create a state key there.
      ws.env.put("HOME", dir.resolve(".home").toString());
      ws.env.put("AWS_ENDPOINT_URL", moto.endpoint().toString());
      // The child JVM finds credentials in its environment (no test system properties there).
      ws.env.put("AWS_ACCESS_KEY_ID", MotoClients.KEY);
      ws.env.put("AWS_SECRET_ACCESS_KEY", MotoClients.KEY);
      ws.write("web.pool", clients.webAsgExample(REGION));
      ws.expect(0, "apply", "--auto-approve");
      ws.env.put("AWS_ENDPOINT_URL", proxy.endpoint().toString());
      IntSupplier calls = () -> proxy.count(FaultProxy.Fault.NONE);

      int before = calls.getAsInt();
      ws.expect(0, "plan", "--detailed-exitcode");
      int plan = calls.getAsInt() - before;
      assertThat(plan).isPositive();

      AutoScalingGroup g = clients.asg().describeAutoScalingGroups().autoScalingGroups().get(0);
      assertThat(g.desiredCapacity()).isEqualTo(4);
      watchAndCorrect(
          ws,
          calls,
          plan,
          "operation=\"DescribeAutoScalingGroups\"",
          () ->
              clients
                  .asg()
                  .setDesiredCapacity(
                      b -> b.autoScalingGroupName(g.autoScalingGroupName()).desiredCapacity(6)),
          () ->
              clients
                  .asg()
                  .describeAutoScalingGroups(b -> b.autoScalingGroupNames(g.autoScalingGroupName()))
                  .autoScalingGroups()
                  .get(0)
                  .desiredCapacity());

      // pool status shows what AWS itself did: the launches the outside change caused and the
      // terminations of the watch's correction, as scaling activities, newest first.
      CliRun status = ws.pool("status", "--json");
      JsonNode events =
          new ObjectMapper().readTree(status.out()).path("pools").path(0).path("events");
      assertThat(events.toString())
          .as(status.out())
          .contains("Terminating EC2 instance: i-", "Launching a new EC2 instance: i-");
      assertThat(events.path(0).path("description").asText())
          .as("newest first: the correction's terminations")
          .startsWith("Terminating EC2 instance: i-");
      assertThat(events.path(0).path("cause").asText()).contains("shrinking the capacity");
    }
  }

  @Test
  void watchOnTheArmEmulator() throws Exception {
    try (ArmEmulator arm = AzureEmulated.start(TOKEN, 50)) {
      Workspace ws = new Workspace(dir);
      AzureEmulated.use(ws, arm, TOKEN);
      ws.env.put("HOME", dir.resolve(".home").toString());
      ws.env.put("AZURE_SUBSCRIPTION_ID", "00000000-0000-0000-0000-000000000000");
      ws.write(
          "main.pool",
          Files.readString(AzureEndToEndIT.repo().resolve("examples/azure/flexible.pool"))
              .replace("min_ready = 90s", "min_ready = 0s")
              .replace("pause = 30s", "pause = 0s"));
      ws.expect(0, "apply", "--auto-approve");
      IntSupplier calls = () -> arm.counts().values().stream().mapToInt(Integer::intValue).sum();

      int before = calls.getAsInt();
      ws.expect(0, "plan", "--detailed-exitcode");
      int plan = calls.getAsInt() - before;
      assertThat(plan).isPositive();

      watchAndCorrect(
          ws,
          calls,
          plan,
          "operation=\"GET virtualMachineScaleSets/*\"",
          () ->
              arm.outsideChange(
                  "rg-pools", "api", b -> ((ObjectNode) b.path("sku")).put("capacity", 5)),
          () -> arm.scaleSet("rg-pools", "api").orElseThrow().path("sku").path("capacity").asInt());
    }
  }

  /**
   * Starts the watch, compares its calls per refresh with a plan's and the requests its metrics
   * count with those the cloud saw, changes the capacity behind its back and waits for it to be put
   * back.
   */
  private void watchAndCorrect(
      Workspace ws,
      IntSupplier calls,
      int planCalls,
      String operation,
      Runnable drift,
      IntSupplier capacity)
      throws Exception {
    int desired = capacity.getAsInt();
    int port = freePort();
    try (ChildWatch w =
        ChildWatch.start(ws, "--interval", "500ms", "--apply", "--metrics", "127.0.0.1:" + port)) {
      w.awaitType("watch_started", 120);
      long end = System.nanoTime() + 60_000_000_000L;
      while (refreshes(port) < 1 && System.nanoTime() < end) Thread.sleep(100);
      long r1 = refreshes(port);
      int c1 = calls.getAsInt();
      double m1 = sum(port, "poolform_cloud_requests_total{");
      // At least two more refreshes (a fixed 3 s saw only one at a load average of 38).
      end = System.nanoTime() + 60_000_000_000L;
      while (refreshes(port) < r1 + 2 && System.nanoTime() < end) Thread.sleep(100);
      int c2 = calls.getAsInt();
      double m2 = sum(port, "poolform_cloud_requests_total{");
      long r2 = refreshes(port);
      assertThat(m2 - m1)
          .as("requests the metrics counted vs the %d the cloud saw", c2 - c1)
          .isCloseTo(c2 - c1, org.assertj.core.data.Offset.offset((double) planCalls));
      assertThat(scrape(port)).contains(operation);
      assertThat(r2 - r1)
          .as("refreshes within 60 s; the watch printed:\n%s", w.output())
          .isGreaterThanOrEqualTo(2);
      // A refresh may be under way at either reading: allow one more than counted.
      assertThat((double) (c2 - c1) / (r2 - r1 + 1))
          .as("cloud calls per refresh (a plan makes %d)", planCalls)
          .isLessThanOrEqualTo(planCalls);

      drift.run();
      assertThat(w.awaitType("drift_found", 60).path("details").toString())
          .contains("capacity.desired");
      assertThat(w.awaitType("apply_finished", 120).path("message").asText())
          .isEqualTo("corrected 1 pool(s)");
      assertThat(capacity.getAsInt()).isEqualTo(desired);
      assertThat(w.terminate()).isEqualTo(0);
    }
  }

  private String scrape(int port) throws Exception {
    try {
      return http.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).build(),
              HttpResponse.BodyHandlers.ofString())
          .body();
    } catch (IOException e) {
      return "";
    }
  }

  /** The sum of the samples whose line starts with {@code prefix}. */
  private double sum(int port, String prefix) throws Exception {
    double total = 0;
    for (String line : scrape(port).lines().toList()) {
      if (line.startsWith(prefix)) {
        total += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1).strip());
      }
    }
    return total;
  }

  private long refreshes(int port) throws Exception {
    String text = scrape(port);
    for (String line : text.lines().toList()) {
      if (line.startsWith("poolform_refresh_duration_seconds_count ")) {
        return (long) Double.parseDouble(line.substring(line.indexOf(' ') + 1).strip());
      }
    }
    return 0;
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
