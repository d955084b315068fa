import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
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
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.ShowMessageRequestParams;
import org.eclipse.lsp4j.TextDocumentContentChangeEvent;
import org.eclipse.lsp4j.TextDocumentItem;
import org.eclipse.lsp4j.VersionedTextDocumentIdentifier;
import org.eclipse.lsp4j.launch.LSPLauncher;
import org.eclipse.lsp4j.services.LanguageClient;
import org.eclipse.lsp4j.services.LanguageServer;

/**
 * The language server's re-diagnose time: `pool lsp` runs as its own process (the shaded jar, as
 * editors start it) and this client opens a generated configuration, then edits one pool at a
 * time, sending the whole text as the server asks (full synchronisation), and times each edit
 * from the moment it is sent until the diagnostics for that version arrive. Every other edit
 * introduces an error (a misspelt attribute) and the next one removes it, so the server has real
 * work and the diagnostics really change. WARMUP edits first (the JIT compiles the hot paths),
 * then EDITS measured ones. Not a unit test; run by bench/lsp.sh:
 *
 *   java -cp cli/target/poolform.jar bench/LspBench.java FILE WARMUP EDITS
 */
public final class LspBench {
  public static void main(String[] args) throws Exception {
    Path file = Path.of(args[0]).toAbsolutePath().normalize();
    int warmup = Integer.parseInt(args[1]);
    int edits = Integer.parseInt(args[2]);
    String text = Files.readString(file);
    String uri = file.toUri().toString();
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    // SERVER_JAVA_OPTS: JVM flags for the server, e.g. the launcher's (`./pool` runs every command,
    // `lsp` included, with -XX:+UseSerialGC -XX:TieredStopAtLevel=1), to compare them in one run.
    List<String> cmd = new java.util.ArrayList<>(List.of(java));
    String opts = System.getenv().getOrDefault("SERVER_JAVA_OPTS", "").trim();
    if (!opts.isEmpty()) cmd.addAll(Arrays.asList(opts.split("\\s+")));
    cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), "dev.poolform.cli.Main", "lsp"));
    System.out.println("server: " + (opts.isEmpty() ? "(default JVM flags)" : opts));
    Process server = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    BlockingQueue<PublishDiagnosticsParams> published = new LinkedBlockingQueue<>();
    var launcher =
        LSPLauncher.createClientLauncher(new Client(published), server.getInputStream(), server.getOutputStream());
    var listening = launcher.startListening();
    LanguageServer ls = launcher.getRemoteProxy();
    ls.initialize(new InitializeParams()).get(60, TimeUnit.SECONDS);
    ls.initialized(new InitializedParams());

    long t0 = System.nanoTime();
    ls.getTextDocumentService().didOpen(new DidOpenTextDocumentParams(new TextDocumentItem(uri, "pool", 1, text)));
    PublishDiagnosticsParams first = await(published, 1);
    System.out.printf("open: %d lines, %d diagnostics, first diagnostics after %.0f ms (cold)%n",
        text.split("\n", -1).length, first.getDiagnostics().size(), (System.nanoTime() - t0) / 1e6);

    // The last pool's labels: `app = "NAME"` gets a new value each edit; odd edits misspell `labels`.
    int at = text.lastIndexOf("labels   = merge(");
    String head = text.substring(0, at);
    String tail = text.substring(at);
    long[] times = new long[edits];
    int errors = 0;
    java.time.Duration cpuBefore = null;
    for (int i = 0; i < warmup + edits; i++) {
      int version = i + 2;
      String edited = head + (i % 2 == 1 ? tail.replaceFirst("labels", "labelz") : tail).replaceFirst("\" \\}\\)", "-" + i + "\" })");
      if (i == warmup) cpuBefore = server.info().totalCpuDuration().orElse(null);
      long s = System.nanoTime();
      ls.getTextDocumentService()
          .didChange(
              new DidChangeTextDocumentParams(
                  new VersionedTextDocumentIdentifier(uri, version), List.of(new TextDocumentContentChangeEvent(edited))));
      PublishDiagnosticsParams p = await(published, version);
      long e = System.nanoTime();
      if (i >= warmup) {
        times[i - warmup] = e - s;
        if (!p.getDiagnostics().isEmpty()) errors++;
      }
    }
    java.time.Duration cpuAfter = server.info().totalCpuDuration().orElse(null);
    Arrays.sort(times);
    System.out.printf(
        "edit -> diagnostics published, %d edits after %d warm-up edits (%d of them with an error):"
            + " min %.0f ms, median %.0f ms, p90 %.0f ms, max %.0f ms%n",
        edits, warmup, errors, times[0] / 1e6, times[edits / 2] / 1e6, times[(int) (edits * 0.9)] / 1e6,
        times[edits - 1] / 1e6);
    if (cpuBefore != null && cpuAfter != null) {
      // The server's own CPU time (every thread: the worker, JSON-RPC, GC, JIT) per measured edit:
      // what an edit costs whatever else runs on the machine.
      System.out.printf(
          "server process CPU per edit (mean over the measured edits): %.0f ms%n",
          cpuAfter.minus(cpuBefore).toNanos() / 1e6 / edits);
    }
    ls.shutdown().get(30, TimeUnit.SECONDS);
    ls.exit();
    server.waitFor(30, TimeUnit.SECONDS);
    listening.cancel(true);
    System.exit(0);
  }

  static PublishDiagnosticsParams await(BlockingQueue<PublishDiagnosticsParams> q, int version) throws Exception {
    while (true) {
      PublishDiagnosticsParams p = q.poll(120, TimeUnit.SECONDS);
      if (p == null) throw new IllegalStateException("no diagnostics for version " + version);
      if (p.getVersion() != null && p.getVersion() == version) return p;
    }
  }

  record Client(BlockingQueue<PublishDiagnosticsParams> published) implements LanguageClient {
    public void publishDiagnostics(PublishDiagnosticsParams p) { published.add(p); }
    public void logMessage(MessageParams m) { System.err.println(m.getMessage()); }
    public void showMessage(MessageParams m) { System.err.println(m.getMessage()); }
    public CompletableFuture<MessageActionItem> showMessageRequest(ShowMessageRequestParams p) {
      return CompletableFuture.completedFuture(null);
    }
    public void telemetryEvent(Object o) {}
  }
}
