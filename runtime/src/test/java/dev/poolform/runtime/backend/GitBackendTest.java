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
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.RefSpec;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The git backend against a real bare repository over {@code file://}, with two clones standing for
 * two operators: the lock is a compare-and-swap ref on the remote, the state is pushed fast-forward
 * only, and a clone behind the remote is brought up or refused.
 */
class GitBackendTest {
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
    Git.cloneRepository().setURI(uri()).setDirectory(dir.toFile()).call().close();
    return dir;
  }

  private static StateBackend backend(Path clone) throws StateException {
    StateStore store = new StateStore(clone.resolve("pool.state.json"), Clock.systemUTC());
    return Backends.open(
        Optional.of(new IrBackend("git", Map.of("remote", "origin", "branch", "main"))),
        store,
        Clock.systemUTC(),
        Map.of());
  }

  private static void writeState(Path clone, long serial) throws Exception {
    Files.writeString(
        clone.resolve("pool.state.json"),
        "{\"format_version\":3,\"lineage\":\"L1\",\"serial\":" + serial + "}\n");
  }

  private Optional<ObjectId> remoteRef(String name) throws Exception {
    try (Repository r = new FileRepositoryBuilder().setGitDir(bare.toFile()).build()) {
      return Optional.ofNullable(r.resolve(name));
    }
  }

  private String remoteState() throws Exception {
    try (Repository r = new FileRepositoryBuilder().setGitDir(bare.toFile()).build()) {
      var tw =
          org.eclipse.jgit.treewalk.TreeWalk.forPath(
              r, "pool.state.json", r.parseCommit(r.resolve("refs/heads/main")).getTree());
      return new String(r.open(tw.getObjectId(0)).getBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void theSecondCloneIsRefusedNamingTheHolderUntilTheFirstIsDone() throws Exception {
    StateBackend first = backend(a);
    StateBackend second = backend(b);
    try (StateBackend.Lock held = first.lock("apply")) {
      assertThat(remoteRef("refs/poolform/locks/pool.state.json")).isPresent();
      assertThatThrownBy(() -> second.lock("apply"))
          .isInstanceOf(StateException.class)
          .hasMessageContaining("locked by " + held.info().who())
          .hasMessageContaining("`apply`")
          .hasMessageContaining("pool force-unlock " + held.info().id())
          .extracting(e -> ((StateException) e).kind())
          .isEqualTo(StateException.Kind.LOCKED);
      assertThat(second.holder()).map(LockInfo::id).contains(held.info().id());
      writeState(a, 1);
      held.publish("apply");
    }
    assertThat(remoteRef("refs/poolform/locks/pool.state.json")).isEmpty();
    assertThat(remoteState()).contains("\"serial\":1");

    // The second clone is behind and clean: it is fast-forwarded, with a message.
    try (StateBackend.Lock held = second.lock("apply")) {
      second.sync();
      assertThat(Files.readString(b.resolve("pool.state.json"))).contains("\"serial\":1");
      assertThat(second.notices()).anyMatch(n -> n.contains("Fast-forwarded to origin/main"));
      writeState(b, 2);
      held.publish("apply");
    }
    assertThat(remoteState()).contains("\"serial\":2");
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
  void anotherLineageOrTheSameSerialWithOtherContentIsRefused() throws Exception {
    try (StateBackend.Lock held = backend(a).lock("apply")) {
      writeState(a, 3);
      held.publish("apply");
    }
    Files.writeString(
        b.resolve("pool.state.json"), "{\"format_version\":3,\"lineage\":\"L2\",\"serial\":9}\n");
    assertThatThrownBy(() -> backend(b).sync()).hasMessageContaining("different states");
    Files.writeString(
        b.resolve("pool.state.json"),
        "{\"format_version\":3,\"lineage\":\"L1\",\"serial\":3,\"x\":1}\n");
    assertThatThrownBy(() -> backend(b).sync()).hasMessageContaining("at the same serial 3");
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

  @Test
  void aStateChangedRemotelyUnderTheLockIsNotPushedAndTheLockIsKept() throws Exception {
    StateBackend first = backend(a);
    StateBackend.Lock held = first.lock("apply");
    first.sync();
    // Someone pushes a state without taking the lock.
    try (Git g = Git.open(b.toFile())) {
      writeState(b, 5);
      g.add().addFilepattern("pool.state.json").call();
      g.commit().setMessage("hand-pushed state").setSign(false).call();
      g.push().call();
    }
    writeState(a, 1);
    assertThatThrownBy(() -> held.publish("apply"))
        .hasMessageContaining("changed while this run held its lock")
        .hasMessageContaining("pool force-unlock " + held.info().id());
    held.close();
    assertThat(remoteRef("refs/poolform/locks/pool.state.json")).isPresent();
    assertThat(remoteState()).contains("\"serial\":5");

    // force-unlock: a wrong id never reveals the real one; the right id removes the ref.
    StateBackend second = backend(b);
    assertThatThrownBy(() -> second.forceUnlock("wrong"))
        .hasMessageContaining("another id than wrong")
        .hasMessageNotContaining(held.info().id());
    second.forceUnlock(held.info().id());
    assertThat(remoteRef("refs/poolform/locks/pool.state.json")).isEmpty();
  }

  @Test
  void anUnreachableRemoteLosesNoStateAndSaysWhatToRun() throws Exception {
    StateBackend first = backend(a);
    StateBackend.Lock held = first.lock("apply");
    writeState(a, 1);
    Path moved = tmp.resolve("moved.git");
    Files.move(bare, moved);
    assertThatThrownBy(() -> held.publish("apply"))
        .hasMessageContaining("Nothing is lost")
        .hasMessageContaining("git push origin HEAD:main")
        .hasMessageContaining("pool force-unlock " + held.info().id());
    held.close();
    Files.move(moved, bare);
    // The state is committed locally; the next run (after force-unlock) pushes it.
    first.forceUnlock(held.info().id());
    try (StateBackend.Lock again = first.lock("apply")) {
      first.sync();
      again.publish("apply");
    }
    assertThat(remoteState()).contains("\"serial\":1");
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
