package dev.poolform.provider.aws.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.poolform.provider.aws.harness.Sessions;
import dev.poolform.provider.aws.session.AwsSession;
import dev.poolform.runtime.provider.ProviderException;
import dev.poolform.testing.moto.CallCounter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * An endpoint nobody listens on fails the first call at once, with the cause and the cloud's {@code
 * endpoint} named; once the endpoint has answered, the same failure is retried as a blip.
 */
class UnreachableEndpointTest {

  /** A port that was free a moment ago: connecting to it is refused. */
  private static int closedPort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  @Test
  void anEndpointThatNeverAnsweredIsNotRetried() throws Exception {
    CallCounter counter = new CallCounter();
    URI endpoint = URI.create("http://127.0.0.1:" + closedPort());
    try (AwsSession s = Sessions.open(endpoint, "l", counter)) {
      assertThatThrownBy(() -> s.findOwned("l"))
          .isInstanceOfSatisfying(
              ProviderException.class,
              e -> {
                assertThat(e.kind()).isEqualTo(ProviderException.Kind.TRANSIENT);
                assertThat(e.attribute()).contains("endpoint");
                assertThat(e.getMessage())
                    .startsWith("Could not reach AWS while")
                    .contains("127.0.0.1:" + endpoint.getPort())
                    .contains("refused")
                    .contains("`endpoint`")
                    .doesNotContain("[/127.0.0.1]");
              });
    }
    // Sessions.FAST allows 12 attempts: an unreachable endpoint used one.
    assertThat(counter.attempts()).isEqualTo(1);
  }

  @Test
  void anEndpointThatAnsweredOnceIsRetriedWhenItStopsAnswering() throws Exception {
    CallCounter counter = new CallCounter();
    ServerSocket server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
    Thread answering = new Thread(() -> answerOnce(server));
    answering.start();
    URI endpoint = URI.create("http://127.0.0.1:" + server.getLocalPort());
    try (AwsSession s = Sessions.open(endpoint, "l", counter)) {
      // The answer is an error, but an answer: the endpoint exists.
      assertThatThrownBy(() -> s.findOwned("l")).isInstanceOf(ProviderException.class);
      answering.join(10_000);
      server.close();
      counter.reset();
      assertThatThrownBy(() -> s.findOwned("l"))
          .isInstanceOfSatisfying(
              ProviderException.class,
              e -> assertThat(e.getMessage()).startsWith("Could not reach AWS while"));
    }
    assertThat(counter.attempts()).isGreaterThan(1);
  }

  /** The whole request (head and body), so that closing the socket sends no reset. */
  private static void readRequest(InputStream in) throws IOException {
    StringBuilder head = new StringBuilder();
    while (!head.toString().endsWith("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) return;
      head.append((char) b);
    }
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("(?i)content-length:\\s*(\\d+)").matcher(head);
    if (m.find()) in.readNBytes(Integer.parseInt(m.group(1)));
  }

  /** One HTTP 400 with an AWS query-API error, then the connection closed. */
  private static void answerOnce(ServerSocket server) {
    try (Socket c = server.accept()) {
      readRequest(c.getInputStream());
      String body =
          "<ErrorResponse><Error><Type>Sender</Type><Code>ValidationError</Code>"
              + "<Message>no</Message></Error><RequestId>r</RequestId></ErrorResponse>";
      OutputStream out = c.getOutputStream();
      out.write(
          ("HTTP/1.1 400 Bad Request\r\nContent-Type: text/xml\r\nConnection: close\r\n"
                  + "Content-Length: "
                  + body.length()
                  + "\r\n\r\n"
                  + body)
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
    } catch (IOException e) {
      // The test's assertions report what went wrong.
    }
  }
}
