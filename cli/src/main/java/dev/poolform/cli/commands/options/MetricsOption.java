package dev.poolform.cli.commands.options;

import dev.poolform.cli.CliContext;
import dev.poolform.cli.metrics.FleetMetrics;
import dev.poolform.cli.metrics.MetricsServer;
import java.util.Optional;
import java.util.function.Supplier;
import picocli.CommandLine.Option;

/** {@code --metrics HOST:PORT} of {@code pool watch} and {@code pool apply}. */
public final class MetricsOption {
  @Option(
      names = "--metrics",
      paramLabel = "HOST:PORT",
      description =
          "Serve Prometheus metrics on http://HOST:PORT/metrics while the command runs, e.g."
              + " 127.0.0.1:9464 (port 0: a free port, printed).")
  String address;

  /** Starts serving {@code metrics} when {@code --metrics} was given, and says where. */
  public Optional<MetricsServer> start(CliContext ctx, Supplier<FleetMetrics> metrics) {
    if (address == null) return Optional.empty();
    MetricsServer server = MetricsServer.start(address, metrics.get());
    synchronized (ctx.err()) {
      ctx.err().println("Serving Prometheus metrics on " + server.url());
      ctx.err().flush();
    }
    return Optional.of(server);
  }
}
