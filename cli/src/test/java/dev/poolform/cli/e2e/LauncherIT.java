package dev.poolform.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.poolform.cli.RepoFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher {@code ./pool} as a user runs it: a command that only reads .pool files maps the
 * compiler's class-data archive, one that reads the clouds maps the cloud archive, and each holds
 * the classes its commands load (docs/cli.md, "The launcher"). Runs the real script on the jar the
 * build just made; the first run of each kind records its archive.
 */
class LauncherIT {
  private static final Path ROOT = RepoFiles.examples().getParent();

  @TempDir Path dir;

  @Test
  void validateMapsTheCompilerArchiveWhichHoldsTheCompilerAndNoCloudSdk() throws Exception {
    Path quickstart = ROOT.resolve("examples/quickstart.pool");
    assertThat(launch(Map.of("POOLFORM_LAUNCH", "print"), "validate", quickstart.toString()).out)
        .contains("poolform-")
        .doesNotContain("-cloud.");

    Run run = launchLogged("validate", quickstart.toString());
    assertThat(run.status).as(run.out).isZero();
    List<String> loaded = Files.readAllLines(dir.resolve("classes.log"));
    assertThat(loaded).noneMatch(l -> l.contains("software.amazon.awssdk."));
    assertMostlyShared(loaded, " dev.poolform.compiler.");
  }

  @Test
  void planMapsTheCloudArchiveWhichHoldsTheAwsSdk() throws Exception {
    Path training = ROOT.resolve("cli/training/1-aws.pool");
    Files.copy(training, dir.resolve("aws.pool"));
    assertThat(launch(Map.of("POOLFORM_LAUNCH", "print"), "plan", "aws.pool").out)
        .contains("-cloud.");

    // The cloud is at a closed port: the plan fails at once, after loading the SDK's client.
    Run run = launchLogged("plan", "aws.pool");
    assertThat(run.status).as(run.out).isEqualTo(1);
    assertMostlyShared(Files.readAllLines(dir.resolve("classes.log")), " software.amazon.awssdk.");
  }

  /** Nine in ten of the classes loaded under {@code prefix} came from the archive. */
  private static void assertMostlyShared(List<String> loaded, String prefix) {
    List<String> ours = loaded.stream().filter(l -> l.contains(prefix)).toList();
    assertThat(ours).as("classes loaded under %s", prefix).isNotEmpty();
    long shared = ours.stream().filter(l -> l.endsWith("source: shared objects file")).count();
    assertThat(shared)
        .as("classes under %s mapped from the archive", prefix)
        .isGreaterThan(ours.size() * 9L / 10);
  }

  private Run launchLogged(String... args) throws IOException, InterruptedException {
    String log = "-Xlog:class+load=info:file=" + dir.resolve("classes.log");
    return launch(Map.of("POOLFORM_JAVA_OPTS", log), args);
  }

  private Run launch(Map<String, String> extra, String... args)
      throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of(ROOT.resolve("pool").toString()));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true);
    Map<String, String> env = pb.environment();
    env.put("JAVA_HOME", System.getProperty("java.home"));
    env.put("POOLFORM_NO_BUILD", "1");
    env.put("NO_COLOR", "1");
    env.put("AWS_ACCESS_KEY_ID", "test");
    env.put("AWS_SECRET_ACCESS_KEY", "test");
    env.remove("POOLFORM_NO_CDS");
    env.putAll(extra);
    Process p = pb.start();
    // The first run of a kind records its archive: several seconds, more on a loaded machine.
    byte[] out = p.getInputStream().readAllBytes();
    assertThat(p.waitFor(5, TimeUnit.MINUTES)).isTrue();
    return new Run(p.exitValue(), new String(out, StandardCharsets.UTF_8));
  }

  private record Run(int status, String out) {}
}
