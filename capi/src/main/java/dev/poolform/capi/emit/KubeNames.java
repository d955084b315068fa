package dev.poolform.capi.emit;

import java.util.Locale;
import java.util.regex.Pattern;

/** Kubernetes' naming rules for object names and labels, as the API server enforces them. */
public final class KubeNames {
  private KubeNames() {}

  private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
  private static final Pattern DNS_SUBDOMAIN =
      Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
  private static final Pattern LABEL_NAME =
      Pattern.compile("([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]");
  private static final Pattern LABEL_VALUE =
      Pattern.compile("(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?");

  /**
   * Object names double as label values ({@code cluster.x-k8s.io/deployment-name}), so they must be
   * DNS labels: at most 63 characters of {@code [a-z0-9-]}.
   */
  public static boolean isObjectName(String s) {
    return s.length() <= 63 && DNS_LABEL.matcher(s).matches();
  }

  /** The nearest valid object name: lower case, other characters as {@code -}, at most 63. */
  public static String toObjectName(String s) {
    String lower = s.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]+", "-");
    lower = lower.replaceAll("^-+", "").replaceAll("-+$", "");
    if (lower.length() > 63) lower = lower.substring(0, 63).replaceAll("-+$", "");
    return lower.isEmpty() ? "pool" : lower;
  }

  public static boolean isLabelKey(String key) {
    int slash = key.indexOf('/');
    String prefix = slash < 0 ? null : key.substring(0, slash);
    String name = slash < 0 ? key : key.substring(slash + 1);
    if (prefix != null && (prefix.length() > 253 || !DNS_SUBDOMAIN.matcher(prefix).matches())) {
      return false;
    }
    return name.length() <= 63 && LABEL_NAME.matcher(name).matches();
  }

  public static boolean isLabelValue(String value) {
    return value.length() <= 63 && LABEL_VALUE.matcher(value).matches();
  }
}
