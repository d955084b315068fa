package dev.poolform.testing.arm;

/**
 * A long-running operation as ARM reports it at {@code .../locations/{l}/operations/{id}}: {@code
 * InProgress} for a configured number of polls, then its final status. {@code onDone} applies the
 * operation's last effect (e.g. the scale set disappears after a delete) exactly once. A write that
 * started a rolling upgrade ({@link #waitsFor}) stays in progress until the upgrade ends, and ends
 * as it does.
 */
final class AsyncOperation {
  final String id;
  final String name;
  final long startedAt;
  int pollsLeft;

  /** The failure injected at the start ({@link ArmEmulator#failNextOperations}), if any. */
  private final ArmError injected;

  /** The rolling upgrade this operation lasts as long as, if any. */
  final RollingUpgrade waitsFor;

  Runnable onDone;
  Runnable onFail;
  boolean done;

  /** Succeeded, Failed or Canceled, once done. */
  String finalStatus;

  ArmError failure;

  AsyncOperation(
      String id,
      String name,
      long startedAt,
      int polls,
      ArmError injected,
      RollingUpgrade waitsFor) {
    this.id = id;
    this.name = name;
    this.startedAt = startedAt;
    this.pollsLeft = polls;
    this.injected = injected;
    this.waitsFor = waitsFor;
  }

  /** Whether the operation still has to wait for its rolling upgrade. */
  boolean held() {
    return waitsFor != null && waitsFor.active();
  }

  /** Finishes the operation (idempotent). */
  void finish() {
    if (done) return;
    done = true;
    pollsLeft = 0;
    failure = injected;
    finalStatus = "Succeeded";
    if (failure == null && waitsFor != null && !waitsFor.status.equals("Completed")) {
      if (waitsFor.status.equals("Cancelled")) {
        finalStatus = "Canceled";
      } else {
        failure = waitsFor.failure;
      }
    }
    if (failure != null) finalStatus = "Failed";
    if (failure == null) {
      if (onDone != null) onDone.run();
    } else if (onFail != null) {
      onFail.run();
    }
  }
}
