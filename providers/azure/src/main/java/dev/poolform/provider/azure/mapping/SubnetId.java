package dev.poolform.provider.azure.mapping;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A subnet resource id ({@code /subscriptions/S/resourceGroups/RG/providers/Microsoft.Network/
 * virtualNetworks/VNET/subnets/NAME}) and the virtual network it belongs to.
 */
public final class SubnetId {
  private static final Pattern ID =
      Pattern.compile(
          "(?i)(/subscriptions/[^/]+/resourceGroups/[^/]+/providers/Microsoft\\.Network/virtualNetworks/[^/]+)/subnets/[^/]+");

  private SubnetId() {}

  /** The id of the subnet's virtual network, lower-cased; empty when this is no subnet id. */
  public static Optional<String> virtualNetwork(String subnetId) {
    Matcher m = ID.matcher(subnetId == null ? "" : subnetId.trim());
    return m.matches() ? Optional.of(m.group(1).toLowerCase(Locale.ROOT)) : Optional.empty();
  }
}
