package dev.poolform.provider.azure.mapping;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A scale set's resource id, taken apart. */
public record ScaleSetId(String subscription, String resourceGroup, String name) {
  private static final Pattern ID =
      Pattern.compile(
          "/subscriptions/([^/]+)/resourceGroups/([^/]+)/providers/Microsoft\\.Compute/virtualMachineScaleSets/([^/]+)/?",
          Pattern.CASE_INSENSITIVE);

  public static Optional<ScaleSetId> parse(String id) {
    if (id == null) return Optional.empty();
    Matcher m = ID.matcher(id.trim());
    return m.matches()
        ? Optional.of(new ScaleSetId(m.group(1), m.group(2), m.group(3)))
        : Optional.empty();
  }

  public String id() {
    return "/subscriptions/"
        + subscription
        + "/resourceGroups/"
        + resourceGroup
        + "/providers/Microsoft.Compute/virtualMachineScaleSets/"
        + name;
  }
}
