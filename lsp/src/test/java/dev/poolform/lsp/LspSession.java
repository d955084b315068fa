package dev.poolform.lsp;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.lsp4j.DidChangeTextDocumentParams;
import org.eclipse.lsp4j.DidOpenTextDocumentParams;
import org.eclipse.lsp4j.InitializeParams;
import org.eclipse.lsp4j.InitializedParams;
import org.eclipse.lsp4j.MessageActionItem;
import org.eclipse.lsp4j.MessageParams;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.ShowMessageRequestParams;
import org.eclipse.lsp4j.TextDocumentContentChangeEvent;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.lsp4j.TextDocumentItem;
import org.eclipse.lsp4j.VersionedTextDocumentIdentifier;
import org.eclipse.lsp4j.jsonrpc.Launcher;
import org.eclipse.lsp4j.launch.LSPLauncher;
import org.eclipse.lsp4j.services.LanguageClient;
import org.eclipse.lsp4j.services.LanguageServer;

/**
 * A client and a server in one JVM, talking JSON-RPC over pipes exactly as over stdio ({@link
 * BytePipe}): what the tests drive. The client records published diagnostics and log messages.
 */
final class LspSession implements AutoCloseable {
  final LanguageServer server;
  final BlockingQueue<PublishDiagnosticsParams> diagnostics = new LinkedBlockingQueue<>();
  final BlockingQueue<String> logs = new LinkedBlockingQueue<>();
  private final Thread serverThread;
  private final BytePipe toServer = new BytePipe();
  private final BytePipe toClient = new BytePipe();
  private final java.util.concurrent.Future<Void> clientListening;

  LspSession(ServerOptions options) throws IOException {
    serverThread =
        new Thread(
            () -> {
              try {
                Stdio.serve(toServer.in, toClient.out, options);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            "test-server");
    serverThread.setDaemon(true);
    serverThread.start();
    Launcher<LanguageServer> launcher =
        LSPLauncher.createClientLauncher(new Client(), toClient.in, toServer.out);
    clientListening = launcher.startListening();
    server = launcher.getRemoteProxy();
  }

  static LspSession start() throws Exception {
    return start(ServerOptions.of(Map.of(), status -> {}));
  }

  static LspSession start(ServerOptions options) throws Exception {
    LspSession s = new LspSession(options);
    s.server.initialize(new InitializeParams()).get(30, TimeUnit.SECONDS);
    s.server.initialized(new InitializedParams());
    return s;
  }

  void open(Path file, String text) {
    server
        .getTextDocumentService()
        .didOpen(new DidOpenTextDocumentParams(new TextDocumentItem(uri(file), "pool", 1, text)));
  }

  void change(Path file, int version, String text) {
    server
        .getTextDocumentService()
        .didChange(
            new DidChangeTextDocumentParams(
                new VersionedTextDocumentIdentifier(uri(file), version),
                List.of(new TextDocumentContentChangeEvent(text))));
  }

  /** The next diagnostics published for {@code file} (others are skipped). */
  PublishDiagnosticsParams diagnosticsFor(Path file) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (System.nanoTime() < deadline) {
      PublishDiagnosticsParams p = diagnostics.poll(100, TimeUnit.MILLISECONDS);
      if (p != null && p.getUri().equals(uri(file))) return p;
    }
    throw new AssertionError("no diagnostics published for " + file);
  }

  static String uri(Path file) {
    return file.toAbsolutePath().normalize().toUri().toString();
  }

  static TextDocumentIdentifier doc(Path file) {
    return new TextDocumentIdentifier(uri(file));
  }

  /**
   * The position of the {@code nth} occurrence of {@code needle}, plus {@code shift} characters.
   */
  static Position at(String text, String needle, int nth, int shift) {
    int i = -1;
    for (int k = 0; k <= nth; k++) i = text.indexOf(needle, i + 1);
    if (i < 0) throw new AssertionError("no " + needle);
    int off = i + shift;
    int line = 0;
    int lineStart = 0;
    for (int k = 0; k < off; k++) {
      if (text.charAt(k) == '\n') {
        line++;
        lineStart = k + 1;
      }
    }
    return new Position(line, off - lineStart);
  }

  /** {@code text} with {@code edits} (non-overlapping, as LSP requires) carried out. */
  static String apply(String text, List<? extends org.eclipse.lsp4j.TextEdit> edits) {
    List<? extends org.eclipse.lsp4j.TextEdit> sorted =
        edits.stream()
            .sorted(
                java.util.Comparator.comparing(
                        (org.eclipse.lsp4j.TextEdit e) -> e.getRange().getStart().getLine())
                    .thenComparing(e -> e.getRange().getStart().getCharacter())
                    .reversed())
            .toList();
    StringBuilder sb = new StringBuilder(text);
    for (org.eclipse.lsp4j.TextEdit e : sorted) {
      sb.replace(
          offset(sb, e.getRange().getStart()), offset(sb, e.getRange().getEnd()), e.getNewText());
    }
    return sb.toString();
  }

  private static int offset(CharSequence text, Position p) {
    int line = 0;
    int i = 0;
    while (line < p.getLine()) {
      if (text.charAt(i++) == '\n') line++;
    }
    return i + p.getCharacter();
  }

  @Override
  public void close() throws Exception {
    try {
      server.shutdown().get(30, TimeUnit.SECONDS);
    } finally {
      server.exit();
      // The end of its input ends the server, whose output's end then ends the client.
      toServer.out.close();
      serverThread.join(5000);
      toClient.out.close();
      clientListening.cancel(true);
    }
  }

  private final class Client implements LanguageClient {
    @Override
    public void publishDiagnostics(PublishDiagnosticsParams p) {
      diagnostics.add(p);
    }

    @Override
    public void logMessage(MessageParams m) {
      logs.add(m.getMessage());
    }

    @Override
    public void showMessage(MessageParams m) {
      logs.add(m.getMessage());
    }

    @Override
    public CompletableFuture<MessageActionItem> showMessageRequest(ShowMessageRequestParams p) {
      return CompletableFuture.completedFuture(null);
    }

    @Override
    public void telemetryEvent(Object o) {}
  }
}
