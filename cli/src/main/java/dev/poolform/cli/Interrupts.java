package dev.poolform.cli;

/**
 * Where Ctrl-C and SIGTERM reach a command: the running process's signals ({@link OsInterrupts})
 * or, for commands run in-process by tests, nothing (or a trigger the test pulls). An apply or a
 * destroy arms it for as long as it holds the state lock, {@code pool watch} for its whole run (so
 * it stops after its current step); at any other time a signal ends the process as usual.
 */
public interface Interrupts {
  /** Receives the signals: {@code count} is 1 for the first, 2 for the second, and so on. */
  @FunctionalInterface
  interface Handler {
    void interrupted(int count);
  }

  /** Signals reach the handler until this is closed. */
  interface Armed extends AutoCloseable {
    @Override
    void close();
  }

  Armed arm(Handler handler);

  /** Ends the process at once with {@code status}, running nothing more (a second signal). */
  void halt(int status);

  /** Signals are not this command's business: in-process runs. */
  Interrupts NONE =
      new Interrupts() {
        @Override
        public Armed arm(Handler handler) {
          return () -> {};
        }

        @Override
        public void halt(int status) {
          throw new IllegalStateException("halt(" + status + ") in an in-process run");
        }
      };
}
