package dev.poolform.lsp;

import java.util.Map;
import java.util.function.IntConsumer;

/**
 * How a server is set up.
 *
 * @param environment what {@code env()} in configurations reads (the editor's environment)
 * @param debounceMillis how long a round of recompiling waits after the edit that queued it
 * @param beforeRequest called with the method name as each request starts work; tests use it to
 *     make one request fail
 * @param exit called on the {@code exit} notification with the status the protocol asks for (0
 *     after {@code shutdown}, 1 without)
 */
public record ServerOptions(
    Map<String, String> environment,
    long debounceMillis,
    java.util.function.Consumer<String> beforeRequest,
    IntConsumer exit) {
  public ServerOptions {
    environment = Map.copyOf(environment);
  }

  /**
   * None: an edit that finds the server idle is compiled at once, and edits that arrive during a
   * compile share the next one ({@code Analyses}), which is all a quiet period would save.
   */
  public static final long DEFAULT_DEBOUNCE_MILLIS = 0;

  public static ServerOptions of(Map<String, String> environment, IntConsumer exit) {
    return new ServerOptions(environment, DEFAULT_DEBOUNCE_MILLIS, m -> {}, exit);
  }

  public ServerOptions withDebounce(long millis) {
    return new ServerOptions(environment, millis, beforeRequest, exit);
  }

  public ServerOptions withBeforeRequest(java.util.function.Consumer<String> hook) {
    return new ServerOptions(environment, debounceMillis, hook, exit);
  }
}
