package dev.poolform.runtime.provider;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What a refused create tells the user to do depends on whose the group is: adopting a group
 * another configuration manages would take it from under that configuration, so import is offered
 * only after it is released there.
 */
class NameTakenTest {
  static String message(Map<String, String> tags) {
    return NameTaken.message("A group named `web`", "", tags, "mine", "pool.web", "web");
  }

  @Test
  void aGroupNobodyManagesMayBeAdopted() {
    assertThat(
            NameTaken.message(
                "A group named `web`", " in region r", Map.of(), "mine", "pool.web", "web"))
        .isEqualTo(
            "A group named `web` already exists in region r and no Poolform configuration manages"
                + " it. Adopt it with `pool import pool.web web`, or rename the pool.");
  }

  @Test
  void anotherConfigurationsGroupIsReleasedThereBeforeAnyImport() {
    assertThat(message(Map.of(Ownership.LINEAGE, "theirs", Ownership.ADDRESS, "pool.front")))
        .isEqualTo(
            "A group named `web` already exists and belongs to `pool.front` of another"
                + " configuration. Rename the pool; to move the group to this one, release it in"
                + " its configuration first (`pool state rm pool.front`), then `pool import"
                + " pool.web web`.");
    assertThat(message(Map.of(Ownership.LINEAGE, "theirs")))
        .contains("belongs to another configuration")
        .contains("`pool state rm ADDRESS`");
  }

  @Test
  void aGroupThisConfigurationLeftUnderAnotherAddressMayBeTaken() {
    assertThat(message(Map.of(Ownership.LINEAGE, "mine", Ownership.ADDRESS, "pool.front")))
        .isEqualTo(
            "A group named `web` already exists and belongs to `pool.front` of this configuration."
                + " Take it with `pool import pool.web web`, or rename the pool.");
  }
}
