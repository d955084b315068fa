package dev.poolform.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.poolform.cli.CliRun;
import dev.poolform.cli.RepoFiles;
import dev.poolform.runtime.local.LocalGroup;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every example that runs only on the local cloud, applied as a user would: apply, plan is empty,
 * edit the image, plan shows a rollout, apply rolls it, plan is empty, destroy leaves nothing. The
 * examples are copied with their boot and warm-up times shortened (the structure is untouched), so
 * the class runs in seconds. ({@code multicloud.pool} also needs AWS and Azure; the provider suites
 * cover those clouds.)
 */
class ExamplesOnLocalIT {
  @TempDir Path dir;

  /** Copies {@code rel} (a file or a directory) with short boot and min_ready times. */
  Path copy(String rel) throws IOException {
    return copy(dir, rel);
  }

  /** Copies example {@code rel} into {@code dir}, shortened like {@link #copy(String)}. */
  static Path copy(Path dir, String rel) throws IOException {
    Path src = RepoFiles.examples().resolve(rel);
    try (Stream<Path> files = Files.walk(src)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        Path to = dir.resolve(src.getParent().relativize(f));
        Files.createDirectories(to.getParent());
        Files.writeString(to, fast(Files.readString(f)));
      }
    }
    return dir.resolve(src.getFileName());
  }

  static String fast(String text) {
    return text.replaceAll("boot_time\\s*=\\s*\\w+", "boot_time = 200ms")
        .replaceAll("min_ready\\s*=\\s*\\w+", "min_ready = 0s");
  }

  /** The user's loop on one configuration. */
  void lifecycle(Workspace ws, String target, Path imageFile, String cloud, List<String> groups)
      throws Exception {
    CliRun apply = ws.expect(0, "apply", "--auto-approve", target);
    assertThat(apply.out()).contains("Apply complete! Pools: " + groups.size() + " created");
    assertThat(ws.expect(0, "plan", "--detailed-exitcode", target).out()).contains("No changes.");
    for (String g : groups) assertThat(ws.cloud(cloud).group(g)).isPresent();

    Files.writeString(
        imageFile, Files.readString(imageFile).replace("ubuntu-24.04", "ubuntu-26.04"));
    CliRun plan = ws.expect(2, "plan", "--detailed-exitcode", target);
    assertThat(plan.out()).contains("will be rolled out", "\"ubuntu-24.04\" -> \"ubuntu-26.04\"");
    ws.expect(0, "apply", "--auto-approve", target);
    for (String g : groups) {
      LocalGroup lg = ws.cloud(cloud).group(g).orElseThrow();
      assertThat(lg.machines()).allMatch(m -> m.specHash().equals(lg.model().specHash()));
      assertThat(lg.model().machine().string("image")).contains("ubuntu-26.04");
    }
    assertThat(ws.expect(0, "plan", "--detailed-exitcode", target).out()).contains("No changes.");

    ws.expect(0, "destroy", "--auto-approve", target);
    assertThat(ws.groups()).isEmpty();
  }

  @Test
  void quickstart() throws Exception {
    Path file = copy("quickstart.pool");
    Workspace ws = new Workspace(dir);
    lifecycle(ws, "quickstart.pool", file, "default", List.of("web"));
  }

  @Test
  void importsProjectWithOrderedPools() throws Exception {
    Path project = copy("imports");
    Workspace ws = new Workspace(project);
    lifecycle(
        ws,
        ".",
        project.resolve("shared/templates.pool"),
        "default",
        List.of("frontend", "queue-workers"));
    // the state and the cloud live in the configuration directory
    assertThat(project.resolve("pool.state.json")).exists();
    assertThat(project.resolve(".poolform/local/default")).isDirectory();
  }

  /**
   * The examples folder is safe to explore (issue 10 item 2): every configuration in one copy of
   * it, laid out as shipped, keeps to its own state and its own pools. The single-file
   * configurations beside each other in {@code examples/} each have a state of their own; applying,
   * planning and destroying one leaves the others' pools and plans as they were.
   */
  @Test
  void everyLocalExampleInOneCopyOfTheFolderKeepsToItsOwnPools() throws Exception {
    Path examples = copyFolder();
    Workspace root = new Workspace(examples);
    Workspace imports = new Workspace(examples.resolve("imports"));
    Workspace envs = new Workspace(examples.resolve("environments"));
    String[] staging = {"--var-file", "staging.poolvars", "--state", "staging.state.json"};

    root.expect(0, "apply", "--auto-approve", "quickstart.pool");
    imports.expect(0, "apply", "--auto-approve", ".");
    envs.expect(0, concat(new String[] {"apply", "--auto-approve"}, staging));
    assertThat(examples.resolve("quickstart.state.json")).exists();
    assertThat(examples.resolve("pool.state.json")).doesNotExist();
    // The other single-file examples (AWS, Azure) have states of their own, still empty.
    for (String other : List.of("autoscaler.pool", "multicloud.pool", "regions.pool")) {
      assertThat(root.expect(0, "state", "list", other).out()).as(other).isBlank();
    }
    // A folder of several configurations: a command without one asks which.
    assertThat(root.expect(2, "show").err()).contains("quickstart.state.json");

    var quickstart = root.groups();
    var importsGroups = imports.groups();
    var envGroups = envs.groups();
    assertThat(quickstart).containsOnlyKeys("default/web");
    assertThat(importsGroups).containsOnlyKeys("default/frontend", "default/queue-workers");
    assertThat(envGroups).containsOnlyKeys("default/web-staging");

    root.expect(0, "destroy", "--auto-approve", "quickstart.pool");
    assertThat(root.groups()).isEmpty();
    assertThat(imports.groups()).isEqualTo(importsGroups);
    assertThat(envs.groups()).isEqualTo(envGroups);
    assertThat(imports.expect(0, "plan", "--detailed-exitcode", ".").out()).contains("No changes.");
    assertThat(envs.expect(0, concat(new String[] {"plan", "--detailed-exitcode"}, staging)).out())
        .contains("No changes.");

    imports.expect(0, "destroy", "--auto-approve", ".");
    assertThat(imports.groups()).isEmpty();
    assertThat(envs.groups()).isEqualTo(envGroups);
    envs.expect(0, concat(new String[] {"destroy", "--auto-approve"}, staging));
    assertThat(envs.groups()).isEmpty();
  }

  /** The configurations of {@code examples/} as shipped ({@code .pool}, {@code .poolvars}). */
  Path copyFolder() throws IOException {
    Path src = RepoFiles.examples();
    Path to = dir.resolve("examples");
    try (Stream<Path> files = Files.walk(src)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        Path rel = src.relativize(f);
        String name = f.getFileName().toString();
        if (rel.startsWith("target") || rel.startsWith("src") || rel.startsWith(".poolform"))
          continue;
        if (!name.endsWith(".pool") && !name.endsWith(".poolvars")) continue;
        Files.createDirectories(to.resolve(rel).getParent());
        Files.writeString(to.resolve(rel), fast(Files.readString(f)));
      }
    }
    return to;
  }

  private static String[] concat(String[] a, String[] b) {
    String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
