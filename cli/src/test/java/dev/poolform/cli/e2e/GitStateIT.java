package dev.poolform.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.poolform.cli.CliRun;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code examples/teams.pool} ({@code state git}) from clones of one bare repository over {@code
 * file://}, held to {@link SharedStateIT}; the race once more over a {@code git daemon}, and {@code
 * pool state migrate} from the local file. The network failure is the remote moved away. Costs two
 * to four child JVMs per test (about a minute here in all).
 */
class GitStateIT extends SharedStateIT {
  static final String LOCK = "refs/poolform/locks/main.state.json";

  Path bare;

  /** Where the clones fetch and push: the bare repository over file://, or a git daemon. */
  String url;

  @BeforeEach
  void remote() throws Exception {
    bare = tmp.resolve("remote.git");
    Git.init().setBare(true).setInitialBranch("main").setDirectory(bare.toFile()).call().close();
    Path seed = tmp.resolve("seed");
    try (Git g = Git.init().setInitialBranch("main").setDirectory(seed.toFile()).call()) {
      String example =
          Files.readString(dev.poolform.cli.RepoFiles.examples().resolve("teams.pool"));
      Files.writeString(
          seed.resolve("main.pool"), example.replace("boot_time = 3s", "boot_time = 2s"));
      Files.writeString(seed.resolve(".gitignore"), ".poolform/\n.home/\n*.backup\n");
      g.add().addFilepattern(".").call();
      g.commit().setMessage("the configuration").setSign(false).call();
      g.push()
          .setRemote(bare.toUri().toString())
          .setRefSpecs(new RefSpec("refs/heads/main:refs/heads/main"))
          .call();
    }
    url = bare.toUri().toString();
  }

  @Override
  Workspace machine(String name) throws Exception {
    return clone(name);
  }

  @Override
  Optional<JsonNode> sharedState() throws Exception {
    return Optional.ofNullable(remoteState());
  }

  @Override
  boolean lockPresent() throws Exception {
    return remoteRef(LOCK).isPresent();
  }

  @Override
  void cutNetwork() throws Exception {
    Files.move(bare, tmp.resolve("moved.git"));
  }

  @Override
  void restoreNetwork() throws Exception {
    if (Files.exists(tmp.resolve("moved.git"))) Files.move(tmp.resolve("moved.git"), bare);
  }

  private Workspace clone(String name) throws Exception {
    Path dir = tmp.resolve(name);
    if (Files.isDirectory(dir)) return workspace(dir);
    Git.cloneRepository().setURI(url).setDirectory(dir.toFile()).call().close();
    return workspace(dir);
  }

  private static Workspace workspace(Path dir) {
    Workspace ws = new Workspace(dir);
    ws.env.put("POOLFORM_POLL_INTERVAL", "100ms");
    return ws;
  }

  private Optional<ObjectId> remoteRef(String ref) throws Exception {
    try (Repository r = new FileRepositoryBuilder().setGitDir(bare.toFile()).build()) {
      return Optional.ofNullable(r.resolve(ref));
    }
  }

  private JsonNode remoteState() throws Exception {
    try (Repository r = new FileRepositoryBuilder().setGitDir(bare.toFile()).build();
        TreeWalk tw =
            TreeWalk.forPath(
                r, "main.state.json", r.parseCommit(r.resolve("refs/heads/main")).getTree())) {
      if (tw == null) return null;
      return new ObjectMapper()
          .readTree(new String(r.open(tw.getObjectId(0)).getBytes(), StandardCharsets.UTF_8));
    }
  }

  /**
   * A clone behind the remote is fast-forwarded by its plan, which says so (docs/runtime.md#git):
   * only apply printed the note, so a plan moved the clone's HEAD without a word.
   */
  @Test
  void aPlanThatFastForwardsTheCloneSaysSo() throws Exception {
    Workspace b = clone("b");
    clone("a").expect(0, "apply", "--auto-approve");
    CliRun plan = b.expect(0, "plan");
    assertThat(plan.err())
        .contains("note: Fast-forwarded to origin/main: the state is now at serial ");
    assertThat(b.expect(0, "plan").err()).doesNotContain("Fast-forwarded");
  }

