package dev.poolform.runtime.engine;

import dev.poolform.runtime.provider.ProviderException;
import dev.poolform.runtime.state.PendingIntent;
import dev.poolform.runtime.state.State;
import dev.poolform.runtime.state.StateException;
import java.time.Clock;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.function.UnaryOperator;

/**
 * Write-ahead intents around mutating cloud calls: the intent is on disk before the call starts and
 * is removed after it, together with whatever the call's result changes in state (one write). A
 * process killed during the call leaves the intent behind for the next plan to reason about.
 */
public final class Intents {
  private final StatePersister persister;
  private final Clock clock;

  public Intents(StatePersister persister, Clock clock) {
    this.persister = persister;
    this.clock = clock;
  }

  /** A mutating cloud call that receives its idempotency token. */
  @FunctionalInterface
  public interface Call<T> {
    T run(String token) throws ProviderException;
  }

  public StatePersister persister() {
    return persister;
  }

  /**
   * Runs {@code call} under an intent; {@code onSuccess} updates state in the same write that
   * clears it.
   */
  public <T> T call(
      String operation,
      String address,
      String expectedName,
      String token,
      Call<T> call,
      BiFunction<State, T, State> onSuccess)
      throws ProviderException, StateException {
    return call(operation, address, expectedName, token, UnaryOperator.identity(), call, onSuccess);
  }

  /**
   * {@link #call} that also changes state in the write that records the intent, before the call:
   * for what must be on disk even if the process dies during the call (work the call starts and a
   * later step must see through, {@link dev.poolform.runtime.state.OwedWork}).
   */
  public <T> T call(
      String operation,
      String address,
      String expectedName,
      String token,
      UnaryOperator<State> before,
      Call<T> call,
      BiFunction<State, T, State> onSuccess)
      throws ProviderException, StateException {
    String t = token != null ? token : UUID.randomUUID().toString();
    persister.update(
        s ->
            before
                .apply(s)
                .withPending(
                    new PendingIntent(operation, address, t, expectedName, clock.instant())));
    T result;
    try {
      result = call.run(t);
    } catch (ProviderException | RuntimeException e) {
      // The call's outcome is known (it failed); the intent has served its purpose.
      try {
        persister.update(s -> s.withoutPending(p -> p.token().equals(t)));
      } catch (StateException ignored) {
        // The original failure is the one to report.
      }
      throw e;
    }
    final T r = result;
    persister.update(s -> onSuccess.apply(s.withoutPending(p -> p.token().equals(t)), r));
    return r;
  }

  /** {@link #call} for calls without a result and without a state change. */
  public void run(String operation, String address, String expectedName, VoidCall call)
      throws ProviderException, StateException {
    run(operation, address, expectedName, UnaryOperator.identity(), call);
  }

  /** {@link #run} that changes state with the intent, before the call. */
  public void run(
      String operation,
      String address,
      String expectedName,
      UnaryOperator<State> before,
      VoidCall call)
      throws ProviderException, StateException {
    call(
        operation,
        address,
        expectedName,
        null,
        before,
        t -> {
          call.run();
          return Boolean.TRUE;
        },
        (s, r) -> s);
  }

  @FunctionalInterface
  public interface VoidCall {
    void run() throws ProviderException;
  }
}
