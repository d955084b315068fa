package dev.poolform.lsp;

import dev.poolform.lsp.features.Completions;
import dev.poolform.lsp.features.Formatting;
import dev.poolform.lsp.features.Hovers;
import dev.poolform.lsp.features.Navigation;
import dev.poolform.lsp.features.Outline;
import dev.poolform.lsp.features.Positions;
import dev.poolform.lsp.features.QuickFixes;
import dev.poolform.lsp.workspace.Analyses;
import dev.poolform.lsp.workspace.Documents;
import dev.poolform.source.SourceFile;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiFunction;
import org.eclipse.lsp4j.CodeAction;
import org.eclipse.lsp4j.CodeActionParams;
import org.eclipse.lsp4j.Command;
import org.eclipse.lsp4j.CompletionItem;
import org.eclipse.lsp4j.CompletionList;
import org.eclipse.lsp4j.CompletionParams;
import org.eclipse.lsp4j.DefinitionParams;
import org.eclipse.lsp4j.DidChangeTextDocumentParams;
import org.eclipse.lsp4j.DidCloseTextDocumentParams;
import org.eclipse.lsp4j.DidOpenTextDocumentParams;
import org.eclipse.lsp4j.DidSaveTextDocumentParams;
import org.eclipse.lsp4j.DocumentFormattingParams;
import org.eclipse.lsp4j.DocumentSymbol;
import org.eclipse.lsp4j.DocumentSymbolParams;
import org.eclipse.lsp4j.Hover;
import org.eclipse.lsp4j.HoverParams;
import org.eclipse.lsp4j.Location;
import org.eclipse.lsp4j.LocationLink;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.PrepareRenameDefaultBehavior;
import org.eclipse.lsp4j.PrepareRenameParams;
import org.eclipse.lsp4j.PrepareRenameResult;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.ReferenceParams;
import org.eclipse.lsp4j.RenameParams;
import org.eclipse.lsp4j.SymbolInformation;
import org.eclipse.lsp4j.TextEdit;
import org.eclipse.lsp4j.WorkspaceEdit;
import org.eclipse.lsp4j.jsonrpc.messages.Either;
import org.eclipse.lsp4j.jsonrpc.messages.Either3;
import org.eclipse.lsp4j.services.TextDocumentService;

/** The textDocument/* methods: buffer sync into {@link Analyses}, requests into the features. */
final class PoolTextDocuments implements TextDocumentService {
  private final Documents documents;
  private final Analyses analyses;
  private final Guard guard;
  private final ServerOptions options;

  PoolTextDocuments(Documents documents, Analyses analyses, Guard guard, ServerOptions options) {
    this.documents = documents;
    this.analyses = analyses;
    this.guard = guard;
    this.options = options;
  }

  @Override
  public void didOpen(DidOpenTextDocumentParams params) {
    var d = params.getTextDocument();
    guard.notification(
        "didOpen",
        () ->
            documents
                .put(d.getUri(), d.getVersion(), d.getText())
                .ifPresent(doc -> analyses.changed(doc.path())));
  }

  @Override
  public void didChange(DidChangeTextDocumentParams params) {
    var d = params.getTextDocument();
    var changes = params.getContentChanges();
    if (changes.isEmpty()) return;
    // Full synchronisation (announced in the capabilities): the last change is the whole text.
    String text = changes.get(changes.size() - 1).getText();
    guard.notification(
        "didChange",
        () ->
            documents
                .put(d.getUri(), d.getVersion(), text)
                .ifPresent(doc -> analyses.changed(doc.path())));
  }

  @Override
  public void didClose(DidCloseTextDocumentParams params) {
    String uri = params.getTextDocument().getUri();
    guard.notification(
        "didClose",
        () ->
            documents
                .get(uri)
                .ifPresent(
                    doc -> {
                      documents.close(uri);
                      analyses.closed(doc);
                    }));
  }

  @Override
  public void didSave(DidSaveTextDocumentParams params) {
    guard.notification(
        "didSave",
        () ->
            documents
                .get(params.getTextDocument().getUri())
                .ifPresent(doc -> analyses.saved(doc.path())));
  }

