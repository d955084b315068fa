package dev.poolform.cli;

/**
 * Signals a test sends to a command running in-process: {@link #interrupt()} is what the first
 * Ctrl-C or SIGTERM does to a real process (the handler the command armed is called with 1). A
 * second signal would halt the JVM, so in-process runs never send one; the child-process tests
 * cover it.
 */
public final class TriggeredInterrupts implements Interrupts {
  private Handler handler;

  @Override
  public synchronized Armed arm(Handler h) {
    handler = h;
    return () -> {
      synchronized (this) {
        if (handler == h) handler = null;
      }
    };
  }

  /** Sends the first signal; false when no command is listening (none started or it ended). */
  public boolean interrupt() {
    Handler h;
    synchronized (this) {
      h = handler;
    }
    if (h == null) return false;
    h.interrupted(1);
    return true;
  }

  @Override
  public void halt(int status) {
    throw new IllegalStateException("a second signal would halt the test JVM");
  }
}
