package dev.poolform.provider.aws.mapping;

import dev.poolform.stdlib.value.SecretValue;

/** Names of the AWS resources of a pool. The group is named after the pool itself. */
public final class Names {
  private Names() {}

  /** AWS launch template names are at most 128 characters. */
  static final int TEMPLATE_NAME_MAX = 128;

  public static final String TEMPLATE_PREFIX = "poolform-";

  /**
   * The launch template of a pool: {@code poolform-<pool>}. Pool names near the limit are cut and
   * given a short hash so that two long names never share a template.
   */
  public static String template(String poolName) {
    String name = TEMPLATE_PREFIX + poolName;
    if (name.length() <= TEMPLATE_NAME_MAX) return name;
    String hash = SecretValue.sha256Hex(poolName).substring(0, 8);
    return name.substring(0, TEMPLATE_NAME_MAX - 9) + "-" + hash;
  }
}
