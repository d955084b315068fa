package dev.poolform.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Errors about a cloud itself, not one of its pools, point at its {@code cloud} block: a missing
 * credential at the block, an endpoint nobody answers at its {@code endpoint}, which fails at once
 * rather than after minutes of retries; and such a failed run leaves no state key behind (issue 12,
 * new-user findings).
 */
class CloudErrorsTest {
  @TempDir Path dir;

  /** The SDK's credential chain reads these: saved and restored around each test. */
  static final String[] PROPERTIES = {
    "aws.accessKeyId",
    "aws.secretAccessKey",
    "aws.disableEc2Metadata",
    "aws.sharedCredentialsFile",
    "aws.configFile"
  };

  private final Map<String, String> saved = new HashMap<>();

  @BeforeEach
  void save() {
    for (String k : PROPERTIES)
      if (System.getProperty(k) != null) saved.put(k, System.getProperty(k));
    System.setProperty("aws.disableEc2Metadata", "true");
    System.setProperty("aws.sharedCredentialsFile", "/nonexistent/credentials");
    System.setProperty("aws.configFile", "/nonexistent/config");
  }

  @AfterEach
  void restore() {
    for (String k : PROPERTIES) {
      if (saved.containsKey(k)) System.setProperty(k, saved.get(k));
      else System.clearProperty(k);
    }
  }

  static int closedPort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  void write(String endpoint) throws IOException {
    Files.writeString(
        dir.resolve("main.pool"),
        """
        cloud aws prod {
          region   = "us-east-1"
          endpoint = "%s"
        }

        pool "web" on prod {
          capacity { min = 1  max = 2  desired = 1 }
          machine {
            size  = "t3.micro"
            image = "ami-0abcdef1234567890"
            zones = ["us-east-1a"]
            user_data = "#cloud-config"
          }
        }
        """
            .formatted(endpoint));
  }

  Path home() {
    return dir.resolve("home");
  }

  CliRun plan() {
    Map<String, String> env =
        Map.of("NO_COLOR", "1", "POOLFORM_POLL_INTERVAL", "20ms", "HOME", home().toString());
    CliRun r = CliRun.run(dir, env, "", "plan");
    assertThat(r.hasStackTrace()).as(r.out() + r.err()).isFalse();
    return r;
  }

  @Test
  void anUnreachableEndpointFailsAtOnceAtTheCloudsEndpoint() throws Exception {
    System.setProperty("aws.accessKeyId", "testing");
    System.setProperty("aws.secretAccessKey", "testing");
    int port = closedPort();
    write("http://127.0.0.1:" + port);
    CliRun r = plan();
    assertThat(r.status()).isEqualTo(1);
    assertThat(r.err())
        .startsWith("error[E0602]: Cannot read cloud aws.prod: Could not reach AWS while")
        .contains("127.0.0.1:" + port)
        .contains("Check the cloud's `endpoint`")
        .contains(" --> main.pool:3:14");
  }

  @Test
  void missingCredentialsPointAtTheCloudBlock() throws Exception {
    System.clearProperty("aws.accessKeyId");
    System.clearProperty("aws.secretAccessKey");
    write("http://127.0.0.1:" + closedPort());
    CliRun r = plan();
    assertThat(r.status()).isEqualTo(1);
    assertThat(r.err())
        .startsWith("error[E0602]: Cannot read cloud aws.prod: No AWS credentials for cloud `prod`")
        .contains(" --> main.pool:1:11");
    // The pool's user data is a secret, but the run failed before it needed a state key: none
    // was written.
    assertThat(r.err()).doesNotContain("state key");
    assertThat(home()).doesNotExist();
  }

  @Test
  void aPoolErrorWithoutAnAttributePointsAtThePoolNotAtItsCloud() throws Exception {
    // Two file configurations of one folder declare the same pool: the second cannot have the
    // group name the first holds. That is about the pool (its name is the group's), not the cloud.
    String pool =
        """
        cloud local dev { boot_time = 0s }

        pool "x" on dev {
          capacity { min = 1  max = 2  desired = 1 }
          machine  { size = "small"  image = "ubuntu-24.04" }
        }
        """;
    Files.writeString(dir.resolve("a.pool"), pool);
    Files.writeString(dir.resolve("b.pool"), pool);
    Map<String, String> env = Map.of("NO_COLOR", "1", "HOME", home().toString());
    assertThat(CliRun.run(dir, env, "", "apply", "--auto-approve", "a.pool").status()).isZero();
    CliRun r = CliRun.run(dir, env, "", "apply", "--auto-approve", "b.pool");
    assertThat(r.status()).isEqualTo(1);
    assertThat(r.err())
        .contains("error[E0602]: pool.x: A group named `x` already exists")
        .contains(" --> b.pool:3:6")
        .doesNotContain(" --> b.pool:1:");
  }
}
