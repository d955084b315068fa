package dev.poolform.testing.arm;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Resource Manager paths the emulator serves, and the operation name each request counts under
 * (the names tests read with {@link ArmEmulator#count} and aim faults at). Paths match
 * case-insensitively, as ARM's do.
 */
final class ArmPaths {
  private static final String SS =
      "/subscriptions/([^/]+)/resourceGroups/([^/]+)/providers/Microsoft\\.Compute/virtualMachineScaleSets";
  static final Pattern LIST_ALL =
      Pattern.compile(
          "/subscriptions/([^/]+)/providers/Microsoft\\.Compute/virtualMachineScaleSets",
          Pattern.CASE_INSENSITIVE);
  static final Pattern LIST_RG = Pattern.compile(SS, Pattern.CASE_INSENSITIVE);

  /** One scale set (groups 1-3: subscription, resource group, name), then a sub-path (group 4). */
  static final Pattern ONE = Pattern.compile(SS + "/([^/]+)(/.*)?", Pattern.CASE_INSENSITIVE);

  static final Pattern VM_LIST_ALL =
      Pattern.compile(
          "/subscriptions/([^/]+)/providers/Microsoft\\.Compute/virtualMachines",
          Pattern.CASE_INSENSITIVE);
  static final Pattern VM_LIST =
      Pattern.compile(
          "/subscriptions/([^/]+)/resourceGroups/([^/]+)/providers/Microsoft\\.Compute/virtualMachines",
          Pattern.CASE_INSENSITIVE);
  static final Pattern VM_ONE =
      Pattern.compile(
          "/subscriptions/([^/]+)/resourceGroups/([^/]+)/providers/Microsoft\\.Compute/virtualMachines/([^/]+)",
          Pattern.CASE_INSENSITIVE);
  static final Pattern OPERATION =
      Pattern.compile(
          "/subscriptions/([^/]+)/providers/Microsoft\\.Compute/locations/([^/]+)/operations/([^/]+)",
          Pattern.CASE_INSENSITIVE);

  private ArmPaths() {}

  /** The resource id of a scale set. */
  static String id(String sub, String rg, String name) {
    return "/subscriptions/"
        + sub
        + "/resourceGroups/"
        + rg
        + "/providers/Microsoft.Compute/virtualMachineScaleSets/"
        + name;
  }

  /**
   * The resource a request's per-resource throttling bucket is kept for: the scale set, the VM or
   * the operation it addresses; the subscription for lists.
   */
  static String throttlingResource(String path) {
    Matcher m = ONE.matcher(path);
    if (m.matches()) return id(m.group(1), m.group(2), m.group(3));
    m = VM_ONE.matcher(path);
    if (m.matches()) return path;
    m = OPERATION.matcher(path);
    if (m.matches()) return "operations/" + m.group(3);
    return subscription(path);
  }

  /** The subscription id in a path, or empty. */
  static String subscription(String path) {
    String[] parts = path.split("/", -1);
    return parts.length > 2 && parts[1].equalsIgnoreCase("subscriptions") ? parts[2] : "";
  }

  /** The operation a request counts under, e.g. {@code createOrUpdate} or {@code listVMs}. */
  static String classify(String method, String path) {
    if (LIST_ALL.matcher(path).matches()) return "listAll";
    if (LIST_RG.matcher(path).matches()) return "listByResourceGroup";
    if (OPERATION.matcher(path).matches()) return "operationStatus";
    if (VM_LIST_ALL.matcher(path).matches()) return "listAllVirtualMachines";
    if (VM_LIST.matcher(path).matches()) return "listVirtualMachines";
    if (VM_ONE.matcher(path).matches())
      return method.equals("DELETE") ? "deleteVirtualMachine" : "getVirtualMachine";
    Matcher m = ONE.matcher(path);
    if (!m.matches()) return "unknown";
    String rest = m.group(4) == null ? "" : m.group(4).toLowerCase(Locale.ROOT);
    if (rest.isEmpty()) {
      return switch (method) {
        case "GET" -> "get";
        case "PUT" -> "createOrUpdate";
        case "PATCH" -> "update";
        case "DELETE" -> "delete";
        default -> "unknown";
      };
    }
    if (rest.equals("/virtualmachines")) return "listVMs";
    if (rest.startsWith("/virtualmachines/")) return method.equals("DELETE") ? "deleteVM" : "getVM";
    return switch (rest) {
      case "/delete" -> "deleteInstances";
      case "/manualupgrade" -> "manualUpgrade";
      case "/osrollingupgrade" -> "osRollingUpgrade";
      case "/rollingupgrades/latest" -> "rollingUpgradeLatest";
      case "/rollingupgrades/cancel" -> "rollingUpgradeCancel";
      default -> "unknown";
    };
  }
}
