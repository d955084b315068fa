package dev.poolform.cli.metrics;

import dev.poolform.cli.UsageException;
import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import java.io.IOException;

/**
 * {@code --metrics HOST:PORT}: serves {@code /metrics} through the client's own HTTP server. Port 0
 * picks a free port (printed at start). Binding loopback only is the default a user gets by writing
 * {@code 127.0.0.1:9464}; any address they name is used as given.
 */
public final class MetricsServer implements AutoCloseable {
  private final HTTPServer server;
  private final FleetMetrics metrics;
  private final String host;

  private MetricsServer(HTTPServer server, FleetMetrics metrics, String host) {
    this.server = server;
    this.metrics = metrics;
    this.host = host;
  }

  public static MetricsServer start(String address, FleetMetrics metrics) {
    int colon = address.lastIndexOf(':');
    if (colon <= 0 || colon == address.length() - 1) {
      throw new UsageException(
          "--metrics takes HOST:PORT, e.g. 127.0.0.1:9464, not `" + address + "`.");
    }
    String host = address.substring(0, colon);
    if (host.startsWith("[") && host.endsWith("]")) host = host.substring(1, host.length() - 1);
    int port;
    try {
      port = Integer.parseInt(address.substring(colon + 1));
    } catch (NumberFormatException e) {
      throw new UsageException("--metrics: `" + address.substring(colon + 1) + "` is not a port.");
    }
    if (port < 0 || port > 65535) throw new UsageException("--metrics: no port " + port + ".");
    try {
      HTTPServer server =
          HTTPServer.builder()
              .hostname(host)
              .port(port)
              .registry(metrics.registry())
              .buildAndStart();
      return new MetricsServer(server, metrics, address.substring(0, colon));
    } catch (IOException | RuntimeException e) {
      throw new UsageException("Cannot serve metrics on " + address + ": " + e.getMessage() + ".");
    }
  }

  public int port() {
    return server.getPort();
  }

  /** Where the series are, with the port the server got (port 0 picks one). */
  public String url() {
    return "http://" + host + ":" + port() + "/metrics";
  }

  /** The series this server serves. */
  public FleetMetrics metrics() {
    return metrics;
  }

  @Override
  public void close() {
    server.close();
  }
}
