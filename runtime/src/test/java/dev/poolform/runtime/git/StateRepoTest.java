package dev.poolform.runtime.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StateRepoTest {
  @TempDir Path dir;

  Path write(String name, String text) throws Exception {
    Path p = dir.resolve(name);
    Files.createDirectories(p.getParent());
    Files.writeString(p, text);
    return p;
  }

  /** What the state store does: write, then record the write. */
  Path poolformWrites(String text) throws Exception {
    Path p = write("infra/pool.state.json", text);
    StateWriteLedger.record(p);
    return p;
  }

  @Test
  void commitsOnlyTheStateFileAndRefusesForeignEdits() throws Exception {
    try (Git git = Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call()) {
      write("infra/main.pool", "cloud local dev {}\n");
      git.add().addFilepattern("infra/main.pool").call();
      git.commit().setMessage("config").setSign(false).call();

      Path state = dir.resolve("infra/pool.state.json");
      try (StateRepo repo = StateRepo.open(state)) {
        assertThat(repo.pathOf(state)).isEqualTo("infra/pool.state.json");
        assertThat(repo.check(state)).isEqualTo(StateRepo.Status.ABSENT);

        poolformWrites("{\"serial\": 1}\n");
        assertThat(repo.check(state)).isEqualTo(StateRepo.Status.WRITTEN_BY_POOLFORM);

        // something else staged must not ride along
        write("infra/other.pool", "let x = 1\n");
        git.add().addFilepattern("infra/other.pool").call();

        String id = repo.commit(state, "poolform: apply — 1 created (pool.web)\n").orElseThrow();
        RevCommit head = git.log().setMaxCount(1).call().iterator().next();
        assertThat(head.getId().name()).isEqualTo(id);
        assertThat(head.getFullMessage()).startsWith("poolform: apply — 1 created (pool.web)");
        assertThat(TreeWalk.forPath(git.getRepository(), "infra/pool.state.json", head.getTree()))
            .isNotNull();
        assertThat(TreeWalk.forPath(git.getRepository(), "infra/other.pool", head.getTree()))
            .isNull();
        assertThat(git.status().call().getAdded()).containsExactly("infra/other.pool");

        assertThat(repo.check(state)).isEqualTo(StateRepo.Status.UNCHANGED);
        assertThat(repo.commit(state, "nothing")).isEmpty();

        // a hand edit: differs from HEAD and from Poolform's last write
        write("infra/pool.state.json", "{\"serial\": 99}\n");
        assertThatThrownBy(() -> repo.check(state))
            .isInstanceOf(GitStateException.class)
            .hasMessageContaining(
                "infra/pool.state.json has uncommitted changes that Poolform did not make");

        // Poolform writes again (an apply without --commit, or an interrupted one): accepted
        poolformWrites("{\"serial\": 2}\n");
        assertThat(repo.check(state)).isEqualTo(StateRepo.Status.WRITTEN_BY_POOLFORM);

        Files.delete(state);
        assertThatThrownBy(() -> repo.check(state)).hasMessageContaining("was deleted");
      }
    }
  }

  @Test
  void outsideAWorkTreeIsAClearError() {
    assertThatThrownBy(() -> StateRepo.open(dir.resolve("pool.state.json")))
        .isInstanceOf(GitStateException.class)
        .hasMessageContaining("is not in one");
  }

  @Test
  void messageSummarisesByKindInPlanOrder() {
    String m =
        CommitMessage.of(
            "apply",
            List.of(
                new CommitMessage.Change("rolled out", "pool.web"),
                new CommitMessage.Change("created", "pool.db"),
                new CommitMessage.Change("rolled out", "pool.api")),
            List.of("serial 7"));
    assertThat(m)
        .isEqualTo(
            "poolform: apply — 1 created, 2 rolled out (pool.db, pool.web, pool.api)\n"
                + "\n"
                + "created: pool.db\n"
                + "rolled out: pool.web, pool.api\n"
                + "\n"
                + "serial 7\n");
    assertThat(CommitMessage.of("apply", List.of(), List.of()))
        .isEqualTo("poolform: apply — no changes\n");
  }
}
