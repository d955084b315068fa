package dev.poolform.testing.arm;

/**
 * A long-running operation as ARM reports it at {@code .../locations/{l}/operations/{id}}: {@code
 * InProgress} for a configured number of polls, then its final status. {@code onDone} applies the
 * operation's last effect (e.g. the scale set disappears after a delete) exactly once.
 */
final class AsyncOperation {
  final String id;
  final String name;
  final long startedAt;
  int pollsLeft;

  /** Succeeded or Failed; reported once {@code pollsLeft} reaches zero. */
  final String finalStatus;

  final ArmError failure;
  Runnable onDone;
  Runnable onFail;
  boolean done;

  AsyncOperation(
      String id, String name, long startedAt, int polls, ArmError failure, Runnable onDone) {
    this.id = id;
    this.name = name;
    this.startedAt = startedAt;
    this.pollsLeft = polls;
    this.failure = failure;
    this.finalStatus = failure == null ? "Succeeded" : "Failed";
    this.onDone = onDone;
  }

  /** Finishes the operation (idempotent). */
  void finish() {
    if (done) return;
    done = true;
    pollsLeft = 0;
    if (failure == null) {
      if (onDone != null) onDone.run();
    } else if (onFail != null) {
      onFail.run();
    }
  }
}
