package dev.poolform.provider.aws.errors;

import dev.poolform.provider.aws.connect.Retries;
import dev.poolform.runtime.provider.ProviderException;
import dev.poolform.runtime.provider.ProviderException.Kind;
import java.util.Locale;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkException;

/** Maps SDK exceptions to provider exceptions. */
public final class AwsErrors {
  private AwsErrors() {}

  private static final Set<String> AUTH =
      Set.of(
          "AuthFailure",
          "UnrecognizedClientException",
          "InvalidClientTokenId",
          "SignatureDoesNotMatch",
          "ExpiredToken",
          "ExpiredTokenException",
          "AccessDenied",
          "AccessDeniedException",
          "UnauthorizedOperation",
          "OptInRequired");

  private static final Set<String> CONFLICT =
      Set.of(
          "ScalingActivityInProgress",
          "ResourceInUse",
          "ResourceContention",
          "InstanceRefreshInProgress",
          "AlreadyExists",
          "InvalidLaunchTemplateName.AlreadyExistsException",
          "IncorrectState",
          "IncorrectInstanceState");

  /** The AWS error code, or null when the failure has no AWS answer. */
  public static String code(Throwable t) {
    if (t instanceof AwsServiceException e && e.awsErrorDetails() != null) {
      return e.awsErrorDetails().errorCode();
    }
    return null;
  }

  public static boolean isNotFound(Throwable t) {
    String c = code(t);
    return c != null
        && (c.contains("NotFound")
            || c.equals("InvalidInstanceID.NotFound")
            || (c.equals("ValidationError") && lower(t).contains("not found")));
  }

  /**
   * Maps {@code e}, thrown while doing {@code what} (e.g. "creating the launch template of
   * pool.web"), to a provider exception.
   */
  public static ProviderException map(String what, SdkException e) {
    if (e instanceof AwsServiceException s) {
      String code = code(s);
      String awsMessage =
          s.awsErrorDetails() != null && s.awsErrorDetails().errorMessage() != null
              ? s.awsErrorDetails().errorMessage()
              : s.getMessage();
      String message = "AWS refused " + what + ": " + awsMessage + " (" + code + ").";
      if (code == null && !Retries.isThrottling(s)) {
        // An answer with no AWS error in it comes from something that is not an AWS API (a proxy,
        // a web server at a mistyped endpoint): the SDK's text would only say "(null)".
        return new ProviderException(
            s.statusCode() >= 500 ? Kind.TRANSIENT : Kind.OTHER,
            null,
            null,
            "The endpoint answered HTTP "
                + s.statusCode()
                + " while "
                + what
                + ", with no AWS error in its reply: check that the cloud's `endpoint` (or"
                + " AWS_ENDPOINT_URL) is an AWS API.",
            e);
      }
      if (Retries.isThrottling(s) || s.statusCode() >= 500) {
        return new ProviderException(
            Kind.TRANSIENT,
            code,
            null,
            "AWS kept failing while "
                + what
                + " and retries ran out: "
                + awsMessage
                + " ("
                + code
                + ").",
            e);
      }
      if (code != null && AUTH.contains(code)) {
        return new ProviderException(Kind.CONFIGURATION, code, null, message, e);
      }
      if (code != null && CONFLICT.contains(code)) {
        return new ProviderException(Kind.CONFLICT, code, null, message, e);
      }
      if (isNotFound(s)) {
        String attr = attribute(code, awsMessage);
        return new ProviderException(
            attr != null ? Kind.INVALID_VALUE : Kind.NOT_FOUND, code, attr, message, e);
      }
      String attr = attribute(code, awsMessage);
      if (attr != null
          || (code != null && (code.startsWith("Invalid") || code.equals("ValidationError")))) {
        return new ProviderException(Kind.INVALID_VALUE, code, attr, message, e);
      }
      return new ProviderException(Kind.OTHER, code, null, message, e);
    }
    if (e instanceof ApiCallTimeoutException) {
      return new ProviderException(
          Kind.TRANSIENT, null, null, "AWS did not answer in time while " + what + ".", e);
    }
    if (Retries.isUnreachable(e)) {
      // Located at the cloud block's `endpoint`: a wrong endpoint is the usual cause.
      return new ProviderException(
          Kind.TRANSIENT,
          null,
          "endpoint",
          "Could not reach AWS while "
              + what
              + ": "
              + connectMessage(e)
              + ". Check the cloud's `endpoint` (or AWS_ENDPOINT_URL), the region and the network.",
          e);
    }
    if (Retries.isConnectionFailure(e)) {
      return new ProviderException(
          Kind.TRANSIENT,
          null,
          null,
          "Could not reach AWS while " + what + ": " + rootMessage(e) + ".",
          e);
    }
    return new ProviderException(
        Kind.OTHER, null, null, "Failed while " + what + ": " + rootMessage(e) + ".", e);
  }

