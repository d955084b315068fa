package dev.poolform.lsp.workspace;

import dev.poolform.compiler.Analysis;
import dev.poolform.compiler.CompileOptions;
import dev.poolform.compiler.Compiler;
import dev.poolform.compiler.diag.Diagnostic;
import dev.poolform.source.SourceFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The latest analysis of every configuration an open file belongs to, kept current on one worker
 * thread.
 *
 * <p>An edit marks the file's configuration, and every configuration whose last analysis read the
 * file (the files that import it), as stale, and queues a round, unless one is queued already, that
 * recompiles each stale configuration once, with the latest text of every open buffer, and
 * publishes its diagnostics. An edit that finds the worker idle is compiled at once (a quiet period
 * would only add its length to every edit: keystrokes come further apart than a compile takes);
 * edits that arrive while it compiles share the one round queued after it, so a burst of typing
 * costs one compile more, never a queue of outdated ones. A request (hover, completion) runs on the
 * same thread after the edits before it, compiling first if its file is stale, so it always answers
 * about the text the user sees.
 *
 * <p>Every state below is touched only on the worker thread.
 */
public final class Analyses implements AutoCloseable {
  /**
   * A configuration's analysis as seen from one open file.
   *
   * @param file the file as the analysis read it (its spans point into this)
   */
  public record Snapshot(Analysis analysis, Documents.Document document, SourceFile file) {}

  /** Diagnostics of one open file, ready to publish. */
  public record Published(Documents.Document document, List<Diagnostic> diagnostics) {}

  private final Documents documents;
  private final Configurations configurations;
  private final Map<String, String> environment;
  private final long debounceMillis;
  private final Consumer<Published> publisher;
  private final Consumer<String> log;
  private final ScheduledExecutorService worker;

  private final Map<Path, Analysis> latest = new HashMap<>();

  /** The open buffers, at their versions, that each configuration's latest analysis read. */
  private final Map<Path, Map<Path, Documents.Document>> compiledWith = new HashMap<>();

  private final Set<Path> stale = new LinkedHashSet<>();

  /** The round queued and not started yet, if any. */
  private ScheduledFuture<?> queued;

