package dev.poolform.lsp;

import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.eclipse.lsp4j.jsonrpc.Launcher;
import org.eclipse.lsp4j.launch.LSPLauncher;
import org.eclipse.lsp4j.services.LanguageClient;

/** Runs a server over a pair of streams (standard input and output for {@code pool lsp}). */
public final class Stdio {
  private Stdio() {}

  /**
   * Serves one client until its input ends (the editor closed the pipe) or it sends {@code exit}.
   * Returns when the input has ended.
   */
  public static void serve(InputStream in, OutputStream out, ServerOptions options)
      throws InterruptedException {
    PoolLanguageServer server = new PoolLanguageServer(options);
    Launcher<LanguageClient> launcher = LSPLauncher.createServerLauncher(server, in, out);
    server.connect(launcher.getRemoteProxy());
    Future<Void> listening = launcher.startListening();
    try {
      listening.get();
    } catch (ExecutionException e) {
      // The input stream broke (the editor went away): nothing left to serve.
    }
  }
}
