package dev.poolform.provider.azure.errors;

import com.azure.core.exception.HttpResponseException;
import com.azure.core.management.exception.ManagementError;
import com.azure.core.management.exception.ManagementException;
import dev.poolform.runtime.provider.ProviderException;
import dev.poolform.runtime.provider.ProviderException.Kind;
import java.util.Locale;

/**
 * Maps what the SDK throws to a {@link ProviderException}: the HTTP status and ARM error code pick
 * the kind, and the error's {@code target} (or, failing that, its code and message) picks the pool
 * attribute it is about, so the CLI can point at the line in the {@code .pool} file.
 */
public final class ArmErrors {
  /** ARM's refusal of Rolling mode without a health signal (a 400 {@code BadRequest}). */
  static final String HEALTH_MISSING = "health probe or health extension";

  private ArmErrors() {}

  public static ProviderException map(String what, RuntimeException e) {
    if (e instanceof ManagementException me) {
      ManagementError err = me.getValue();
      String code = err == null ? null : err.getCode();
      String target = err == null ? null : err.getTarget();
      String message =
          err == null || err.getMessage() == null ? firstLine(me.getMessage()) : err.getMessage();
      int status = me.getResponse() == null ? 0 : me.getResponse().getStatusCode();
      Kind kind = kindOf(status, code, message);
      String attribute =
          kind == Kind.INVALID_VALUE || kind == Kind.OTHER
              ? attributeOf(code, target, message)
              : null;
      String text = what + ": " + (code == null ? "" : code + ": ") + message;
      if (message != null && message.toLowerCase(Locale.ROOT).contains(HEALTH_MISSING)) {
        text +=
            " (declare `machine.health_probe { port = ... }`: Poolform then installs the Application Health"
                + " extension; see docs/providers/azure.md)";
      }
      if ("machine".equals(attribute)) {
        text +=
            " (Poolform replaces machines on an old model when a rollout finishes: let the pool's rollout"
                + " finish, or roll it back, before changing the model again)";
      }
      if (kind == Kind.CONFIGURATION) {
        text +=
            " (the identity needs the Virtual Machine Contributor role on the resource group; see docs/providers/azure.md)";
      }
      return new ProviderException(kind, code, attribute, text, e);
    }
    if (e instanceof HttpResponseException he) {
      int status = he.getResponse() == null ? 0 : he.getResponse().getStatusCode();
      return new ProviderException(
          kindOf(status, null, null), null, null, what + ": " + firstLine(he.getMessage()), e);
    }
    if (isUnreachable(e)) {
      // Not TRANSIENT: the SDK's retries are done (or were skipped because the endpoint never
      // answered), and the Retrier must not spend minutes on a wrong endpoint. Located at the cloud
      // block's `endpoint`, the usual cause.
      return new ProviderException(
          Kind.OTHER,
          null,
          "endpoint",
          "Could not reach Azure Resource Manager while "
              + what
              + ": "
              + unreachableReason(e)
              + ". Check the cloud's `endpoint` (or "
              + "POOLFORM_AZURE_ENDPOINT) and the network.",
          e);
    }
    // Connection failures the SDK's retries did not overcome, timeouts, reactor wrappers of both.
    return new ProviderException(
        Kind.TRANSIENT, null, null, what + ": " + firstLine(String.valueOf(e.getMessage())), e);
  }

  /** A long-running operation that ended Failed or Canceled, with ARM's error code if any. */
  public static ProviderException failedOperation(String what, String code, String message) {
    Kind kind = code == null ? Kind.OTHER : kindOf(0, code, message);
    if (kind == Kind.OTHER && code != null && !code.isEmpty()) kind = Kind.INVALID_VALUE;
    String attribute = kind == Kind.INVALID_VALUE ? attributeOf(code, null, message) : null;
    return new ProviderException(
        kind,
        code,
        attribute,
        what + ": the operation failed: " + (code == null ? "" : code + ": ") + message,
        null);
  }

  /**
   * The 409 codes that mean "busy, try again": a conflict with a concurrent request
   * (microsoft/onefuzz#2124), ARM's retryable error, another operation in progress.
   */
  static final java.util.Set<String> RETRYABLE_CONFLICTS =
      java.util.Set.of("Conflict", "RetryableError", "AnotherOperationInProgress");

