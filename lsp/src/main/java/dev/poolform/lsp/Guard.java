package dev.poolform.lsp;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;
import org.eclipse.lsp4j.jsonrpc.ResponseErrorException;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseError;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseErrorCode;

/**
 * Keeps one failing request from harming the others: whatever it throws (a bug, a stack overflow)
 * becomes that request's error response and a line in the client's log, and the server goes on
 * answering. Refusals the features meant ({@link ResponseErrorException}) pass through as they are.
 */
final class Guard {
  private final Consumer<String> log;

  Guard(Consumer<String> log) {
    this.log = log;
  }

  <T> CompletableFuture<T> request(
      String method, java.util.function.Supplier<CompletableFuture<T>> work) {
    CompletableFuture<T> f;
    try {
      f = work.get();
    } catch (RuntimeException | LinkageError | StackOverflowError e) {
      f = CompletableFuture.failedFuture(e);
    }
    return f.handle(
        (value, error) -> {
          if (error == null) return value;
          Throwable cause =
              error instanceof CompletionException && error.getCause() != null
                  ? error.getCause()
                  : error;
          if (cause instanceof ResponseErrorException r) throw r;
          String message = "poolform: " + method + " failed: " + cause;
          log.accept(message);
          throw new ResponseErrorException(
              new ResponseError(ResponseErrorCode.InternalError, message, null));
        });
  }

  /** For notifications, which have no response to carry an error. */
  void notification(String method, Runnable work) {
    try {
      work.run();
    } catch (RuntimeException | LinkageError | StackOverflowError e) {
      log.accept("poolform: " + method + " failed: " + e);
    }
  }
}
