package dev.poolform.provider.aws.mapping;

import dev.poolform.runtime.provider.Ownership;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/** The tag keys Poolform owns and how a spec's tags split between resources. */
public final class Tags {
  private Tags() {}

  public static final String ADDRESS = Ownership.ADDRESS;
  public static final String LINEAGE = Ownership.LINEAGE;
  public static final String SPEC_HASH = "poolform:spec-hash";

  /** The Auto Scaling group an instance belongs to, set by AWS itself. */
  public static final String AWS_GROUP = "aws:autoscaling:groupName";

  /**
   * Tags of the group (propagated to instances at launch): labels, address and lineage. Not the
   * spec hash: that one comes from the launch template version, so an instance carries the hash of
   * the version it was really launched from.
   */
  public static Map<String, String> group(Map<String, String> specTags) {
    Map<String, String> out = new TreeMap<>(specTags);
    out.remove(SPEC_HASH);
    return out;
  }

  /** Tags of instances and volumes, written into the launch template version. */
  public static Map<String, String> machine(Map<String, String> specTags, String specHash) {
    Map<String, String> out = new TreeMap<>(specTags);
    out.put(SPEC_HASH, specHash);
    return out;
  }

  /** Tags of the launch template resource itself: who owns it. */
  public static Map<String, String> template(Map<String, String> specTags) {
    Map<String, String> out = new LinkedHashMap<>();
    if (specTags.containsKey(ADDRESS)) out.put(ADDRESS, specTags.get(ADDRESS));
    if (specTags.containsKey(LINEAGE)) out.put(LINEAGE, specTags.get(LINEAGE));
    return out;
  }

  /** Keys AWS reserves; they are never removed or compared. */
  public static boolean reserved(String key) {
    return key.startsWith("aws:");
  }
}