  /**
   * The pool attribute an AWS validation error is about, from its code and, where AWS uses one
   * generic code, from the words of its message.
   */
  public static String attribute(String code, String message) {
    String c = code == null ? "" : code;
    String m = message == null ? "" : message.toLowerCase(Locale.ROOT);
    if (c.startsWith("InvalidAMIID")
        || word(m, "ami")
        || m.contains("ami-")
        || m.contains("image id")
        || m.contains("imageid")) {
      return "machine.image";
    }
    if (m.contains("availability zone") || m.contains("availabilityzone")) return "machine.zones";
    if (c.startsWith("InvalidSubnet") || m.contains("subnet")) return "machine.subnets";
    if (m.contains("instance type") || m.contains("instancetype")) {
      return m.contains("override") ? "machine.instance_types" : "machine.size";
    }
    if (m.contains("user data") || m.contains("userdata")) return "machine.user_data";
    if (m.contains("volumetype") || m.contains("volume type")) return "machine.disk.type";
    if (m.contains("volumesize") || m.contains("volume size") || m.contains("volume of size")) {
      return "machine.disk.size";
    }
    if (m.contains("spot") && m.contains("price")) return "machine.spot.max_price";
    if (m.contains("spotallocationstrategy") || m.contains("allocation strategy")) {
      return "machine.spot.allocation";
    }
    if (m.contains("ondemandbasecapacity")) return "machine.spot.on_demand_base";
    if (m.contains("ondemandpercentage")) return "machine.spot.on_demand_percent";
    if (m.contains("desired capacity") || m.contains("desiredcapacity")) return "capacity.desired";
    if (m.contains("max size") || m.contains("maxsize") || m.contains("max bound"))
      return "capacity.max";
    if (m.contains("min size") || m.contains("minsize") || m.contains("min bound"))
      return "capacity.min";
    if (m.contains("minhealthypercentage") || m.contains("maxhealthypercentage")) return "rollout";
    if (m.contains("instancewarmup")) return "rollout.min_ready";
    if (word(m, "tag") || word(m, "tags")) return "labels";
    return null;
  }

  private static boolean word(String text, String w) {
    return java.util.regex.Pattern.compile("\\b" + java.util.regex.Pattern.quote(w) + "\\b")
        .matcher(text)
        .find();
  }

  private static String lower(Throwable t) {
    return t.getMessage() == null ? "" : t.getMessage().toLowerCase(Locale.ROOT);
  }

  /** The HTTP client's "Connect to HOST:PORT ... failed: REASON", else the root cause's text. */
  private static String connectMessage(Throwable t) {
    for (Throwable c = t; c != null && c.getCause() != c; c = c.getCause()) {
      String m = c.getMessage();
      if (m != null && m.startsWith("Connect to ")) {
        // "Connect to 127.0.0.1:1 [/127.0.0.1] failed: Connection refused": the resolved address
        // in brackets repeats the host.
        return m.replaceFirst(" \\[[^]]*\\]", "").replaceFirst(" \\(Connection refused\\)$", "");
      }
    }
    return rootMessage(t);
  }

  private static String rootMessage(Throwable t) {
    Throwable c = t;
    while (c.getCause() != null && c.getCause() != c) c = c.getCause();
    return c.getMessage() == null ? c.getClass().getSimpleName() : c.getMessage();
  }
}