  @Override
  public CompletableFuture<Hover> hover(HoverParams params) {
    return at(
        "hover",
        params.getTextDocument().getUri(),
        params.getPosition(),
        (s, off) -> Hovers.at(s, off).orElse(null));
  }

  @Override
  public CompletableFuture<Either<List<CompletionItem>, CompletionList>> completion(
      CompletionParams params) {
    return at(
        "completion",
        params.getTextDocument().getUri(),
        params.getPosition(),
        (s, off) -> Either.forRight(new CompletionList(false, Completions.at(s, off))));
  }

  @Override
  public CompletableFuture<Either<List<? extends Location>, List<? extends LocationLink>>>
      definition(DefinitionParams params) {
    return at(
        "definition",
        params.getTextDocument().getUri(),
        params.getPosition(),
        (s, off) -> Either.forLeft(Navigation.definition(s, off, this::uriOf)));
  }

  @Override
  public CompletableFuture<List<? extends Location>> references(ReferenceParams params) {
    boolean decl = params.getContext() == null || params.getContext().isIncludeDeclaration();
    return at(
        "references",
        params.getTextDocument().getUri(),
        params.getPosition(),
        (s, off) -> Navigation.references(s, off, decl, this::uriOf));
  }

  @Override
  public CompletableFuture<Either3<Range, PrepareRenameResult, PrepareRenameDefaultBehavior>>
      prepareRename(PrepareRenameParams params) {
    return at(
        "prepareRename",
        params.getTextDocument().getUri(),
        params.getPosition(),
        (s, off) ->
            Navigation.prepareRename(s, off)
                .map(Either3::<Range, PrepareRenameResult, PrepareRenameDefaultBehavior>forFirst)
                .orElse(null));
  }

  @Override
  public CompletableFuture<WorkspaceEdit> rename(RenameParams params) {
    return at(
        "rename",
        params.getTextDocument().getUri(),
        params.getPosition(),
        (s, off) -> Navigation.rename(s, off, params.getNewName(), this::uriOf));
  }

  @Override
  public CompletableFuture<List<Either<SymbolInformation, DocumentSymbol>>> documentSymbol(
      DocumentSymbolParams params) {
    return whole(
        "documentSymbol",
        params.getTextDocument().getUri(),
        s ->
            Outline.of(s).stream()
                .map(Either::<SymbolInformation, DocumentSymbol>forRight)
                .toList());
  }

  @Override
  public CompletableFuture<List<? extends TextEdit>> formatting(DocumentFormattingParams params) {
    String uri = params.getTextDocument().getUri();
    return guard.request(
        "formatting",
        () ->
            analyses.onWorker(
                () -> {
                  options.beforeRequest().accept("formatting");
                  return documents.get(uri).map(Formatting::of).orElse(List.of());
                }));
  }

  @Override
  public CompletableFuture<List<Either<Command, CodeAction>>> codeAction(CodeActionParams params) {
    return whole(
        "codeAction",
        params.getTextDocument().getUri(),
        s ->
            QuickFixes.at(s, params.getRange(), this::uriOf).stream()
                .map(Either::<Command, CodeAction>forRight)
                .toList());
  }

  /** A request about a whole open file, answered from its snapshot. */
  private <T> CompletableFuture<T> whole(
      String method, String uri, java.util.function.Function<Analyses.Snapshot, T> answer) {
    return guard.request(
        method,
        () ->
            analyses.withSnapshot(
                uri,
                s -> {
                  options.beforeRequest().accept(method);
                  return answer.apply(s);
                }));
  }

  /** A request about one position of an open file, answered from its snapshot. */
  private <T> CompletableFuture<T> at(
      String method,
      String uri,
      Position position,
      BiFunction<Analyses.Snapshot, Integer, T> answer) {
    return guard.request(
        method,
        () ->
            analyses.withSnapshot(
                uri,
                s -> {
                  options.beforeRequest().accept(method);
                  return answer.apply(s, Positions.offset(s.file().text(), position));
                }));
  }

  /** The URI the client knows a file by: an open buffer's own, else the file's. */
  String uriOf(SourceFile f) {
    java.nio.file.Path p = f.path().toAbsolutePath().normalize();
    return documents.at(p).map(Documents.Document::uri).orElseGet(() -> p.toUri().toString());
  }
}
