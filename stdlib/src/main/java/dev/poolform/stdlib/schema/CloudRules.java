package dev.poolform.stdlib.schema;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The per-cloud checks that are not a type or a range: pool names, image references, zones,
 * regions. Each returns the reason a value is invalid (a sentence fragment without a trailing
 * period), or empty when it is fine.
 */
public final class CloudRules {
  private CloudRules() {}

  // AWS: a pool name is the Auto Scaling group's name, which the CreateAutoScalingGroup reference
  // allows to be 1-255 of the ASCII characters 33-126 except `:`. A replace on the same cloud
  // names the new group NAME-rXXXX, so 6 characters stay free: 249. The launch template's name
  // is derived to fit its own, stricter rule (provider: mapping/Names), so it limits nothing here.
  static final int AWS_NAME_MAX = 255 - "-rXXXX".length();

  // The rules are plain scans, written beside the pattern each one implements, not
  // java.util.regex: compiling a pattern links lambdas inside java.util.regex, which costs a cold
  // `pool validate` the set-up of java.lang.invoke (docs/BENCHMARKS.md#cold-start). Only Azure's
  // image resource ids, checked when an image is not a URN, keep a pattern, compiled on first use.

  /** AWS: the ASCII characters 33-126 except `:`. */
  private static boolean awsName(String name) {
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c < 0x21 || c > 0x7E || c == ':') return false;
    }
    return true;
  }

  /**
   * Azure: VMSS names are alphanumerics, `_`, `.` and `-`, starting with an alphanumeric and ending
   * with an alphanumeric or `_` (`[A-Za-z0-9]([A-Za-z0-9_.-]*[A-Za-z0-9_])?`).
   */
  private static boolean azureName(String name) {
    int last = name.length() - 1;
    for (int i = 0; i <= last; i++) {
      char c = name.charAt(i);
      boolean ok = alnum(c) || (i > 0 && c == '_') || (i > 0 && i < last && (c == '.' || c == '-'));
      if (!ok) return false;
    }
    return true;
  }

  /**
   * local: a DNS label (`[a-z0-9]([a-z0-9-]*[a-z0-9])?`), so names also work as host names of the
   * simulated machines.
   */
  private static boolean localName(String name) {
    int last = name.length() - 1;
    for (int i = 0; i <= last; i++) {
      char c = name.charAt(i);
      boolean ok =
          (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (c == '-' && i > 0 && i < last);
      if (!ok) return false;
    }
    return true;
  }

  private static boolean alnum(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  }

  /** Why {@code name} cannot name a pool on a cloud of this kind. */
  public static Optional<String> poolName(String kind, String name) {
    switch (kind) {
      case "aws":
        if (name.isEmpty() || name.length() > AWS_NAME_MAX) {
          return Optional.of(
              "AWS pool names must be 1 to "
                  + AWS_NAME_MAX
                  + " characters long (an Auto Scaling group name has at most 255, and a"
                  + " replacement group adds `-rXXXX`), `"
                  + name
                  + "` has "
                  + name.length());
        }
        if (!awsName(name)) {
          return Optional.of(
              "AWS Auto Scaling group names may contain only the visible ASCII characters, `!`"
                  + " to `~`, and no `:`");
        }
        return Optional.empty();
      case "azure":
        if (name.isEmpty() || name.length() > 64) {
          return Optional.of(
              "Azure scale set names must be 1 to 64 characters long, `"
                  + name
                  + "` has "
                  + name.length());
        }
        if (!azureName(name)) {
          return Optional.of(
              "Azure scale set names may contain only letters, digits, `_`, `.` and `-`, must start"
                  + " with a letter or digit and end with a letter, digit or `_`");
        }
        return Optional.empty();
      case "local":
        if (name.isEmpty() || name.length() > 63) {
          return Optional.of(
              "local pool names must be 1 to 63 characters long, `"
                  + name
                  + "` has "
                  + name.length());
        }
        if (!localName(name)) {
          return Optional.of(
              "local pool names may contain only lowercase letters, digits and `-`, and must start"
                  + " and end with a letter or digit");
        }
        return Optional.empty();
      default:
        return Optional.empty();
    }
  }

  /** {@code ami-([0-9a-f]{8}|[0-9a-f]{17})}. */
  private static boolean ami(String image) {
    if (!image.startsWith("ami-")) return false;
    String hex = image.substring(4);
    if (hex.length() != 8 && hex.length() != 17) return false;
    for (int i = 0; i < hex.length(); i++) {
      char c = hex.charAt(i);
      if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
    }
    return true;
  }

  /** {@code [a-z]{2}(-gov|-iso[a-z]*)?-[a-z]+-[0-9]+}: {@code eu-west-1}, {@code us-gov-west-1}. */
  private static boolean awsRegionName(String region) {
    String[] parts = region.split("-", -1);
    int n = parts.length;
    if (n < 3 || n > 4 || parts[0].length() != 2 || !lower(parts[0]) || !lower(parts[n - 2])) {
      return false;
    }
    if (parts[n - 1].isEmpty()) return false;
    for (int i = 0; i < parts[n - 1].length(); i++) {
      char c = parts[n - 1].charAt(i);
      if (c < '0' || c > '9') return false;
    }
    if (n == 3) return true;
    String partition = parts[1];
    return partition.equals("gov")
        || (partition.startsWith("iso")
            && (partition.length() == 3 || lower(partition.substring(3))));
  }

  /** {@code [a-z0-9-]+[a-z]}: a Local Zone's name after its region. */
  private static boolean localZoneName(String zone) {
    if (zone.length() < 2 || !lowerLetter(zone.charAt(zone.length() - 1))) return false;
    for (int i = 0; i < zone.length(); i++) {
      char c = zone.charAt(i);
      if (!(lowerLetter(c) || (c >= '0' && c <= '9') || c == '-')) return false;
    }
    return true;
  }

  /** {@code [^:\s]+:[^:\s]+:[^:\s]+:[^:\s]+}: publisher:offer:sku:version. */
  private static boolean azureUrn(String image) {
    String[] parts = image.split(":", -1);
    if (parts.length != 4) return false;
    for (String p : parts) {
      if (p.isEmpty()) return false;
      for (int i = 0; i < p.length(); i++) {
        char c = p.charAt(i);
        if (c == ' ' || c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r') return false;
      }
    }
    return true;
  }

  /** One or more of {@code [a-z]}. */
  private static boolean lower(String s) {
    if (s.isEmpty()) return false;
    for (int i = 0; i < s.length(); i++) {
      if (!lowerLetter(s.charAt(i))) return false;
    }
    return true;
  }

  private static boolean lowerLetter(char c) {
    return c >= 'a' && c <= 'z';
  }

  /** Azure's image resource ids, compiled when an Azure image that is not a URN is checked. */
  private static final class AzureImageId {
    static final Pattern PATTERN =
        Pattern.compile(
            "(?i)/subscriptions/[^/\\s]+/resourceGroups/[^/\\s]+/providers/Microsoft\\.Compute/"
                + "(images/[^/\\s]+|galleries/[^/\\s]+/images/[^/\\s]+(/versions/[^/\\s]+)?)");
  }

  /** Why {@code image} is not an image reference of this cloud. */
  public static Optional<String> image(String kind, String image) {
    switch (kind) {
      case "aws":
        return ami(image)
            ? Optional.empty()
            : Optional.of(
                "an AWS image is `ami-` followed by 8 or 17 lowercase hex digits, found `"
                    + image
                    + "`");
      case "azure":
        return azureUrn(image) || AzureImageId.PATTERN.matcher(image).matches()
            ? Optional.empty()
            : Optional.of(
                "an Azure image is `publisher:offer:sku:version` or an image resource id"
                    + " (`/subscriptions/.../images/...`), found `"
                    + image
                    + "`");
      default:
        return image.isBlank() ? Optional.of("the image must not be empty") : Optional.empty();
    }
  }

  /** Why {@code region} is not an AWS region name. */
  public static Optional<String> awsRegion(String region) {
    return awsRegionName(region)
        ? Optional.empty()
        : Optional.of("an AWS region looks like `eu-west-1`, found `" + region + "`");
  }

  /**
   * Why {@code zone} is not a zone of this cloud. For AWS the zone must belong to {@code region}
   * (the cloud's region): {@code eu-west-1a}, or a Local Zone such as {@code us-west-2-lax-1a}.
   */
  public static Optional<String> zone(String kind, String zone, String region) {
    switch (kind) {
      case "azure":
        return zone.equals("1") || zone.equals("2") || zone.equals("3")
            ? Optional.empty()
            : Optional.of("Azure zones are \"1\", \"2\" or \"3\", found \"" + zone + "\"");
      case "aws":
        if (region == null) return Optional.empty();
        if (zone.length() == region.length() + 1
            && zone.startsWith(region)
            && Character.isLowerCase(zone.charAt(zone.length() - 1))) {
          return Optional.empty();
        }
        if (zone.startsWith(region + "-") && localZoneName(zone)) return Optional.empty();
        return Optional.of(
            "zone `"
                + zone
                + "` is not in region `"
                + region
                + "`; AWS zones look like `"
                + region
                + "a`");
      default:
        return zone.isBlank() ? Optional.of("a zone must not be empty") : Optional.empty();
    }
  }

  /**
   * Azure: tags per resource
   * (https://learn.microsoft.com/azure/azure-resource-manager/management/tag-resources#limitations)
   * and the tags Poolform keeps on every scale set (address, lineage, spec hash, model digest, min,
   * max, model-since).
   */
  static final int AZURE_TAGS = 50;

  static final int AZURE_POOLFORM_TAGS = 7;

  /** Why a pool cannot have this many labels on this cloud. */
  public static Optional<String> labelCount(String kind, int labels) {
    if (kind.equals("azure") && labels > AZURE_TAGS - AZURE_POOLFORM_TAGS) {
      return Optional.of(
          "Azure allows "
              + AZURE_TAGS
              + " tags per resource and Poolform keeps "
              + AZURE_POOLFORM_TAGS
              + " of its own on a scale set, so a pool on Azure has at most "
              + (AZURE_TAGS - AZURE_POOLFORM_TAGS)
              + " labels, found "
              + labels);
    }
    if (kind.equals("aws") && labels > AWS_MAX_LABELS) {
      return Optional.of(
          "AWS allows 50 tags per instance, and Poolform adds 3 of its own, so at most "
              + AWS_MAX_LABELS
              + " labels; found "
              + labels);
    }
    return Optional.empty();
  }

  /**
   * Why a pool cannot grow to {@code max} machines on this cloud: an Azure scale set holds at most
   * 1,000
   * (https://learn.microsoft.com/azure/virtual-machine-scale-sets/virtual-machine-scale-sets-placement-groups).
   */
  public static Optional<String> maxMachines(String kind, long max) {
    if (kind.equals("azure") && max > 1000) {
      return Optional.of("an Azure scale set holds at most 1000 machines, `max` is " + max);
    }
    return Optional.empty();
  }

  /**
   * Why a label cannot become a tag on this cloud. Every cloud reserves the {@code poolform:}
   * prefix (Poolform's own tags: address, lineage). AWS: keys 1-128 characters, values up to 256,
   * no {@code aws:} prefix. Azure: names 1-512 characters without {@code < > % & \ ? /}, values up
   * to 256.
   */
  public static Optional<String> label(String kind, String key, String value) {
    if (key.startsWith("poolform:")) {
      return Optional.of(
          "label `"
              + key
              + "` uses the prefix `poolform:`, which Poolform reserves for its own tags");
    }
    switch (kind) {
      case "aws":
        if (key.isEmpty() || key.length() > 128)
          return Optional.of("AWS tag keys must be 1 to 128 characters long");
        if (key.toLowerCase(java.util.Locale.ROOT).startsWith("aws:")) {
          return Optional.of("AWS reserves tag keys starting with `aws:`");
        }
        if (value.length() > 256)
          return Optional.of("AWS tag values must be at most 256 characters long");
        return Optional.empty();
      case "azure":
        if (key.isEmpty() || key.length() > 512)
          return Optional.of("Azure tag names must be 1 to 512 characters long");
        for (char c : "<>%&\\?/".toCharArray()) {
          if (key.indexOf(c) >= 0)
            return Optional.of("Azure tag names may not contain `" + c + "`");
        }
        if (value.length() > 256)
          return Optional.of("Azure tag values must be at most 256 characters long");
        return Optional.empty();
      default:
        return Optional.empty();
    }
  }

  // AWS limits of a pool's machine (docs/providers/aws.md#real-cloud-notes cites the sources).

  /** AWS: user data is limited to 16 KB in raw form, before base64 (EC2 user guide). */
  public static final int AWS_USER_DATA_BYTES = 16 * 1024;

  /**
   * AWS: 50 tags per resource (EC2 and Auto Scaling). Poolform puts {@code poolform:address},
   * {@code poolform:lineage} and {@code poolform:spec-hash} on every instance and volume beside the
   * labels.
   */
  public static final int AWS_MAX_LABELS = 50 - 3;

  /** Why {@code userData} is too large for this cloud. */
  public static Optional<String> userData(String kind, String userData) {
    if (!kind.equals("aws")) return Optional.empty();
    int bytes = userData.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
    return bytes <= AWS_USER_DATA_BYTES
        ? Optional.empty()
        : Optional.of(
            "AWS limits user data to 16 KB (16384 bytes) before base64 encoding, this has "
                + bytes
                + " bytes");
  }

  /**
   * Why {@code type} cannot be the type of a machine's OS disk. AWS: Throughput Optimized HDD
   * ({@code st1}) and Cold HDD ({@code sc1}) volumes cannot be boot volumes (EC2 CreateVolume API
   * reference).
   */
  public static Optional<String> osDiskType(String kind, String type) {
    return kind.equals("aws") && (type.equals("st1") || type.equals("sc1"))
        ? Optional.of(
            "AWS volumes of type `"
                + type
                + "` cannot be boot volumes, and `disk` is the root volume; use `gp3`, `gp2`,"
                + " `io1`, `io2` or `standard`")
        : Optional.empty();
  }

  /** AWS volume types whose IOPS are provisioned: {@code iops} is required for them. */
  public static boolean awsIopsRequired(String type) {
    return type.equals("io1") || type.equals("io2");
  }

  /** AWS volume types that take an {@code iops} setting at all. */
  public static boolean awsIopsAllowed(String type) {
    return awsIopsRequired(type) || type.equals("gp3");
  }
}
