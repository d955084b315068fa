package dev.poolform.cli;

/**
 * Signals a test sends to a command running in-process: {@link #interrupt()} is what the first
 * Ctrl-C or SIGTERM does to a real process (the handler the command armed is called with 1). A
 * second signal would halt the JVM: in-process, {@link #interruptTwice} stops short of it, and the
 * child-process tests cover the halt itself.
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

  /**
   * Sends a first and a second signal at once: what the second does up to the halt (its message,
   * the abort). The JVM is not halted; the status it would have exited with is returned, or -1 when
   * no command is listening.
   */
  public int interruptTwice() {
    Handler h;
    synchronized (this) {
      h = handler;
    }
    if (h == null) return -1;
    h.interrupted(1);
    try {
      h.interrupted(2);
    } catch (Halted e) {
      return e.status;
    }
    throw new IllegalStateException("the second signal did not halt");
  }

  /** Stands in for the halt a second signal ends in. */
  static final class Halted extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final int status;

    Halted(int status) {
      super("a second signal would halt the test JVM with status " + status);
      this.status = status;
    }
  }

  @Override
  public void halt(int status) {
    throw new Halted(status);
  }
}