  /**
   * What kind of failure an ARM answer is. Throttling (429, whatever its code: Compute answers
   * {@code OperationNotAllowed} with a {@code TooManyRequests} detail) and 5xx are transient. A 409
   * is retried only when it says the scale set is busy (a code of {@link #RETRYABLE_CONFLICTS}, or
   * {@code OperationNotAllowed} about an operation in progress); every other 409 is final and shown
   * at once: {@code PropertyChangeNotAllowed} and an OS disk smaller than the image are invalid
   * values, a quota or a size limit is a failure to report.
   */
  public static Kind kindOf(int status, String code, String message) {
    String c = code == null ? "" : code;
    String m = message == null ? "" : message.toLowerCase(Locale.ROOT);
    if (status == 401
        || status == 403
        || c.equals("AuthorizationFailed")
        || c.equals("AuthenticationFailed")
        || c.equals("InvalidAuthenticationToken")
        || c.equals("SubscriptionNotFound")) {
      return Kind.CONFIGURATION;
    }
    if (status == 404
        || c.equals("ResourceNotFound")
        || c.equals("NotFound")
        || c.equals("ResourceGroupNotFound")) {
      return c.equals("ResourceGroupNotFound") ? Kind.CONFIGURATION : Kind.NOT_FOUND;
    }
    if (status == 429
        || status >= 500
        || c.equals("TooManyRequests")
        || c.equals("InternalExecutionError")
        || c.equals("InternalServerError")
        || c.equals("ServerTimeout")) {
      return Kind.TRANSIENT;
    }
    if (RETRYABLE_CONFLICTS.contains(c)) return Kind.CONFLICT;
    if (c.equals("OperationNotAllowed") && busy(m)) return Kind.CONFLICT;
    if (status == 409 || c.equals("OperationNotAllowed")) {
      if (c.equals("PropertyChangeNotAllowed") || m.contains("smaller than the size"))
        return Kind.INVALID_VALUE;
      return Kind.OTHER;
    }
    if (status == 400) return Kind.INVALID_VALUE;
    return Kind.OTHER;
  }

  /** An {@code OperationNotAllowed} that only says the scale set is busy with something else. */
  private static boolean busy(String lowerMessage) {
    return lowerMessage.contains("in progress")
        || lowerMessage.contains("currently being")
        || lowerMessage.contains("concurrent");
  }

  /** The pool attribute an ARM error names, from its target, code or message; null if none. */
  public static String attributeOf(String code, String target, String message) {
    if ("InvalidResourceName".equals(code)) return "name";
    if ("VMScaleSetNetworkProfileHasNoNetworkInterfaceConfigs".equals(code))
      return "machine.subnet";
    String m = message == null ? "" : message.toLowerCase(Locale.ROOT);
    // Limits and quotas: what the user can change to get under them.
    if (m.contains("exceeding approved")) return "machine.size";
    if (m.contains("exceeds the total limit of")) return "capacity.max";
    if (m.contains("limit of 10 models") || m.contains("models that may be referenced"))
      return "machine";
    String t =
        (target == null ? "" : target)
            + " "
            + (target == null ? (message == null ? "" : message) : "");
    String s = t.toLowerCase(Locale.ROOT);
    if (s.contains(HEALTH_MISSING)) return "rollout.engine";
    if (s.contains("imagereference") || s.contains("image")) return "machine.image";
    if (s.contains("sku") || s.contains("vmsize") || s.contains("vm size")) return "machine.size";
    if (s.contains("zone")) return "machine.zones";
    if (s.contains("subnet")) return "machine.subnet";
    if (s.contains("userdata")) return "machine.user_data";
    if (s.contains("disksizegb")) return "machine.disk.size";
    if (s.contains("storageaccounttype")) return "machine.disk.type";
    if (s.contains("osdisk")) return "machine.disk";
    if (s.contains("rollbackfailedinstancesonpolicybreach")) return "rollout.auto_rollback";
    if (s.contains("singleplacementgroup")) return "capacity.max";
    if (t.trim().equals("tags")) return "labels";
    if (s.contains("eviction")
        || s.contains("billingprofile")
        || s.contains("maxprice")
        || s.contains("priority")) {
      return "machine.spot";
    }
    if (s.contains("orchestrationmode") || s.contains("platformfaultdomaincount"))
      return "machine.orchestration";
    if (s.contains("capacity")) return "capacity.desired";
    if (s.contains("rollingupgradepolicy") || s.contains("upgradepolicy")) return "rollout";
    if (s.contains("vmscalesetname") || s.contains("resource name")) return "name";
    return null;
  }

  /**
   * No connection could be made (refused, unknown host, no route, connect timeout): nothing was
   * sent.
   */
  public static boolean isUnreachable(Throwable t) {
    return unreachableCause(t) != null;
  }

  private static Throwable unreachableCause(Throwable t) {
    for (Throwable c = t; c != null && c.getCause() != c; c = c.getCause()) {
      if (c instanceof java.net.ConnectException
          || c instanceof java.net.NoRouteToHostException
          || c instanceof java.net.UnknownHostException) {
        return c;
      }
    }
    return null;
  }

  private static String unreachableReason(Throwable t) {
    Throwable c = unreachableCause(t);
    String m = c.getMessage();
    return c.getClass().getSimpleName() + (m == null ? "" : ": " + firstLine(m));
  }

  private static String firstLine(String m) {
    if (m == null) return "";
    int nl = m.indexOf('\n');
    return nl < 0 ? m : m.substring(0, nl);
  }
}
