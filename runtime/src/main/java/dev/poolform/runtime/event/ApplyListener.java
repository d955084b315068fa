package dev.poolform.runtime.event;

/** Receives apply events; called from several threads, so implementations must be thread-safe. */
@FunctionalInterface
public interface ApplyListener {
  ApplyListener NONE = e -> {};

  void on(ApplyEvent event);

  /** Sends every event to both. */
  default ApplyListener and(ApplyListener other) {
    return e -> {
      on(e);
      other.on(e);
    };
  }
}