  /**
   * The same race over {@code git://}: Debian's {@code git daemon} serving the bare repository with
   * push enabled, so the lock's compare-and-swap is the network protocol's ref update.
   */
  @Test
  void overAGitDaemonTwoClonesApplyingAtOnceOneRunsTheOtherIsRefused() throws Exception {
    Path daemon = Path.of("/usr/lib/git-core/git-daemon");
    Assumptions.assumeTrue(
        Files.isExecutable(daemon), "git daemon is not installed (apt-get install git)");
    int port = WatchOnCloudsIT.freePort();
    Process p =
        new ProcessBuilder(
                daemon.toString(),
                "--reuseaddr",
                "--export-all",
                "--enable=receive-pack",
                "--listen=127.0.0.1",
                "--port=" + port,
                "--base-path=" + tmp,
                tmp.toString())
            .redirectErrorStream(true)
            .redirectOutput(tmp.resolve("daemon.log").toFile())
            .start();
    try {
      awaitPort(port, p);
      url = "git://127.0.0.1:" + port + "/remote.git";
      race();
    } finally {
      p.destroy();
      p.waitFor(10, TimeUnit.SECONDS);
    }
  }

  private void awaitPort(int port, Process daemon) throws Exception {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (true) {
      try (java.net.Socket s =
          new java.net.Socket(java.net.InetAddress.getLoopbackAddress(), port)) {
        return;
      } catch (java.io.IOException e) {
        if (!daemon.isAlive() || System.nanoTime() > end) {
          throw new AssertionError(
              "git daemon did not listen on "
                  + port
                  + ":\n"
                  + Files.readString(tmp.resolve("daemon.log")),
              e);
        }
        Thread.sleep(50);
      }
    }
  }

  /** The configuration as it was before the team: without its state block, on the local file. */
  private static void applyAlone(Workspace ws) throws Exception {
    String withBlock = ws.read("main.pool");
    ws.write("main.pool", withBlock.replaceAll("(?s)\nstate git \\{.*?\\}\n", "\n"));
    assertThat(ws.read("main.pool")).doesNotContain("state git");
    ws.expect(0, "apply", "--auto-approve", "main.pool");
    ws.write("main.pool", withBlock);
  }

  @Test
  void aLocalStateMigratesToGitKeepingLineageAndSerialAndAnotherLineageIsRefused()
      throws Exception {
    Workspace a = clone("a");
    applyAlone(a);
    JsonNode local = a.state();
    assertThat(remoteState()).isNull();

    CliRun migrated = a.expect(0, "state", "migrate", "main.pool");
    assertThat(migrated.out()).contains("Migrated the state", "to git origin/main");
    JsonNode pushed = remoteState();
    assertThat(pushed.path("lineage").asText()).isEqualTo(local.path("lineage").asText());
    assertThat(pushed.path("serial").asLong()).isEqualTo(local.path("serial").asLong());
    assertThat(remoteRef(LOCK)).isEmpty();
    assertThat(a.expect(0, "plan", "main.pool").out()).contains("No changes");

    // Another clone with a state of its own (another lineage) is refused; the remote keeps a's.
    Workspace b = clone("b");
    Files.delete(b.dir.resolve("main.state.json")); // the clone brought a's; b starts its own
    applyAlone(b);
    assertThat(b.state().path("lineage").asText()).isNotEqualTo(local.path("lineage").asText());
    CliRun refused = b.expect(1, "state", "migrate", "main.pool");
    assertThat(refused.err()).contains("already holds another state", "Nothing was changed");
    assertThat(remoteState().path("lineage").asText()).isEqualTo(local.path("lineage").asText());
    assertThat(remoteRef(LOCK)).isEmpty();
  }
}
