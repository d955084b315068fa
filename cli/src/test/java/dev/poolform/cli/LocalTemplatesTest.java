package dev.poolform.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.poolform.runtime.local.LocalCloud;
import dev.poolform.runtime.local.LocalCloudProvider;
import dev.poolform.runtime.local.LocalModel;
import dev.poolform.stdlib.value.BytesValue;
import dev.poolform.stdlib.value.MapValue;
import dev.poolform.stdlib.value.StringValue;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12 item 11: a machine block written for AWS or Azure ({@code user_data}, {@code disk}) is
 * tried on the local cloud: accepted, recorded in the group's model (user data as a digest only),
 * and a change to it is rolled out like any other.
 */
class LocalTemplatesTest {
  @TempDir Path dir;

  static final Map<String, String> ENV =
      Map.of("NO_COLOR", "1", "POOLFORM_POLL_INTERVAL", "20ms", "HOME", "/nonexistent-home");

  static String config(String diskSize) {
    return """
        cloud local dev {
          boot_time = 0s
        }

        pool "web" on dev {
          capacity { min = 1  max = 3  desired = 2 }
          machine {
            size      = "small"
            image     = "ubuntu-24.04"
            user_data = "#cloud-config\\npassword: hunter2-the-secret\\n"
            disk      { size = %s  type = "gp3" }
          }
          rollout { max_surge = 1  max_unavailable = 0 }
        }
        """
        .formatted(diskSize);
  }

  CliRun pool(String... args) {
    CliRun r = CliRun.run(dir, ENV, "", args);
    assertThat(r.hasStackTrace()).as(r.out() + r.err()).isFalse();
    return r;
  }

  LocalModel model() throws Exception {
    return new LocalCloud(
            dir, LocalCloudProvider.DEFAULT_REGION, Clock.systemUTC(), Optional.empty())
        .group("web")
        .orElseThrow()
        .model();
  }

  @Test
  void userDataAndDiskAreAcceptedRecordedAndRolledOut() throws Exception {
    Files.writeString(dir.resolve("main.pool"), config("50GiB"));
    CliRun validate = pool("validate");
    assertThat(validate.status()).as(validate.err()).isZero();
    CliRun apply = pool("apply", "--auto-approve");
    assertThat(apply.status()).as(apply.err()).isZero();

    LocalModel first = model();
    MapValue disk = (MapValue) first.machine().get("disk").orElseThrow();
    assertThat(disk.get("size")).contains(new BytesValue(50L << 30));
    assertThat(disk.get("type")).contains(new StringValue("gp3"));
    // User data is recorded as a digest only: it does not read back, and no file of the local
    // cloud holds it.
    assertThat(first.machine().get("user_data")).isEmpty();
    try (Stream<Path> files = Files.walk(dir.resolve(".poolform"))) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        assertThat(Files.readString(f)).as(f.toString()).doesNotContain("hunter2");
      }
    }

    Files.writeString(dir.resolve("main.pool"), config("80GiB"));
    CliRun plan = pool("plan");
    assertThat(plan.out()).contains("pool.web").contains("disk.size");
    CliRun again = pool("apply", "--auto-approve");
    assertThat(again.status()).as(again.err()).isZero();
    LocalModel second = model();
    assertThat(second.version()).isGreaterThan(first.version());
    assertThat(((MapValue) second.machine().get("disk").orElseThrow()).get("size"))
        .contains(new BytesValue(80L << 30));
  }
}
