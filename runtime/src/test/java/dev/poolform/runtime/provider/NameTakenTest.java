package dev.poolform.runtime.provider;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * What a refused create tells the user to do depends on whose the group is: adopting a group
 * another configuration manages would take it from under that configuration, so import is offered
 * only after it is released there.
 */
class NameTakenTest {
  @Test
  void aGroupNobodyManagesMayBeAdopted() {
    assertThat(
            NameTaken.message(
                "A group named `web`",
                " in region r",
                Optional.empty(),
                Optional.empty(),
                "mine",
                "pool.web",
                "web"))
        .isEqualTo(
            "A group named `web` already exists in region r and no Poolform configuration manages"
                + " it. Adopt it with `pool import pool.web web`, or rename the pool.");
  }

  @Test
  void anotherConfigurationsGroupIsReleasedThereBeforeAnyImport() {
    String m =
        NameTaken.message(
            "A group named `web`",
            "",
            Optional.of("theirs"),
            Optional.of("pool.front"),
            "mine",
            "pool.web",
            "web");
    assertThat(m)
        .isEqualTo(
            "A group named `web` already exists and belongs to `pool.front` of another Poolform"
                + " configuration. Rename the pool; to move the group to this one, release it in"
                + " its configuration first (`pool state rm pool.front`), then `pool import"
                + " pool.web web`.");
    assertThat(
            NameTaken.message(
                "A group named `web`",
                "",
                Optional.of("theirs"),
                Optional.empty(),
                "mine",
                "pool.web",
                "web"))
        .contains("belongs to another Poolform configuration")
        .contains("`pool state rm ADDRESS`");
  }

  @Test
  void anotherPoolOfThisConfigurationCannotShareIt() {
    assertThat(
            NameTaken.message(
                "A group named `web`",
                "",
                Optional.of("mine"),
                Optional.of("pool.front"),
                "mine",
                "pool.web",
                "web"))
        .isEqualTo(
            "A group named `web` already exists and belongs to `pool.front` of this configuration:"
                + " two pools cannot share a group. Rename the pool.")
        .doesNotContain("pool import");
  }
}
