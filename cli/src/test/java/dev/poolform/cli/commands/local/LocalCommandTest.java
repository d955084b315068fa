package dev.poolform.cli.commands.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.poolform.cli.CliRun;
import dev.poolform.runtime.local.LocalCloud;
import dev.poolform.runtime.local.LocalGroup;
import dev.poolform.runtime.local.LocalMachine;
import dev.poolform.runtime.local.LocalSettings;
import dev.poolform.stdlib.value.MapValue;
import dev.poolform.stdlib.value.StringValue;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code pool local ...} on a group made through the cloud's API (boot time 0: healthy at once).
 */
class LocalCommandTest {
  @TempDir Path ws;
  LocalCloud cloud;

  @BeforeEach
  void group() throws Exception {
    cloud =
        new LocalCloud(
            ws, "dev", Clock.systemUTC(), Optional.of(new LocalSettings(Duration.ZERO, 0, 1)));
    cloud.create(
        "web",
        "tok",
        1,
        5,
        OptionalLong.of(2),
        "sha256:0123456789abcdef",
        MapValue.of(Map.of("image", new StringValue("img-1"), "size", new StringValue("small"))),
        Map.of(LocalGroup.ADDRESS_TAG, "pool.web", LocalGroup.LINEAGE_TAG, "L"));
  }

  @Test
  void listShowsGroupsAndMachines() {
    CliRun r = CliRun.in(ws, "local", "list");
    assertThat(r.status()).isZero();
    assertThat(r.out())
        .contains("web (region dev, pool.web): min 1, max 5, desired 2; model v1 spec 01234567");
    assertThat(r.out()).containsPattern("m-[0-9a-f]{8} +healthy +- +01234567");
    assertThat(CliRun.in(ws, "local", "list", "nope").err())
        .contains("No local group named `nope`");
  }

  @Test
  void scaleKillAndSickChangeTheCloud() throws Exception {
    CliRun scale = CliRun.in(ws, "local", "scale", "web", "4");
    assertThat(scale.status()).isZero();
    assertThat(scale.out())
        .isEqualTo("Scaled web (local region dev) from 2 to 4 desired machines.\n");
    assertThat(cloud.group("web").orElseThrow().machines()).hasSize(4);

    CliRun bad = CliRun.in(ws, "local", "scale", "web", "9");
    assertThat(bad.status()).isEqualTo(1);
    assertThat(bad.err()).contains("outside the group's bounds (min 1, max 5)");

    CliRun kill = CliRun.in(ws, "local", "kill", "web", "--count", "2");
    assertThat(kill.status()).isZero();
    assertThat(kill.out())
        .matches("Killed m-\\w{8}, m-\\w{8} of web; the group will replace them.\n");
    // failed now, and replaced after the group's short replace delay (50ms here)
    LocalGroup afterKill = cloud.group("web").orElseThrow();
    for (String id : kill.out().substring(7, 29).split(", ", -1)) {
      assertThat(afterKill.machine(id).map(LocalMachine::status))
          .isIn(Optional.empty(), Optional.of(LocalMachine.Status.FAILED));
    }
    assertThat(afterKill.machines()).hasSize(4);

    String healthy =
        cloud.group("web").orElseThrow().machines().stream()
            .filter(m -> m.status() == LocalMachine.Status.HEALTHY)
            .findFirst()
            .orElseThrow()
            .id();
    CliRun sick = CliRun.in(ws, "local", "sick", "web", healthy);
    assertThat(sick.out()).isEqualTo("Machine " + healthy + " of web is now unhealthy.\n");
    assertThat(cloud.group("web").orElseThrow().machine(healthy).orElseThrow().status())
        .isEqualTo(LocalMachine.Status.UNHEALTHY);

    CliRun missing = CliRun.in(ws, "local", "kill", "web", "m-00000000");
    assertThat(missing.status()).isEqualTo(1);
    assertThat(missing.err()).contains("has no machine `m-00000000`");
    assertThat(missing.hasStackTrace()).isFalse();
  }

  @Test
  void usageErrorsExitTwo() {
    assertThat(CliRun.in(ws, "local", "scale", "web").status()).isEqualTo(2);
    assertThat(CliRun.in(ws, "local", "scale", "ghost", "1").status()).isEqualTo(2);
    assertThat(CliRun.in(ws, "local", "list", "--region", "prod").err())
        .contains("No local region named `prod`");
  }
}
