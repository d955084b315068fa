package dev.poolform.cli.metrics;

import dev.poolform.cli.UsageException;
import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;

/**
 * {@code --metrics HOST:PORT}: serves {@code /metrics} through the client's own HTTP server. Port 0
 * picks a free port (printed at start). Binding loopback only is the default a user gets by writing
 * {@code 127.0.0.1:9464}; any address they name is used as given.
 */
public final class MetricsServer implements AutoCloseable {
  private final HTTPServer server;

  private MetricsServer(HTTPServer server) {
    this.server = server;
  }

  public static MetricsServer start(String address, PrometheusRegistry registry) {
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
      return new MetricsServer(
          HTTPServer.builder().hostname(host).port(port).registry(registry).buildAndStart());
    } catch (IOException | RuntimeException e) {
      throw new UsageException("Cannot serve metrics on " + address + ": " + e.getMessage() + ".");
    }
  }

  public int port() {
    return server.getPort();
  }

  @Override
  public void close() {
    server.close();
  }
}
