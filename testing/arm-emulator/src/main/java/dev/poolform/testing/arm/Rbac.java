package dev.poolform.testing.arm;

import java.util.Locale;

/**
 * Role assignments, as far as the emulator models them: a role on one resource group ({@link
 * ArmEmulator#roleResourceGroup}) covers requests under that group and nothing at subscription
 * scope. ARM refuses the rest with 403 {@code AuthorizationFailed}, "The client '...' with object
 * id '...' does not have authorization to perform action '...' over scope '...' or the scope is
 * invalid." (the wording reported in Azure/azure-sdk-for-go#3117, Azure/azure-sdk-for-net#1157 and
 * MicrosoftDocs/azure-docs#77897; the action named here is derived from the path, our choice).
 * Polls of a long-running operation's status ({@code .../locations/L/operations/ID}) are served:
 * ARM lets the caller that started an operation follow it, whatever the role's scope.
 */
final class Rbac {
  static final String CLIENT = "00000000-0000-0000-0000-00000000c11e";

  private Rbac() {}

  /** The refusal of a request outside the role's resource group, or null when it is covered. */
  static ArmError refusal(String roleResourceGroup, String method, String path) {
    if (roleResourceGroup == null) return null;
    String lower = path.toLowerCase(Locale.ROOT);
    if (lower.contains("/locations/") && lower.contains("/operations/")) return null;
    String group = "/resourcegroups/" + roleResourceGroup.toLowerCase(Locale.ROOT);
    int at = lower.indexOf(group);
    if (at >= 0
        && (lower.length() == at + group.length() || lower.charAt(at + group.length()) == '/'))
      return null;
    int providers = lower.indexOf("/providers/");
    String scope = providers < 0 ? path : path.substring(0, providers);
    String type =
        lower.contains("/virtualmachinescalesets") ? "virtualMachineScaleSets" : "virtualMachines";
    String verb =
        switch (method) {
          case "GET" -> "read";
          case "DELETE" -> "delete";
          case "POST" -> "action";
          default -> "write";
        };
    return new ArmError(
        403,
        "AuthorizationFailed",
        null,
        "The client '"
            + CLIENT
            + "' with object id '"
            + CLIENT
            + "' does not have authorization to perform action 'Microsoft.Compute/"
            + type
            + "/"
            + verb
            + "' over scope '"
            + scope
            + "' or the scope is invalid. If access was recently granted, please refresh your"
            + " credentials.");
  }
}
