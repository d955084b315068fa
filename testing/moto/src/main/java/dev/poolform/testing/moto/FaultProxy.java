package dev.poolform.testing.moto;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback HTTP proxy between the SDK and moto that fails a share of the API calls the way AWS
 * and networks do, so the SDK's real retry path and the session's check-then-retry run:
 *
 * <ul>
 *   <li>{@link Fault#THROTTLE}: AWS's throttling answer in the query-protocol error format, {@code
 *       Throttling} (HTTP 400, {@code <ErrorResponse>}) for Auto Scaling and {@code
 *       RequestLimitExceeded} (HTTP 503, {@code <Response><Errors>}) for EC2; not forwarded.
 *   <li>{@link Fault#SERVER_ERROR}: HTTP 500 {@code InternalFailure}; not forwarded.
 *   <li>{@link Fault#DROP_BEFORE}: the connection closes without an answer; not forwarded.
 *   <li>{@link Fault#DROP_AFTER}: forwarded, carried out by moto, then the connection closes
 *       without an answer: the case that duplicates work if a client blindly retries.
 * </ul>
 *
 * One request per connection (moto answers {@code Connection: close} too).
 */
public final class FaultProxy implements AutoCloseable {
  public enum Fault {
    NONE,
    THROTTLE,
    SERVER_ERROR,
    DROP_BEFORE,
    DROP_AFTER
  }

  private final ServerSocket server;
  private final URI target;
  private final ExecutorService workers =
      Executors.newCachedThreadPool(
          r -> {
            Thread t = new Thread(r, "fault-proxy");
            t.setDaemon(true);
            return t;
          });
  private final Random random;
  private volatile double faultShare;
  private final Map<Fault, AtomicInteger> counts = new ConcurrentHashMap<>();

  public FaultProxy(URI target, double faultShare, long seed) throws IOException {
    this.target = target;
    this.faultShare = faultShare;
    this.random = new Random(seed);
    this.server = new ServerSocket(0, 100, InetAddress.getLoopbackAddress());
    for (Fault f : Fault.values()) counts.put(f, new AtomicInteger());
    workers.execute(this::acceptLoop);
  }

  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getLocalPort());
  }

  public void setFaultShare(double share) {
    this.faultShare = share;
  }

  public int count(Fault f) {
    return counts.get(f).get();
  }

  public Map<Fault, Integer> counts() {
    Map<Fault, Integer> out = new java.util.EnumMap<>(Fault.class);
    counts.forEach((k, v) -> out.put(k, v.get()));
    return out;
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      try {
        Socket s = server.accept();
        workers.execute(() -> handle(s));
      } catch (IOException e) {
        return;
      }
    }
  }

  private synchronized Fault choose() {
    if (random.nextDouble() >= faultShare) return Fault.NONE;
    Fault[] faults = {Fault.THROTTLE, Fault.SERVER_ERROR, Fault.DROP_BEFORE, Fault.DROP_AFTER};
    return faults[random.nextInt(faults.length)];
  }

  private void handle(Socket client) {
    try (client) {
      client.setSoTimeout(30_000);
      InputStream in = client.getInputStream();
      byte[] head = readHead(in);
      if (head == null) return;
      String headText = new String(head, StandardCharsets.ISO_8859_1);
      int length = contentLength(headText);
      byte[] body = in.readNBytes(length);
      Fault f = headText.startsWith("POST / ") ? choose() : Fault.NONE;
      counts.get(f).incrementAndGet();
      boolean ec2 = headText.toLowerCase(Locale.ROOT).contains("/ec2/aws4_request");
      OutputStream out = client.getOutputStream();
      switch (f) {
        case THROTTLE ->
            out.write(
                ec2
                    ? ec2Error(503, "RequestLimitExceeded", "Request limit exceeded.")
                    : queryError(400, "Throttling", "Rate exceeded"));
        case SERVER_ERROR ->
            out.write(
                ec2
                    ? ec2Error(500, "InternalError", "An internal error has occurred.")
                    : queryError(500, "InternalFailure", "An internal error has occurred."));
        case DROP_BEFORE -> {}
        case DROP_AFTER -> forward(head, body);
        case NONE -> out.write(forward(head, body));
      }
      out.flush();
    } catch (IOException e) {
      // the client went away; nothing to do
    }
  }

  private byte[] forward(byte[] head, byte[] body) throws IOException {
    try (Socket up = new Socket(target.getHost(), target.getPort())) {
      up.setSoTimeout(60_000);
      OutputStream o = up.getOutputStream();
      o.write(head);
      o.write(body);
      o.flush();
      return up.getInputStream().readAllBytes(); // moto closes after each answer
    }
  }

  private static byte[] readHead(InputStream in) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    int state = 0;
    while (true) {
      int c = in.read();
      if (c < 0) return b.size() == 0 ? null : b.toByteArray();
      b.write(c);
      state =
          switch (state) {
            case 0, 2 -> c == '\r' ? state + 1 : 0;
            case 1 -> c == '\n' ? 2 : 0;
            case 3 -> c == '\n' ? 4 : 0;
            default -> 0;
          };
      if (state == 4) {
        // Ask moto to close after answering, so the response ends at end of stream.
        String h = b.toString(StandardCharsets.ISO_8859_1);
        h = h.replaceAll("(?im)^connection:.*\\r\\n", "");
        h = h.substring(0, h.length() - 2) + "Connection: close\r\n\r\n";
        return h.getBytes(StandardCharsets.ISO_8859_1);
      }
    }
  }

  private static int contentLength(String head) {
    for (String line : head.split("\r\n", -1)) {
      int colon = line.indexOf(':');
      if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase("content-length")) {
        return Integer.parseInt(line.substring(colon + 1).trim());
      }
    }
    return 0;
  }

  /** The query-protocol error body (Auto Scaling and other query services). */
  static byte[] queryError(int status, String code, String message) {
    String body =
        "<ErrorResponse xmlns=\"https://autoscaling.amazonaws.com/doc/2011-01-01/\"><Error>"
            + "<Type>"
            + (status >= 500 ? "Receiver" : "Sender")
            + "</Type><Code>"
            + code
            + "</Code><Message>"
            + message
            + "</Message></Error><RequestId>fault-proxy</RequestId></ErrorResponse>";
    return response(status, body);
  }

  /** EC2's variant of the query error body. */
  static byte[] ec2Error(int status, String code, String message) {
    String body =
        "<Response><Errors><Error><Code>"
            + code
            + "</Code><Message>"
            + message
            + "</Message></Error></Errors><RequestID>fault-proxy</RequestID></Response>";
    return response(status, body);
  }

  private static byte[] response(int status, String body) {
    byte[] b = body.getBytes(StandardCharsets.UTF_8);
    String reason =
        status == 400
            ? "Bad Request"
            : status == 503 ? "Service Unavailable" : "Internal Server Error";
    String head =
        "HTTP/1.1 "
            + status
            + " "
            + reason
            + "\r\nContent-Type: text/xml\r\nContent-Length: "
            + b.length
            + "\r\nConnection: close\r\n\r\n";
    byte[] h = head.getBytes(StandardCharsets.ISO_8859_1);
    byte[] all = new byte[h.length + b.length];
    System.arraycopy(h, 0, all, 0, h.length);
    System.arraycopy(b, 0, all, h.length, b.length);
    return all;
  }

  @Override
  public void close() throws IOException {
    server.close();
    workers.shutdownNow();
  }
}
