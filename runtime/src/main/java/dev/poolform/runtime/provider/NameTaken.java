package dev.poolform.runtime.provider;

import java.util.Map;

/**
 * Why a pool's create is refused when a group (or part of one) already holds the name the pool
 * needs, in one wording for every cloud: what the user can do depends only on whose it is ({@link
 * Ownership#holder}). A group no Poolform configuration manages can be adopted ({@code pool
 * import}); one another configuration manages must not be taken from under it, so {@code pool
 * import} is offered only after that configuration releases it ({@code pool state rm}); one this
 * configuration left under another address may be taken.
 */
public final class NameTaken {
  private NameTaken() {}

  /**
   * @param what what holds the name: "An Auto Scaling group named `web`"
   * @param where where it is, after "already exists": " in resource group rg", or ""
   * @param tags the ownership tags it carries ({@link Ownership#LINEAGE}, {@link
   *     Ownership#ADDRESS})
   * @param lineage this configuration's state lineage
   * @param address the pool whose create is refused
   * @param importId what {@code pool import} takes to adopt the group (a name or a resource id)
   */
  public static String message(
      String what,
      String where,
      Map<String, String> tags,
      String lineage,
      String address,
      String importId) {
    String exists = what + " already exists" + where;
    String adopt = "`pool import " + address + " " + importId + "`";
    String owner = tags == null ? null : tags.get(Ownership.LINEAGE);
    if (owner == null) {
      return exists
          + " and no Poolform configuration manages it. Adopt it with "
          + adopt
          + ", or rename the pool.";
    }
    String holder = Ownership.holder(tags, lineage);
    if (owner.equals(lineage)) {
      // A leftover of this configuration under another address (a killed create, then a rename):
      // the plan deletes it as that address's stray unless the new pool takes it.
      return exists
          + " and belongs to "
          + holder
          + ". Take it with "
          + adopt
          + ", or rename the pool.";
    }
    String ownerAddress = tags.get(Ownership.ADDRESS);
    return exists
        + " and belongs to "
        + holder
        + ". Rename the pool; to move the group to this one, release it in its configuration first"
        + " (`pool state rm "
        + (ownerAddress == null ? "ADDRESS" : ownerAddress)
        + "`), then "
        + adopt
        + ".";
  }
}
