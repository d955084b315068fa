package dev.poolform.lsp;

import dev.poolform.compiler.diag.Diagnostic;
import dev.poolform.lsp.features.DiagnosticsView;
import dev.poolform.lsp.workspace.Analyses;
import dev.poolform.lsp.workspace.Configurations;
import dev.poolform.lsp.workspace.Documents;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.eclipse.lsp4j.CodeActionKind;
import org.eclipse.lsp4j.CodeActionOptions;
import org.eclipse.lsp4j.CompletionOptions;
import org.eclipse.lsp4j.InitializeParams;
import org.eclipse.lsp4j.InitializeResult;
import org.eclipse.lsp4j.InitializedParams;
import org.eclipse.lsp4j.MessageParams;
import org.eclipse.lsp4j.MessageType;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.RenameOptions;
import org.eclipse.lsp4j.SaveOptions;
import org.eclipse.lsp4j.ServerCapabilities;
import org.eclipse.lsp4j.ServerInfo;
import org.eclipse.lsp4j.TextDocumentSyncKind;
import org.eclipse.lsp4j.TextDocumentSyncOptions;
import org.eclipse.lsp4j.services.LanguageClient;
import org.eclipse.lsp4j.services.LanguageClientAware;
import org.eclipse.lsp4j.services.LanguageServer;
import org.eclipse.lsp4j.services.TextDocumentService;
import org.eclipse.lsp4j.services.WorkspaceService;

/**
 * The language server: announces what it can do, and wires the open buffers, the analyses and the
 * features together. One instance serves one client.
 */
public final class PoolLanguageServer implements LanguageServer, LanguageClientAware {
  private final ServerOptions options;
  private final Documents documents = new Documents();
  private final Analyses analyses;
  private final PoolTextDocuments textDocuments;
  private final PoolWorkspace workspace = new PoolWorkspace();
  private volatile LanguageClient client;
  private volatile boolean shutdown;

  public PoolLanguageServer(ServerOptions options) {
    this.options = options;
    Guard guard = new Guard(this::log);
    this.analyses =
        new Analyses(
            documents,
            new Configurations(options.environment()),
            options.environment(),
            options.debounceMillis(),
            this::publish,
            this::log);
    this.textDocuments = new PoolTextDocuments(documents, analyses, guard, options);
  }

  @Override
  public void connect(LanguageClient client) {
    this.client = client;
  }

  @Override
  public CompletableFuture<InitializeResult> initialize(InitializeParams params) {
    ServerCapabilities caps = new ServerCapabilities();
    TextDocumentSyncOptions sync = new TextDocumentSyncOptions();
    sync.setOpenClose(true);
    sync.setChange(TextDocumentSyncKind.Full);
    sync.setSave(new SaveOptions(false));
    caps.setTextDocumentSync(sync);
    caps.setHoverProvider(true);
    caps.setCompletionProvider(new CompletionOptions(false, List.of(".", "\"")));
    caps.setDefinitionProvider(true);
    caps.setReferencesProvider(true);
    caps.setDocumentSymbolProvider(true);
    caps.setDocumentFormattingProvider(true);
    caps.setRenameProvider(new RenameOptions(true));
    caps.setCodeActionProvider(new CodeActionOptions(List.of(CodeActionKind.QuickFix)));
    String version = PoolLanguageServer.class.getPackage().getImplementationVersion();
    return CompletableFuture.completedFuture(
        new InitializeResult(caps, new ServerInfo("poolform", version == null ? "dev" : version)));
  }

  @Override
  public void initialized(InitializedParams params) {}

  @Override
  public CompletableFuture<Object> shutdown() {
    shutdown = true;
    analyses.close();
    return CompletableFuture.completedFuture(null);
  }

  @Override
  public void exit() {
    analyses.close();
    options.exit().accept(shutdown ? 0 : 1);
  }

  @Override
  public TextDocumentService getTextDocumentService() {
    return textDocuments;
  }

  @Override
  public WorkspaceService getWorkspaceService() {
    return workspace;
  }

  private void publish(Analyses.Published p) {
    LanguageClient c = client;
    if (c == null) return;
    List<org.eclipse.lsp4j.Diagnostic> out = new ArrayList<>();
    for (Diagnostic d : p.diagnostics()) out.add(DiagnosticsView.of(d, textDocuments::uriOf));
    PublishDiagnosticsParams params = new PublishDiagnosticsParams(p.document().uri(), out);
    params.setVersion(p.document().version());
    c.publishDiagnostics(params);
  }

  private void log(String message) {
    LanguageClient c = client;
    if (c != null) c.logMessage(new MessageParams(MessageType.Error, message));
  }
}
