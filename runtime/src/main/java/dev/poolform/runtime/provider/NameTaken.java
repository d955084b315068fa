package dev.poolform.runtime.provider;

import java.util.Optional;

/**
 * Why a pool's create is refused when a group (or part of one) already holds the name the pool
 * needs, in one wording for every cloud: what the user can do depends only on whose it is. A group
 * no Poolform configuration manages can be adopted ({@code pool import}); one another configuration
 * manages must not be taken from under it, so {@code pool import} is offered only after that
 * configuration releases it ({@code pool state rm}); one of another pool of this configuration
 * cannot be shared.
 */
public final class NameTaken {
  private NameTaken() {}

  /**
   * @param what what holds the name: "An Auto Scaling group named `web`"
   * @param where where it is, after "already exists": " in resource group rg", or ""
   * @param ownerLineage the {@code poolform:lineage} tag it carries, if any
   * @param ownerAddress the {@code poolform:address} tag it carries, if any
   * @param lineage this configuration's state lineage
   * @param address the pool whose create is refused
   * @param importId what {@code pool import} takes to adopt the group (a name or a resource id)
   */
  public static String message(
      String what,
      String where,
      Optional<String> ownerLineage,
      Optional<String> ownerAddress,
      String lineage,
      String address,
      String importId) {
    String exists = what + " already exists" + where;
    String adopt = "`pool import " + address + " " + importId + "`";
    if (ownerLineage.isEmpty()) {
      return exists
          + " and no Poolform configuration manages it. Adopt it with "
          + adopt
          + ", or rename the pool.";
    }
    String owner = ownerAddress.map(a -> "`" + a + "` of ").orElse("");
    if (ownerLineage.get().equals(lineage)) {
      return exists
          + " and belongs to "
          + owner
          + "this configuration: two pools cannot share a group. Rename the pool.";
    }
    return exists
        + " and belongs to "
        + owner
        + "another Poolform configuration. Rename the pool; to move the group to this one, release"
        + " it in its configuration first (`pool state rm "
        + ownerAddress.orElse("ADDRESS")
        + "`), then "
        + adopt
        + ".";
  }
}