  public Analyses(
      Documents documents,
      Configurations configurations,
      Map<String, String> environment,
      long debounceMillis,
      Consumer<Published> publisher,
      Consumer<String> log) {
    this.documents = documents;
    this.configurations = configurations;
    this.environment = Map.copyOf(environment);
    this.debounceMillis = debounceMillis;
    this.publisher = publisher;
    this.log = log;
    this.worker =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "poolform-lsp-analysis");
              t.setDaemon(true);
              return t;
            });
  }

  /**
   * A buffer was opened, edited or closed: recompile what depends on it in the next round, unless a
   * round already read the buffer as it is now. The buffer is stored before this marking is queued,
   * so a round that runs in between compiles (and publishes) the edit already; compiling it again
   * would publish the same version twice.
   */
  public void changed(Path file) {
    mark(file, true);
  }

  private void mark(Path file, boolean unlessCompiled) {
    worker.execute(
        () ->
            guarded(
                "marking " + file,
                () -> {
                  if (!markStale(file, unlessCompiled)) return;
                  if (queued != null) return;
                  queued = worker.schedule(this::round, debounceMillis, TimeUnit.MILLISECONDS);
                }));
  }

  private void round() {
    queued = null;
    guarded("diagnostics", this::recompileStale);
  }

  /** A file was saved: its directory may have become (or stopped being) one configuration. */
  public void saved(Path file) {
    worker.execute(() -> configurations.forget(file));
    mark(file, false); // its configuration may be another now, even with the same text
  }

  /** A buffer was closed: its diagnostics are withdrawn, what imports it sees the disk again. */
  public void closed(Documents.Document document) {
    worker.execute(
        () ->
            guarded(
                "closing " + document.path(),
                () -> publisher.accept(new Published(document, List.of()))));
    changed(document.path());
  }

  /**
   * Runs {@code query} on the worker with an up-to-date analysis of {@code uri}'s configuration.
   * Fails (exceptionally) when the file is not open.
   */
  public <T> CompletableFuture<T> withSnapshot(
      String uri, java.util.function.Function<Snapshot, T> query) {
    return CompletableFuture.supplyAsync(() -> query.apply(snapshot(uri)), worker);
  }

  /** Runs {@code task} on the worker, after everything queued before it. */
  public <T> CompletableFuture<T> onWorker(java.util.function.Supplier<T> task) {
    return CompletableFuture.supplyAsync(task, worker);
  }

  private Snapshot snapshot(String uri) {
    Documents.Document doc =
        documents
            .get(uri)
            .orElseThrow(() -> new IllegalArgumentException("the file is not open: " + uri));
    Path entry = configurations.entryOf(doc.path(), documents.overlay());
    if (stale.contains(entry) || !latest.containsKey(entry)) recompile(entry);
    Analysis a = latest.get(entry);
    Optional<SourceFile> file = fileIn(a, doc.path());
    if (file.isPresent()) return new Snapshot(a, doc, file.get());
    // The file did not make it into its configuration (it could not be read): analyse it alone.
    Analysis alone = analyze(doc.path(), documents.overlay());
    return new Snapshot(
        alone,
        doc,
        fileIn(alone, doc.path()).orElseGet(() -> new SourceFile(doc.path(), "", doc.text())));
  }

  /**
   * Marks {@code file}'s configuration and those whose last analysis read it as stale; with {@code
   * unlessCompiled}, not those whose last analysis read the buffer as it is now. Whether any is.
   */
  private boolean markStale(Path file, boolean unlessCompiled) {
    Documents.Document now = documents.at(file).orElse(null);
    boolean any = false;
    Set<Path> entries = new LinkedHashSet<>();
    entries.add(configurations.entryOf(file, documents.overlay()));
    for (Map.Entry<Path, Analysis> e : latest.entrySet()) {
      if (fileIn(e.getValue(), file).isPresent()) entries.add(e.getKey());
    }
    for (Path entry : entries) {
      Map<Path, Documents.Document> read = compiledWith.get(entry);
      if (unlessCompiled && read != null && now != null && now.equals(read.get(file))) continue;
      stale.add(entry);
      any = true;
    }
    return any;
  }

  private void recompileStale() {
    for (Path entry : new ArrayList<>(stale)) recompile(entry);
  }

  private void recompile(Path entry) {
    stale.remove(entry);
    // One view of the buffers for the compile and the versions it publishes under: an edit that
    // arrives during the compile is marked stale and compiled in the next round.
    Map<Path, Documents.Document> buffers = documents.snapshot();
    Map<Path, String> overlay = Documents.overlay(buffers);
    Analysis a = analyze(entry, overlay);
    latest.put(entry, a);
    compiledWith.put(entry, buffers);
    for (Documents.Document doc : buffers.values()) {
      if (!configurations.entryOf(doc.path(), overlay).equals(entry)) continue;
      List<Diagnostic> mine = new ArrayList<>();
      for (Diagnostic d : a.compilation().diagnostics()) {
        if (samePath(d.span().file(), doc.path())) mine.add(d);
      }
      publisher.accept(new Published(doc, mine));
    }
  }

  private Analysis analyze(Path entry, Map<Path, String> overlay) {
    return Compiler.analyze(new CompileOptions(entry, Optional.empty(), environment, overlay));
  }

  private static Optional<SourceFile> fileIn(Analysis a, Path path) {
    for (SourceFile f : a.compilation().sources()) {
      if (samePath(f, path)) return Optional.of(f);
    }
    return Optional.empty();
  }

  private static boolean samePath(SourceFile f, Path path) {
    return f.path().toAbsolutePath().normalize().equals(path);
  }

  /** Nothing that goes wrong in one round may stop the worker: it is logged and forgotten. */
  private void guarded(String what, Runnable r) {
    try {
      r.run();
    } catch (RuntimeException | LinkageError | StackOverflowError e) {
      log.accept("poolform: " + what + " failed: " + e);
    }
  }

  @Override
  public void close() {
    worker.shutdownNow();
  }
}
