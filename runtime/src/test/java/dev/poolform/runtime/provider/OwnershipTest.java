package dev.poolform.runtime.provider;

import static org.assertj.core.api.Assertions.assertThat;

import dev.poolform.runtime.local.LocalCloud;
import dev.poolform.runtime.testing.FakeTime;
import dev.poolform.stdlib.value.MapValue;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one rule by which every cloud decides whether a group found under a name is a pool's own. */
class OwnershipTest {
  @TempDir Path dir;

  static Map<String, String> tags(String address, String lineage) {
    return Map.of(Ownership.ADDRESS, address, Ownership.LINEAGE, lineage);
  }

  @Test
  void aGroupIsAPoolsOwnOnlyWhenBothItsAddressAndLineageAreThePools() {
    assertThat(Ownership.samePool(tags("pool.a", "L"), "pool.a", "L")).isTrue();
    assertThat(Ownership.samePool(tags("pool.a", "L"), "pool.b", "L")).isFalse();
    assertThat(Ownership.samePool(tags("pool.a", "other"), "pool.a", "L")).isFalse();
    assertThat(Ownership.samePool(Map.of(Ownership.LINEAGE, "L"), "pool.a", "L")).isFalse();
    assertThat(Ownership.samePool(Map.of(), "pool.a", "L")).isFalse();
    assertThat(Ownership.samePool(null, "pool.a", "L")).isFalse();
  }

  @Test
  void theHolderIsNamedAsSeenFromTheConfigurationThatAsks() {
    assertThat(Ownership.holder(tags("pool.a", "L"), "L"))
        .isEqualTo("`pool.a` of this configuration");
    assertThat(Ownership.holder(tags("pool.a", "other"), "L"))
        .isEqualTo("`pool.a` of another configuration");
    assertThat(Ownership.holder(Map.of(Ownership.LINEAGE, "other"), "L"))
        .isEqualTo("another configuration");
    assertThat(Ownership.holder(Map.of(), "L")).isEqualTo("no configuration");
  }

  /**
   * The local cloud refuses, by the same rule, the group a crashed create left at another address.
   */
  @Test
  void theLocalCloudRefusesThisConfigurationsGroupUnderAnotherAddress() throws Exception {
    LocalCloud cloud = new LocalCloud(dir, "default", new FakeTime(), Optional.empty());
    cloud.create(
        "web", "token", 0, 4, OptionalLong.of(1), "h", MapValue.EMPTY, tags("pool.a", "L"));

    assertThat(cloud.createRefusal("web", tags("pool.a", "L"))).isEmpty();
    assertThat(cloud.createRefusal("web", tags("pool.b", "L")))
        .get()
        .extracting(Throwable::getMessage)
        .isEqualTo(
            "A group named `web` already exists in local region `default` and belongs to `pool.a`"
                + " of this configuration. Take it with `pool import pool.b web`, or rename the"
                + " pool.");
  }
}
