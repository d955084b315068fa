package dev.poolform.provider.aws.mapping;

import dev.poolform.stdlib.value.SecretValue;
import java.util.regex.Pattern;

/**
 * Names of the AWS resources of a pool. The Auto Scaling group is named after the pool itself; its
 * launch template after the group (docs/providers/aws.md#mapping).
 */
public final class Names {
  private Names() {}

  /** AWS launch template names are 3 to 128 characters... */
  static final int TEMPLATE_NAME_MAX = 128;

  /** ...of these (the CreateLaunchTemplate reference's pattern). */
  static final Pattern TEMPLATE_CHARS = Pattern.compile("[a-zA-Z0-9().\\-/_]+");

  public static final String TEMPLATE_PREFIX = "poolform-";

  /** A short hash that tells apart two names that read the same once made to fit. */
  private static final int HASH_CHARS = 8;

  /**
   * The launch template of a group: {@code poolform-<group>}. Every valid group name (1 to 255
   * visible ASCII characters but {@code :}) gives a valid template name (3 to 128 of {@code
   * [a-zA-Z0-9().-/_]}): the prefix makes it long enough; a name with other characters has each
   * replaced by {@code _}, and one too long is cut; either way an 8-character hash of the group's
   * name is appended, so two groups never share a template.
   *
   * <p>A group name that was already a valid template name once prefixed keeps exactly the name
   * earlier releases gave its template (they accepted only such pool names), so the templates of
   * existing deployments are found where they are: nothing is renamed or left behind.
   */
  public static String template(String groupName) {
    String name = TEMPLATE_PREFIX + groupName;
    boolean plain = TEMPLATE_CHARS.matcher(groupName).matches();
    if (plain && name.length() <= TEMPLATE_NAME_MAX) return name;
    String readable =
        plain ? name : TEMPLATE_PREFIX + groupName.replaceAll("[^a-zA-Z0-9().\\-/_]", "_");
    int keep = TEMPLATE_NAME_MAX - HASH_CHARS - 1;
    String hash = SecretValue.sha256Hex(groupName).substring(0, HASH_CHARS);
    return readable.substring(0, Math.min(keep, readable.length())) + "-" + hash;
  }
}
