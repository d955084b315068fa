package dev.poolform.stdlib.schema;

import static org.assertj.core.api.Assertions.assertThat;

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
}
