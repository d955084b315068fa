package dev.poolform.provider.aws.session;

import dev.poolform.provider.aws.connect.Retries;
import dev.poolform.provider.aws.errors.AwsErrors;
import dev.poolform.runtime.provider.ProviderException;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Runs SDK calls and turns their failures into provider exceptions.
 *
 * <p>Writes are where retries can duplicate work: when the connection drops after AWS carried out a
 * create, repeating it creates a second version, a second group. The SDK client for writes
 * therefore does not retry dropped connections (see {@link Retries}); {@link #write} does, after
 * asking {@code alreadyDone} whether the first attempt took effect.
 */
final class Calls {
  private Calls() {}

  /** How often a write is repeated after a dropped connection. */
  static final int WRITE_ATTEMPTS = 6;

  /** A check that may itself call AWS. */
  @FunctionalInterface
  interface Check<T> {
    Optional<T> get() throws ProviderException;
  }

  static <T> T read(String what, Supplier<T> call) throws ProviderException {
    try {
      return call.get();
    } catch (SdkException e) {
      throw AwsErrors.map(what, e);
    }
  }

  /** A write that is safe to repeat as it is (updates, deletes by name). */
  static <T> T write(String what, Supplier<T> call) throws ProviderException {
    return write(what, call, Optional::empty);
  }

  /**
   * A write; after a dropped connection, {@code alreadyDone} is asked first and its answer used if
   * it has one, else the call is repeated.
   */
  static <T> T write(String what, Supplier<T> call, Check<T> alreadyDone) throws ProviderException {
    for (int attempt = 1; ; attempt++) {
      try {
        return call.get();
      } catch (SdkException e) {
        if (!Retries.isConnectionFailure(e) || attempt >= WRITE_ATTEMPTS) {
          throw AwsErrors.map(what, e);
        }
        sleep(attempt);
        Optional<T> done = alreadyDone.get();
        if (done.isPresent()) return done.get();
      }
    }
  }

  static void sleep(int attempt) throws ProviderException {
    long cap = Math.min(5_000, 100L << Math.min(attempt, 6));
    pause(ThreadLocalRandom.current().nextLong(cap / 2, cap + 1));
  }

  static void pause(long millis) throws ProviderException {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ProviderException(
          ProviderException.Kind.TRANSIENT, "Interrupted while waiting for AWS.");
    }
  }
}
