package dev.poolform.stdlib.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class CloudRulesTest {
  @Test
  void poolNames() {
    assertThat(CloudRules.poolName("aws", "web-prod_1.(a)/b")).isEmpty();
    // Any Auto Scaling group name, less 6 characters kept for a replacement group's `-rXXXX`.
    assertThat(CloudRules.poolName("aws", "w")).isEmpty();
    assertThat(CloudRules.poolName("aws", "web@1+{blue}!~")).isEmpty();
    assertThat(CloudRules.poolName("aws", "x".repeat(249))).isEmpty();
    assertThat(CloudRules.poolName("aws", "")).isPresent();
    assertThat(CloudRules.poolName("aws", "a:b")).isPresent();
    assertThat(CloudRules.poolName("aws", "a b")).isPresent();
    assertThat(CloudRules.poolName("aws", "caf\u00e9")).isPresent();
    assertThat(CloudRules.poolName("aws", "x".repeat(250))).isPresent();
    assertThat(CloudRules.poolName("azure", "Web_1.a-b_")).isEmpty();
    assertThat(CloudRules.poolName("azure", "-web")).isPresent();
    assertThat(CloudRules.poolName("azure", "web-")).isPresent();
    assertThat(CloudRules.poolName("azure", "x".repeat(65))).isPresent();
    assertThat(CloudRules.poolName("local", "web-1")).isEmpty();
    assertThat(CloudRules.poolName("local", "Web")).isPresent();
    assertThat(CloudRules.poolName("local", "")).isPresent();
    assertThat(CloudRules.poolName("local", "x".repeat(64))).isPresent();
  }

  @Test
  void images() {
    assertThat(CloudRules.image("aws", "ami-0abcdef1234567890")).isEmpty();
    assertThat(CloudRules.image("aws", "ami-12345678")).isEmpty();
    assertThat(CloudRules.image("aws", "ami-123")).isPresent();
    assertThat(CloudRules.image("aws", "ami-0ABCDEF1234567890")).isPresent();
    assertThat(CloudRules.image("azure", "Canonical:ubuntu-24_04-lts:server:latest")).isEmpty();
    assertThat(
            CloudRules.image(
                "azure",
                "/subscriptions/0000/resourceGroups/rg/providers/Microsoft.Compute/galleries/g/images/i/versions/1.0.0"))
        .isEmpty();
    assertThat(
            CloudRules.image(
                "azure",
                "/subscriptions/0000/resourceGroups/rg/providers/Microsoft.Compute/images/i"))
        .isEmpty();
    assertThat(CloudRules.image("azure", "ubuntu")).isPresent();
    assertThat(CloudRules.image("local", "anything")).isEmpty();
    assertThat(CloudRules.image("local", "")).isPresent();
  }

  @Test
  void zones() {
    assertThat(CloudRules.zone("azure", "2", null)).isEmpty();
    assertThat(CloudRules.zone("azure", "4", null)).isPresent();
    assertThat(CloudRules.zone("aws", "eu-west-1a", "eu-west-1")).isEmpty();
    assertThat(CloudRules.zone("aws", "us-west-2-lax-1a", "us-west-2")).isEmpty();
    assertThat(CloudRules.zone("aws", "us-east-1a", "eu-west-1")).isPresent();
    assertThat(CloudRules.zone("aws", "eu-west-1", "eu-west-1")).isPresent();
    assertThat(CloudRules.awsRegion("eu-west-1")).isEmpty();
    assertThat(CloudRules.awsRegion("us-gov-west-1")).isEmpty();
    assertThat(CloudRules.awsRegion("Europe")).isPresent();
  }

  /**
   * The rules are scanned by hand (no java.util.regex on the compiler's path); each scan must
   * accept exactly what the pattern it implements accepts, over many short strings made of the
   * characters that matter to it.
   */
  @Test
  void scansAgreeWithThePatternsTheyImplement() {
    for (String region :
        List.of(
            "us-iso-east-1",
            "us-isob-east-1",
            "cn-north-1",
            "us-gov-1",
            "us-foo-east-1",
            "us-iso1-east-1",
            "eu--1",
            "eu-west-",
            "eu-west-1-")) {
      assertThat(CloudRules.awsRegion(region).isEmpty())
          .as(region)
          .isEqualTo(Pattern.matches("[a-z]{2}(-gov|-iso[a-z]*)?-[a-z]+-[0-9]+", region));
    }
    Random random = new Random(17);
    for (int n = 0; n < 20_000; n++) {
      String region = word(random, "aeuswgovisob12-X", 14);
      assertThat(CloudRules.awsRegion(region).isEmpty())
          .as(region)
          .isEqualTo(Pattern.matches("[a-z]{2}(-gov|-iso[a-z]*)?-[a-z]+-[0-9]+", region));
      String ami = (random.nextBoolean() ? "ami-" : "") + word(random, "09afgA-", 18);
      assertThat(CloudRules.image("aws", ami).isEmpty())
          .as(ami)
          .isEqualTo(Pattern.matches("ami-([0-9a-f]{8}|[0-9a-f]{17})", ami));
      String urn = word(random, "ab::: \t/", 12);
      assertThat(CloudRules.image("azure", urn).isEmpty())
          .as(urn)
          .isEqualTo(Pattern.matches("[^:\\s]+:[^:\\s]+:[^:\\s]+:[^:\\s]+", urn));
      String zone = "us-west-2-" + word(random, "az09-A", 6);
      assertThat(CloudRules.zone("aws", zone, "us-west-2").isEmpty())
          .as(zone)
          .isEqualTo(Pattern.matches("[a-z0-9-]+[a-z]", zone));
      String name = word(random, "azAZ09_.-:!~ ", 8);
      if (name.isEmpty()) continue;
      assertThat(CloudRules.poolName("aws", name).isEmpty())
          .as(name)
          .isEqualTo(Pattern.matches("[\\x21-\\x39\\x3B-\\x7E]+", name));
      assertThat(CloudRules.poolName("azure", name).isEmpty())
          .as(name)
          .isEqualTo(Pattern.matches("[A-Za-z0-9]([A-Za-z0-9_.\\-]*[A-Za-z0-9_])?", name));
      assertThat(CloudRules.poolName("local", name).isEmpty())
          .as(name)
          .isEqualTo(Pattern.matches("[a-z0-9]([a-z0-9\\-]*[a-z0-9])?", name));
    }
  }

  /** Up to {@code max} characters drawn from {@code alphabet}. */
  private static String word(Random random, String alphabet, int max) {
    StringBuilder sb = new StringBuilder();
    int length = random.nextInt(max + 1);
    for (int i = 0; i < length; i++) sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
    return sb.toString();
  }
}
