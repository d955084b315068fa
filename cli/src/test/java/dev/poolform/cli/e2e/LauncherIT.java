package dev.poolform.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.poolform.cli.RepoFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher {@code ./pool} as a user runs it: a command that only reads .pool files maps the
 * compiler's class-data archive, one that reads the clouds maps the cloud archive, and each holds
 * the classes its commands load (docs/cli.md, "The launcher"). Runs the real script on the jar the
 * build just made; the first run of each kind records its archive. The tests of when it builds and
 * when it records again run a copy of the script in a scratch checkout, so the repository's own jar
 * and archives are never touched.
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

  /**
   * On Java 25, whose cache loads every class it holds at start, a plain {@code validate} maps a
   * cache of its own, trained without picocli, and loads a tenth fewer classes than with the
   * compiler's; any other compiler command line maps the compiler's. Before Java 25 both map the
   * compiler's archive, whose classes load as they are needed.
   */
  @Test
  void aPlainValidateMapsItsOwnCacheOnJava25() throws Exception {
    String q = ROOT.resolve("examples/quickstart.pool").toString();
    Map<String, String> print = Map.of("POOLFORM_LAUNCH", "print");
    String plain = launch(print, "validate", q).out;
    String bare = launch(print, "validate").out;
    String parsed = launch(print, "validate", "--json", q).out;
    String separated = launch(print, "validate", "--", q).out;
    String other = launch(print, "fmt", q).out;
    String archive = "poolform-" + System.getProperty("java.version");
    if (Runtime.version().feature() >= 25) {
      assertThat(plain).contains(archive + "-validate.aot");
      assertThat(bare).contains(archive + "-validate.aot");
      for (String out : List.of(parsed, separated, other)) {
        assertThat(out).contains(archive + ".aot").doesNotContain("-validate.");
      }
      Run run = launchLogged("validate", q);
      assertThat(run.status).as(run.out).isZero();
      List<String> own = Files.readAllLines(dir.resolve("classes.log"));
      assertMostlyShared(own, " dev.poolform.compiler.");
      // The same java command line with the compiler's cache instead.
      List<String> cmd = new ArrayList<>();
      for (String word : plain.trim().split(" ", -1)) {
        cmd.add(word.replace("-validate.aot", ".aot").replace("-Xlog:aot=off", log()));
      }
      Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      assertThat(p.waitFor()).isZero();
      List<String> compilers = Files.readAllLines(dir.resolve("classes.log"));
      assertThat(own.size()).isLessThan(compilers.size() * 9 / 10);
    } else {
      for (String out : List.of(plain, bare, parsed, separated, other)) {
        assertThat(out).contains(archive + ".jsa");
      }
    }
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

  /**
   * An archive is recorded again when what it was trained on changes: the quickstart for both
   * kinds, a file of cli/training (changed, or one added) for the cloud kind alone; and not
   * otherwise. Runs the java on the PATH through a link, as /usr/bin/java is, with no JAVA_HOME:
   * the release is found through the launcher's kept answer, cli/target/java-home, and a wrong one
   * is mended. Costs four recordings (the cloud one trained by a local plan only: no SDK), about 15
   * s idle.
   */
  @Test
  void anArchiveIsRecordedAgainWhenWhatItWasTrainedOnChanges() throws Exception {
    Path root = scratchCheckout();
    Files.copy(ROOT.resolve("examples/quickstart.pool"), root.resolve("examples/quickstart.pool"));
    Files.copy(
        ROOT.resolve("cli/training/3-local.pool"), root.resolve("cli/training/3-local.pool"));
    Path target = root.resolve("cli/target");
    Files.createSymbolicLink(
        target.resolve("poolform.jar"), ROOT.resolve("cli/target/poolform.jar"));
    Files.createSymbolicLink(
        target.resolve("poolform-lib.jar"), ROOT.resolve("cli/target/poolform-lib.jar"));
    Path bin = Files.createDirectories(dir.resolve("bin"));
    Files.createSymbolicLink(
        bin.resolve("java"), Path.of(System.getProperty("java.home"), "bin", "java"));
    Map<String, String> env = new HashMap<>();
    env.put("JAVA_HOME", "");
    env.put("PATH", bin + ":" + System.getenv("PATH"));
    env.put("POOLFORM_NO_BUILD", "1");
    String quickstart = root.resolve("examples/quickstart.pool").toString();
    Path work = Files.createDirectories(dir.resolve("work"));
    Files.copy(root.resolve("cli/training/3-local.pool"), work.resolve("local.pool"));

    Run first = launchIn(root, work, env, "validate", quickstart);
    // A plain validate maps its own cache on Java 25 (see aPlainValidateMapsItsOwnCacheOnJava25).
    boolean aot = Runtime.version().feature() >= 25;
    Path compiler = onlyArchive(target, aot ? "-validate" : "");
    assertThat(compiler.getFileName().toString())
        .as(first.out)
        .isEqualTo(
            "poolform-" + System.getProperty("java.version") + (aot ? "-validate.aot" : ".jsa"));
    assertThat(Files.readAllLines(target.resolve("java-home")))
        .containsExactly(bin.resolve("java").toString(), System.getProperty("java.home"));
    FileTime recorded = Files.getLastModifiedTime(compiler);

    launchIn(root, work, env, "validate", quickstart);
    assertThat(Files.getLastModifiedTime(compiler)).isEqualTo(recorded);

    // A kept answer that no longer leads to this java is found again, not trusted.
    Files.writeString(target.resolve("java-home"), bin.resolve("java") + "\n/nonexistent\n");
    assertThat(launchIn(root, work, Map.of("POOLFORM_LAUNCH", "print"), env, "validate").out)
        .contains(compiler.toString());
    assertThat(Files.readAllLines(target.resolve("java-home")))
        .containsExactly(bin.resolve("java").toString(), System.getProperty("java.home"));

    newerThan(root.resolve("examples/quickstart.pool"), compiler);
    launchIn(root, work, env, "validate", quickstart);
    assertThat(Files.getLastModifiedTime(compiler)).isGreaterThan(recorded);
    recorded = Files.getLastModifiedTime(compiler);

    launchIn(root, work, env, "plan", "local.pool");
    Path cloud = onlyArchive(target, "-cloud");
    FileTime cloudRecorded = Files.getLastModifiedTime(cloud);
    launchIn(root, work, env, "plan", "local.pool");
    assertThat(Files.getLastModifiedTime(cloud)).isEqualTo(cloudRecorded);

    newerThan(root.resolve("cli/training/3-local.pool"), cloud);
    launchIn(root, work, env, "plan", "local.pool");
    assertThat(Files.getLastModifiedTime(cloud)).isGreaterThan(cloudRecorded);
    assertThat(Files.getLastModifiedTime(compiler)).isEqualTo(recorded);
    cloudRecorded = Files.getLastModifiedTime(cloud);

    // A training file added (the folder changes) counts too.
    Files.copy(root.resolve("cli/training/3-local.pool"), root.resolve("cli/training/4-more.pool"));
    newerThan(root.resolve("cli/training"), cloud);
    launchIn(root, work, env, "plan", "local.pool");
    assertThat(Files.getLastModifiedTime(cloud)).isGreaterThan(cloudRecorded);
  }

  /**
   * The jar is built again when a main source, resource, grammar or pom is newer than it (edited in
   * place, or new), and not for a test, a test module, a document, an example or an editor's swap
   * file. Maven here is a stand-in {@code mvnw} that writes down that it was asked and fails (the
   * launcher then stops with status 2), since the decision is what is tested; a real build runs
   * whenever a fresh clone first runs ./pool.
   */
  @Test
  void theJarIsBuiltAgainWhenAMainSourceChangesAndOnlyThen() throws Exception {
    Path root = scratchCheckout();
    Path mvnw = root.resolve("mvnw");
    Files.writeString(mvnw, "#!/usr/bin/env bash\necho \"$*\" >> mvnw.log\nexit 1\n");
    mvnw.toFile().setExecutable(true);
    List<String> sources =
        List.of(
            "pom.xml",
            "mod/pom.xml",
            "mod/src/main/java/dev/A.java",
            "mod/src/main/resources/explain/X.md",
            "mod/src/main/antlr4/G.g4",
            "group/sub/pom.xml",
            "group/sub/src/main/java/B.java");
    List<String> others =
        List.of(
            "mod/src/test/java/dev/ATest.java",
            "mod/src/main/java/dev/.A.java.swp",
            "testing/tool/pom.xml",
            "testing/tool/src/main/java/T.java",
            "examples/pom.xml",
            "docs/cli.md",
            "README.md");
    Instant old = Instant.now().minusSeconds(3600);
    for (String f : Stream.concat(sources.stream(), others.stream()).toList()) {
      Path p = root.resolve(f);
      Files.createDirectories(p.getParent());
      Files.writeString(p, "x\n");
      Files.setLastModifiedTime(p, FileTime.from(old));
    }
    Path jar = root.resolve("cli/target/poolform.jar");
    Files.writeString(root.resolve("cli/target/poolform-lib.jar"), "");
    Map<String, String> print = Map.of("POOLFORM_LAUNCH", "print", "POOLFORM_NO_CDS", "1");

    // No jar yet: the first run builds.
    assertThat(launchIn(root, dir, print, Map.of(), "version").status).isEqualTo(2);
    assertThat(Files.readAllLines(root.resolve("mvnw.log"))).hasSize(1);
    Files.writeString(jar, "");
    Files.setLastModifiedTime(jar, FileTime.from(old.plusSeconds(60)));

    Run upToDate = launchIn(root, dir, print, Map.of(), "version");
    assertThat(upToDate.status).as(upToDate.out).isZero();
    int builds = 1;
    for (String f : others) {
      Files.writeString(root.resolve(f), "edited\n", java.nio.file.StandardOpenOption.APPEND);
      assertThat(launchIn(root, dir, print, Map.of(), "version").status).as(f).isZero();
    }
    for (String f : sources) {
      Path p = root.resolve(f);
      Files.writeString(p, "edited\n", java.nio.file.StandardOpenOption.APPEND);
      assertThat(launchIn(root, dir, print, Map.of(), "version").status).as(f).isEqualTo(2);
      assertThat(Files.readAllLines(root.resolve("mvnw.log"))).as(f).hasSize(++builds);
      // POOLFORM_NO_BUILD=1 never builds, stale or not.
      Map<String, String> noBuild = new HashMap<>(print);
      noBuild.put("POOLFORM_NO_BUILD", "1");
      assertThat(launchIn(root, dir, noBuild, Map.of(), "version").status).as(f).isZero();
      Files.setLastModifiedTime(p, FileTime.from(old));
    }
    assertThat(Files.readAllLines(root.resolve("mvnw.log"))).hasSize(builds);
  }

  /** A checkout holding the launcher and empty folders: the build's and the training files'. */
  private Path scratchCheckout() throws IOException {
    Path root = Files.createDirectories(dir.resolve("checkout")).toRealPath();
    Files.copy(ROOT.resolve("pool"), root.resolve("pool"));
    Files.createDirectories(root.resolve("cli/target"));
    Files.createDirectories(root.resolve("cli/training"));
    Files.createDirectories(root.resolve("examples"));
    return root;
  }

  /** The archive of {@code kind} ("", "-cloud", "-validate") in {@code target}: exactly one. */
  private static Path onlyArchive(Path target, String kind) throws IOException {
    String name = "poolform-[0-9.]+" + kind + "\\.(jsa|aot)";
    try (Stream<Path> files = Files.list(target)) {
      List<Path> archives = files.filter(p -> p.getFileName().toString().matches(name)).toList();
      assertThat(archives).hasSize(1);
      return archives.get(0);
    }
  }

  /**
   * Sets {@code file}'s time a second past {@code than}'s, as an edit after the recording would.
   */
  private static void newerThan(Path file, Path than) throws IOException {
    Instant after = Files.getLastModifiedTime(than).toInstant().plusSeconds(1);
    Files.setLastModifiedTime(file, FileTime.from(after));
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
    return launch(Map.of("POOLFORM_JAVA_OPTS", log()), args);
  }

  /** The JVM flag that writes the classes loaded to classes.log, one a line. */
  private String log() {
    return "-Xlog:class+load=info:file=" + dir.resolve("classes.log");
  }

  private Run launch(Map<String, String> extra, String... args)
      throws IOException, InterruptedException {
    Map<String, String> env = new HashMap<>(extra);
    env.putIfAbsent("POOLFORM_NO_BUILD", "1");
    return launchIn(ROOT, dir, env, Map.of(), args);
  }

  private Run launchIn(Path root, Path cwd, Map<String, String> env, String... args)
      throws IOException, InterruptedException {
    Run run = launchIn(root, cwd, Map.of(), env, args);
    assertThat(run.status).as(run.out).isZero();
    return run;
  }

  /** Runs {@code root}'s launcher in {@code cwd}; an empty value in {@code more} unsets it. */
  private Run launchIn(
      Path root, Path cwd, Map<String, String> extra, Map<String, String> more, String... args)
      throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of(root.resolve("pool").toString()));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(cwd.toFile()).redirectErrorStream(true);
    Map<String, String> env = pb.environment();
    env.put("JAVA_HOME", System.getProperty("java.home"));
    env.put("NO_COLOR", "1");
    env.put("AWS_ACCESS_KEY_ID", "test");
    env.put("AWS_SECRET_ACCESS_KEY", "test");
    env.remove("POOLFORM_NO_CDS");
    env.remove("POOLFORM_NO_BUILD");
    env.remove("POOLFORM_LAUNCH");
    env.putAll(extra);
    more.forEach(
        (k, v) -> {
          if (v.isEmpty()) env.remove(k);
          else env.put(k, v);
        });
    Process p = pb.start();
    // The first run of a kind records its archive: several seconds, more on a loaded machine.
    byte[] out = p.getInputStream().readAllBytes();
    assertThat(p.waitFor(5, TimeUnit.MINUTES)).isTrue();
    return new Run(p.exitValue(), new String(out, StandardCharsets.UTF_8));
  }

  private record Run(int status, String out) {}
}
