package dev.poolform.testing.arm;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * ARM's long-running operations: the {@code 201/200/202} answers to writes with {@code
 * Azure-AsyncOperation}, {@code Location} and {@code Retry-After} headers, and the status endpoints
 * behind them, which answer {@code InProgress} for {@link ArmEmulator#pollsBeforeDone} polls and
 * then the operation's end. An operation nobody polls still ends after {@link
 * ArmEmulator#operationMillis}, as ARM does not wait for pollers. Guarded by the emulator's lock.
 */
final class Operations {
  private final ArmEmulator arm;
  private final Map<String, AsyncOperation> byId = new HashMap<>();

  Operations(ArmEmulator arm) {
    this.arm = arm;
  }

  /**
   * The answer to a write on a scale set: its body ({@code 201} create, {@code 200} update) or
   * nothing ({@code 202} delete, after which the scale set goes away).
   */
  Reply started(int status, EmulatedScaleSet s, String name, long now, boolean deletes) {
    return started(status, s, name, now, deletes, null);
  }

  /** As above; with a rolling upgrade, the operation lasts until the upgrade ends. */
  Reply started(
      int status,
      EmulatedScaleSet s,
      String name,
      long now,
      boolean deletes,
      RollingUpgrade waitsFor) {
    AsyncOperation op = start(s, name, now, waitsFor);
    if (deletes) {
      op.onDone = () -> arm.scaleSets.remove(s.id.toLowerCase(Locale.ROOT));
    } else {
      op.onDone = () -> s.provisioningState = "Succeeded";
    }
    op.onFail = () -> s.provisioningState = "Failed";
    Reply r = Reply.of(status, status == 202 ? null : s.render(false));
    r.headers().put("Azure-AsyncOperation", url(s, op, false));
    if (status == 202) r.headers().put("Location", url(s, op, true));
    r.headers().put("Retry-After", Integer.toString(arm.pollRetryAfterSeconds));
    if (arm.pollsBeforeDone == 0 && !op.held()) op.finish();
    return r;
  }

  /** The {@code 202 Accepted} answer to an action (delete instances, upgrades, cancel). */
  Reply accepted(EmulatedScaleSet s, String name, long now) {
    AsyncOperation op = start(s, name, now, null);
    Reply r = Reply.of(202, null);
    r.headers().put("Azure-AsyncOperation", url(s, op, false));
    r.headers().put("Location", url(s, op, true));
    r.headers().put("Retry-After", Integer.toString(arm.pollRetryAfterSeconds));
    if (arm.pollsBeforeDone == 0) op.finish();
    return r;
  }

  /**
   * A poll of an operation's status: the {@code Azure-AsyncOperation} body, or with {@code monitor}
   * the {@code Location} protocol (202 while in progress, then 200 or the error).
   */
  Reply poll(String id, boolean monitor, String path, Map<String, String> q) {
    AsyncOperation op = byId.get(id);
    if (op == null) throw ArmError.notFound("operations/" + id);
    boolean inProgress = !op.done && (op.pollsLeft > 0 || op.held());
    if (inProgress) {
      if (op.pollsLeft > 0) op.pollsLeft--;
    } else {
      op.finish();
    }
    if (monitor) {
      if (inProgress) {
        Reply r = Reply.of(202, null);
        r.headers()
            .put(
                "Location",
                arm.endpoint()
                    + path.substring(1)
                    + "?monitor=true&api-version="
                    + q.get("api-version"));
        r.headers().put("Retry-After", Integer.toString(arm.pollRetryAfterSeconds));
        return r;
      }
      if (op.failure != null) return Reply.error(op.failure);
      return Reply.of(200, null);
    }
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    out.put("name", op.id);
    out.put("startTime", Instant.ofEpochMilli(op.startedAt).toString());
    out.put("status", inProgress ? "InProgress" : op.finalStatus);
    if (!inProgress) out.put("endTime", Instant.now().toString());
    if (!inProgress && op.failure != null) {
      ObjectNode err = out.putObject("error");
      err.put("code", op.failure.code);
      err.put("message", op.failure.getMessage());
    }
    Reply r = Reply.of(200, out);
    if (inProgress) r.headers().put("Retry-After", Integer.toString(arm.pollRetryAfterSeconds));
    return r;
  }

  /** Time passes: operations end after {@code operationMillis}; ended ones are forgotten. */
  void tick(long now) {
    for (AsyncOperation op : new ArrayList<>(byId.values())) {
      if (!op.done && !op.held() && now - op.startedAt >= arm.operationMillis) op.finish();
      if (op.done && now - op.startedAt > 60_000) byId.remove(op.id);
    }
  }

  private AsyncOperation start(EmulatedScaleSet s, String name, long now, RollingUpgrade waitsFor) {
    ArmError failure = null;
    if (arm.failNextOperations.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0) {
      failure =
          new ArmError(
              500,
              "InternalExecutionError",
              null,
              "An internal execution error occurred while running operation " + name + ".");
    }
    String[] with = arm.failNextOperationWith.getAndSet(null);
    if (with != null) failure = new ArmError(409, with[0], null, with[1]);
    AsyncOperation op =
        new AsyncOperation(
            UUID.randomUUID().toString(), name, now, arm.pollsBeforeDone, failure, waitsFor);
    byId.put(op.id, op);
    s.busy = op;
    return op;
  }

  private String url(EmulatedScaleSet s, AsyncOperation op, boolean monitor) {
    String sub = s.id.split("/", -1)[2];
    String location = s.body.path("location").asText("westus");
    return arm.endpoint()
        + "subscriptions/"
        + sub
        + "/providers/Microsoft.Compute/locations/"
        + location
        + "/operations/"
        + op.id
        + "?"
        + (monitor ? "monitor=true&" : "")
        + "api-version=2025-11-01";
  }
}
