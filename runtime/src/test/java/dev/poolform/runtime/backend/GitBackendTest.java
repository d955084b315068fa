package dev.poolform.runtime.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.poolform.ir.IrBackend;
import dev.poolform.runtime.state.LockInfo;
import dev.poolform.runtime.state.StateException;
import dev.poolform.runtime.state.StateStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The git backend against a real bare repository over {@code file://}, with a clone per machine
 * standing for an operator: the lock is a compare-and-swap ref on the remote, the state is pushed
 * fast-forward only, and a clone behind the remote is brought up or refused. The contract's tests
 * (race, lock wait, write-behind, lineage, network failure) run here too.
 */
class GitBackendTest extends SharedStateBackendContract {
  static final String LOCK = "refs/poolform/locks/pool.state.json";

  @TempDir Path tmp;
  Path bare;
  Path a;
  Path b;

  @BeforeEach
  void clones() throws Exception {
    bare = tmp.resolve("remote.git");
    Git.init().setBare(true).setInitialBranch("main").setDirectory(bare.toFile()).call().close();
    Path seed = tmp.resolve("seed");
    try (Git g = Git.init().setInitialBranch("main").setDirectory(seed.toFile()).call()) {
      Files.writeString(seed.resolve("main.pool"), "# config\n");
      g.add().addFilepattern("main.pool").call();
      g.commit().setMessage("config").setSign(false).call();
      g.push().setRemote(uri()).setRefSpecs(new RefSpec("refs/heads/main:refs/heads/main")).call();
    }
    a = clone("a");
    b = clone("b");
  }

  private String uri() {
    return bare.toUri().toString();
  }

  private Path clone(String name) throws Exception {
    Path dir = tmp.resolve(name);
    if (Files.isDirectory(dir)) return dir;
    Git.cloneRepository().setURI(uri()).setDirectory(dir.toFile()).call().close();
    return dir;
  }

  private static StateBackend backend(Path clone) throws StateException {
    return backend(clone, Clock.systemUTC());
  }

  private static StateBackend backend(Path clone, Clock clock) throws StateException {
    StateStore store = new StateStore(clone.resolve("pool.state.json"), clock);
    return Backends.open(
        Optional.of(new IrBackend("git", Map.of("remote", "origin", "branch", "main"))),
        store,
        clock,
        Map.of());
  }

  // ---------------------------------------------------------------- the contract's hooks

  @Override
  protected StateBackend backend(String machine, Clock clock) throws Exception {
    return backend(clone(machine), clock);
  }

  /**
   * Eight runs, three times: more pushes that lose to another still committing the ref (the
   * remote's ref lock is held, the ref not yet there to read); {@link
   * #aRefLockHeldOnTheRemoteIsTriedAgainAndThenNamedNotCalledARace} holds that window open.
   */
  @Override
  protected int racers() {
    return 8;
  }

  @Override
  protected int raceRounds() {
    return 3;
  }

  @Override
  protected boolean lockPresent() throws Exception {
    return remoteRef(LOCK).isPresent();
  }

  @Override
  protected Path workingFile(String machine) throws Exception {
    return clone(machine).resolve("pool.state.json");
  }

  @Override
  protected Optional<String> shared() throws Exception {
    try (Repository r = new FileRepositoryBuilder().setGitDir(bare.toFile()).build();
        TreeWalk tw =
            TreeWalk.forPath(
                r, "pool.state.json", r.parseCommit(r.resolve("refs/heads/main")).getTree())) {
      if (tw == null) return Optional.empty();
      return Optional.of(new String(r.open(tw.getObjectId(0)).getBytes(), StandardCharsets.UTF_8));
    }
  }

  /** Someone pushes a state from another clone without taking the lock. */
  @Override
  protected void writeBehindTheLock(LockInfo held, String content) throws Exception {
    Path other = clone("intruder");
    try (Git g = Git.open(other.toFile())) {
      g.pull().call();
      Files.writeString(other.resolve("pool.state.json"), content);
      g.add().addFilepattern("pool.state.json").call();
      g.commit().setMessage("hand-pushed state").setSign(false).call();
      g.push().call();
    }
  }

  /** The remote goes away (moved aside) and comes back. */
  @Override
  protected Network network(String machine) throws Exception {
    StateBackend backend = backend(machine);
    Path moved = tmp.resolve("moved.git");
    return Network.of(
        backend,
        () -> Files.move(bare, moved),
        () -> {
          if (Files.exists(moved)) Files.move(moved, bare);
        });
  }

  private static void writeState(Path clone, long serial) throws Exception {
    Files.writeString(clone.resolve("pool.state.json"), state("L1", serial));
  }

  private Optional<ObjectId> remoteRef(String name) throws Exception {
    try (Repository r = new FileRepositoryBuilder().setGitDir(bare.toFile()).build()) {
      return Optional.ofNullable(r.resolve(name));
    }
  }

  private String remoteState() throws Exception {
    return shared().orElseThrow();
  }

  // ---------------------------------------------------------------- git's own

  /**
   * The window the race test's losers meet under load, held open: while another push is committing
   * the lock ref the remote holds its own lock file on it, refuses our push without comparing, and
   * has no ref to read. A run must not call that "changed while it was being taken": it tries again
   * (here the ref lock never goes, as a crashed push leaves it) and then says what is stuck.
   */
  @Test
  void aRefLockHeldOnTheRemoteIsTriedAgainAndThenNamedNotCalledARace() throws Exception {
    Path refLock = bare.resolve(LOCK + ".lock");
    Files.createDirectories(refLock.getParent());
    Files.writeString(refLock, ObjectId.zeroId().name() + "\n");
    assertThatThrownBy(() -> backend(a).lock("apply"))
        .isInstanceOf(StateException.class)
        .hasMessageContaining("failed to lock")
        .hasMessageContaining(LOCK + ".lock")
        .hasMessageNotContaining("changed while");
    assertThat(lockPresent()).isFalse();
    Files.delete(refLock); // the other push committed nothing, or crashed: the ref is free
    try (StateBackend.Lock held = backend(a).lock("apply")) {
      assertThat(remoteRef(LOCK)).isPresent();
      assertThat(backend(b).holder()).map(LockInfo::id).contains(held.info().id());
    }
  }

  @Test
  void aCleanCloneBehindTheRemoteIsFastForwardedWithAMessage() throws Exception {
    try (StateBackend.Lock held = backend(a).lock("apply")) {
      writeState(a, 1);
      held.publish("apply");
    }
    StateBackend second = backend(b);
    second.sync();
    assertThat(Files.readString(b.resolve("pool.state.json"))).contains("\"serial\":1");
    assertThat(second.notices()).anyMatch(n -> n.contains("Fast-forwarded to origin/main"));
  }

  @Test
  void aStateBehindTheRemoteWithLocalEditsIsRefused() throws Exception {
    try (StateBackend.Lock held = backend(a).lock("apply")) {
      writeState(a, 1);
      held.publish("apply");
    }
    Files.writeString(b.resolve("main.pool"), "# edited, not committed\n");
    assertThatThrownBy(() -> backend(b).sync())
        .hasMessageContaining("serial 1")
        .hasMessageContaining("uncommitted changes")
        .hasMessageContaining("git pull --ff-only origin main");
    assertThat(b.resolve("pool.state.json")).doesNotExist();
  }

  @Test
  void publishRebasesOverCommitsThatLeaveTheStateAlone() throws Exception {
    StateBackend first = backend(a);
    try (StateBackend.Lock held = first.lock("apply")) {
      first.sync();
      // Meanwhile someone pushes a configuration change (not the state).
      try (Git g = Git.open(b.toFile())) {
        Files.writeString(b.resolve("main.pool"), "# changed by b\n");
        g.commit().setAll(true).setMessage("b: config").setSign(false).call();
        g.push().call();
      }
      writeState(a, 1);
      held.publish("apply");
    }
    assertThat(remoteState()).contains("\"serial\":1");
    try (Git g = Git.open(a.toFile())) {
      assertThat(Files.readString(a.resolve("main.pool"))).isEqualTo("# changed by b\n");
      assertThat(g.log().setMaxCount(1).call().iterator().next().getFullMessage())
          .startsWith("poolform: apply — state serial 1");
    }
  }

  /**
   * Someone pushes an older state over a newer one (a {@code git revert} of a state commit, outside
   * the lock). The clone that made the newer one, whose state is ahead of the remote, used to go on
   * as if it had never pushed; the other clone, equal to the remote, went on building on the old
   * state. Both are refused, naming the commit, until the newer state is back.
   */
  @Test
  void anOlderStatePushedOverANewerOneIsRefusedEverywhere() throws Exception {
    for (long serial : new long[] {1, 2}) {
      try (StateBackend.Lock held = backend(a).lock("apply")) {
        writeState(a, serial);
        held.publish("apply");
      }
    }
    RevCommit revert;
    try (Git g = Git.open(b.toFile())) {
      g.pull().call();
      revert = g.revert().include(g.getRepository().resolve("HEAD")).call();
      g.push().call();
    }
    assertThat(remoteState()).contains("\"serial\":1");
    for (Path clone : new Path[] {a, b}) {
      assertThatThrownBy(() -> backend(clone).sync())
          .as("clone %s", clone.getFileName())
          .isInstanceOf(StateException.class)
          .hasMessageContaining("took the state back from serial 2 to serial 1")
          .hasMessageContaining("commit " + revert.abbreviate(7).name())
          .hasMessageContaining("`git revert " + revert.abbreviate(7).name() + "`")
          .hasMessageContaining("pool state restore");
    }
    assertThat(Files.readString(a.resolve("pool.state.json"))).contains("\"serial\":2");

    // The newer state put back (a revert of the revert): both go on.
    try (Git g = Git.open(b.toFile())) {
      g.revert().include(revert).call();
      g.push().call();
    }
    backend(a).sync();
    backend(b).sync();
    assertThat(Files.readString(b.resolve("pool.state.json"))).contains("\"serial\":2");
  }

  /** The message names the git commands that publish by hand (the commit is made locally). */
  @Test
  void anUnreachableRemoteSaysWhichGitCommandsPublishTheState() throws Exception {
    try (Network net = network("a")) {
      StateBackend.Lock held = net.backend().lock("apply");
      writeState(a, 1);
      net.cut();
      assertThatThrownBy(() -> held.publish("apply"))
          .hasMessageContaining("Nothing is lost")
          .hasMessageContaining("git push origin HEAD:main");
    }
    try (Git g = Git.open(a.toFile())) {
      assertThat(g.status().call().isClean()).as("the state is committed in the clone").isTrue();
    }
  }

  @Test
  void aCloneWithoutTheRemoteIsToldHowToFixIt() throws Exception {
    StateStore store = new StateStore(a.resolve("pool.state.json"), Clock.systemUTC());
    StateBackend other =
        Backends.open(
            Optional.of(new IrBackend("git", Map.of("remote", "upstream"))),
            store,
            Clock.systemUTC(),
            Map.of());
    assertThatThrownBy(other::sync)
        .hasMessageContaining("names the remote `upstream`")
        .hasMessageContaining("git remote add upstream");
  }
}
