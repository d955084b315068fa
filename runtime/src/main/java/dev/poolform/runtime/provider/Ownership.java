package dev.poolform.runtime.provider;

import java.util.Map;

/**
 * Whose a group in a cloud is, as its ownership tags say: every provider tags each group (and what
 * belongs to it) with the pool's address and the configuration's lineage, and decides by this one
 * rule whether a group found under a new pool's name is that pool's own.
 */
public final class Ownership {
  private Ownership() {}

  /** The address of the pool a group belongs to. */
  public static final String ADDRESS = "poolform:address";

  /** The lineage of the state (the configuration) a group belongs to. */
  public static final String LINEAGE = "poolform:lineage";

  /**
   * Whether a resource tagged {@code tags} is pool {@code address}'s of configuration {@code
   * lineage}: the only one a create may take back as its own (a create retried after a crash or a
   * lost answer). Both must match. The lineage alone is not enough: a group this configuration's
   * killed create left under another address (the pool was renamed before the retry) belongs to
   * that address, whose leftover the plan deletes; adopting it as well would put it under two
   * addresses.
   */
  public static boolean samePool(Map<String, String> tags, String address, String lineage) {
    return tags != null
        && address != null
        && lineage != null
        && address.equals(tags.get(ADDRESS))
        && lineage.equals(tags.get(LINEAGE));
  }

  /**
   * Who holds a resource tagged {@code tags}, for the error that refuses a create, as seen from
   * configuration {@code lineage}: "`pool.web` of this configuration", "`pool.web` of another
   * configuration", "another configuration" (a lineage with no address) or "no configuration".
   */
  public static String holder(Map<String, String> tags, String lineage) {
    String owner = tags == null ? null : tags.get(LINEAGE);
    String address = tags == null ? null : tags.get(ADDRESS);
    if (owner == null) return "no configuration";
    String whose = owner.equals(lineage) ? "this configuration" : "another configuration";
    return address == null ? whose : "`" + address + "` of " + whose;
  }
}
