package dev.poolform.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.poolform.cli.CliRun;
import java.nio.file.Path;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** show, state list/show/rm/mv, import, and {@code apply --commit} in a real git repository. */
class StateAndGitIT {
  @TempDir Path dir;

  static final String CONFIG =
      """
      cloud local dev { boot_time = 100ms }
      pool "web" on dev {
        capacity { min = 1  max = 4  desired = 2 }
        machine  { size = "small"  image = "ubuntu-24.04" }
      }
      """;

  @Test
  void stateCommandsAndImport() throws Exception {
    Workspace ws = new Workspace(dir);
    ws.env.put("POOLFORM_POLL_INTERVAL", "50ms");
    ws.write("main.pool", CONFIG);
    ws.expect(0, "apply", "--auto-approve");

    assertThat(ws.expect(0, "state", "list").out()).isEqualTo("pool.web\n");
    assertThat(ws.expect(0, "state", "show", "pool.web").out()).contains("\"group\"", "\"web\"");
    assertThat(ws.expect(1, "state", "show", "pool.nope").err())
        .contains("pool.nope is not in the state");
    CliRun show = ws.expect(0, "show");
    assertThat(show.out())
        .contains(
            "pool.web",
            "cloud     local.dev, group web",
            "min 1, max 4, desired 2",
            "State serial");
    assertThat(ws.expect(0, "show", "--json").out()).startsWith("{").contains("\"lineage\"");

    // forget it, then adopt the running group again
    ws.expect(0, "state", "rm", "pool.web");
    assertThat(ws.expect(0, "state", "list").out()).isEmpty();
    assertThat(ws.cloud("default").group("web")).isPresent();
    CliRun imported = ws.expect(0, "import", "pool.web", "web");
    assertThat(imported.out()).contains("Imported web (cloud local.dev) as pool.web.");
    assertThat(ws.expect(1, "import", "pool.web", "web").err()).contains("already in state");
    ws.expect(0, "apply", "--auto-approve");
    ws.expect(0, "plan", "--detailed-exitcode");

    // rename the pool's address after renaming it in the configuration... here: mv and back
    ws.expect(0, "state", "mv", "pool.web", "pool.www");
    assertThat(ws.expect(0, "state", "list").out()).isEqualTo("pool.www\n");
    ws.expect(0, "state", "mv", "pool.www", "pool.web");
    ws.expect(0, "plan", "--detailed-exitcode");
    assertThat(ws.expect(1, "force-unlock", "nope").err()).contains("not locked");

    // A wrong id removes nothing and does not give the real one away.
    String lockId = "5d1f0c9e-0000-4000-8000-00000000beef";
    ws.write(
        "pool.state.json.lock",
        "{\"id\": \""
            + lockId
            + "\", \"operation\": \"apply\", \"pid\": 1,"
            + " \"when\": \"2026-12-05T00:00:00Z\", \"who\": \"bob@ci\"}\n");
    CliRun wrong = ws.expect(1, "force-unlock", "nope");
    assertThat(wrong.err()).contains("another id than nope", "bob@ci").doesNotContain(lockId);
    assertThat(ws.expect(0, "force-unlock", lockId).out()).isNotNull();

    // A new state key: made in the user's key file; refused when the key is in the environment.
    CliRun rekey = ws.expect(0, "state", "rekey");
    assertThat(rekey.out())
        .contains("the current one in " + dir.resolve(".home/.config/poolform/state.keys"))
        .contains("No digest in the state needs an older key.");
    ws.env.put("POOLFORM_STATE_KEY", "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=");
    assertThat(ws.expect(2, "state", "rekey").err()).contains("put it first in POOLFORM_STATE_KEY");
    ws.env.remove("POOLFORM_STATE_KEY");
  }

  /** A git repository in {@code dir} whose first commit holds {@code files}. */
  private Git repository(String... files) throws Exception {
    Git git = Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call();
    var add = git.add();
    for (String f : files) add.addFilepattern(f);
    add.call();
    git.commit()
        .setMessage("config")
        .setSign(false)
        .setAuthor("t", "t@example.com")
        .setCommitter("t", "t@example.com")
        .call();
    return git;
  }

  /**
   * A second operator's clone: the state was committed (by `apply --commit`) but not the
   * `.gitignore` the first apply wrote beside it. Their first apply is not the state's first, yet
   * `--commit` must not leave `.poolform/` and the backup to be committed by the next `git add .`.
   */
  @Test
  void applyCommitInACloneWithoutTheGitignoreAddsIt() throws Exception {
    Workspace ws = new Workspace(dir);
    ws.env.put("POOLFORM_POLL_INTERVAL", "50ms");
    ws.write("main.pool", CONFIG);
    try (Git git = repository("main.pool")) {
      ws.expect(0, "apply", "--auto-approve", "--commit");
      java.nio.file.Files.delete(dir.resolve(".gitignore")); // never committed: not in a clone

      ws.write("main.pool", CONFIG.replace("desired = 2", "desired = 3"));
      CliRun second = ws.expect(0, "apply", "--auto-approve", "--commit");
      assertThat(second.err()).contains("to .gitignore");
      assertThat(ws.read(".gitignore")).contains(".poolform/", "pool.state.json.backup");
      assertThat(git.status().call().getUntracked()).containsExactly(".gitignore");
    }
  }

  @Test
  void applyCommitCommitsOnlyTheStateAndRefusesHandEdits() throws Exception {
    Workspace ws = new Workspace(dir);
    ws.env.put("POOLFORM_POLL_INTERVAL", "50ms");
    ws.write("main.pool", CONFIG);
    ws.write(
        ".gitignore",
        ".poolform/\npool.state.json.backup\npool.state.json.lock\npool.state.json.journal\n");
    try (Git git = repository("main.pool", ".gitignore")) {

      CliRun apply = ws.expect(0, "apply", "--auto-approve", "--commit");
      assertThat(apply.out())
          .contains("Committed pool.state.json as ", "poolform: apply — 1 created (pool.web)");
      RevCommit head = git.log().setMaxCount(1).call().iterator().next();
      assertThat(head.getShortMessage()).isEqualTo("poolform: apply — 1 created (pool.web)");
      assertThat(git.status().call().isClean()).isTrue();

      // an apply without --commit leaves Poolform's own uncommitted write: accepted later
      ws.write("main.pool", CONFIG.replace("desired = 2", "desired = 3"));
      ws.expect(0, "apply", "--auto-approve");
      ws.write("main.pool", CONFIG.replace("desired = 2", "desired = 4"));
      CliRun second = ws.expect(0, "apply", "--auto-approve", "--commit");
      assertThat(second.out()).contains("poolform: apply — 1 scaled (pool.web)");
      assertThat(git.status().call().getModified()).containsExactly("main.pool");

      // a hand edit is refused before anything happens
      ws.write(
          "pool.state.json",
          ws.read("pool.state.json").replace("\"desired\": 4", "\"desired\": 9"));
      ws.write("main.pool", CONFIG);
      CliRun refused = ws.expect(2, "apply", "--auto-approve", "--commit");
      assertThat(refused.err())
          .contains("pool.state.json has uncommitted changes that Poolform did not make");
      assertThat(ws.cloud("default").group("web").orElseThrow().desired()).isEqualTo(4);
    }
  }
}
