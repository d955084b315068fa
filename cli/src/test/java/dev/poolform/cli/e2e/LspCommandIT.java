package dev.poolform.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code pool lsp} as a child process speaking the protocol on its standard streams, written by
 * hand: initialize, shutdown, exit. Covers the command's wiring where no editor is installed (the
 * Neovim test needs one). About 1 s.
 */
class LspCommandIT {
  static void send(OutputStream out, String json) throws IOException {
    byte[] body = json.getBytes(StandardCharsets.UTF_8);
    out.write(("Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
    out.write(body);
    out.flush();
  }

  static String receive(InputStream in) throws IOException {
    ByteArrayOutputStream header = new ByteArrayOutputStream();
    while (!header.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) throw new IOException("the server closed its output");
      header.write(b);
    }
    int length = 0;
    for (String line : header.toString(StandardCharsets.US_ASCII).lines().toList()) {
      if (line.startsWith("Content-Length:")) length = Integer.parseInt(line.substring(15).trim());
    }
    return new String(in.readNBytes(length), StandardCharsets.UTF_8);
  }

  @Test
  void answersInitializeAndExitsCleanlyAfterShutdown() throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p =
        new ProcessBuilder(
                List.of(
                    java,
                    "-XX:TieredStopAtLevel=1",
                    "-cp",
                    System.getProperty("java.class.path"),
                    "dev.poolform.cli.Main",
                    "lsp",
                    "--stdio"))
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    try {
      OutputStream in = p.getOutputStream();
      send(
          in,
          "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"capabilities\":{}}}");
      String init = receive(p.getInputStream());
      assertThat(init)
          .contains("\"id\":1", "\"hoverProvider\":true", "\"name\":\"poolform\"")
          .contains("\"documentFormattingProvider\":true");
      send(in, "{\"jsonrpc\":\"2.0\",\"method\":\"initialized\",\"params\":{}}");
      send(in, "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"shutdown\"}");
      assertThat(receive(p.getInputStream())).contains("\"id\":2", "\"result\":null");
      send(in, "{\"jsonrpc\":\"2.0\",\"method\":\"exit\"}");
      assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
      assertThat(p.exitValue()).isZero();
    } finally {
      p.destroyForcibly();
    }
  }
}
