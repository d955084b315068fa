package dev.poolform.runtime.git;

import dev.poolform.files.SafeFiles;
import dev.poolform.runtime.state.StateStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * The git work tree a state file lives in, for {@code pool apply --commit}.
 *
 * <p>Before an apply, {@link #check} compares the state file with its version at HEAD and with
 * Poolform's last write ({@link StateWriteLedger}): equal to either, the apply may start; different
 * from both, someone edited it (or checked out something else) and the apply refuses, because
 * committing would record that edit as Poolform's. After the apply, {@link #commit} commits that
 * one path, whatever else is staged.
 */
public final class StateRepo implements AutoCloseable {
  private final Repository repo;
  private final Path workTree;

  private StateRepo(Repository repo) throws IOException {
    this.repo = repo;
    this.workTree = repo.getWorkTree().toPath().toRealPath();
  }

  /** What {@link #check} found. */
  public enum Status {
    /** No state file yet, and none at HEAD: a first apply. */
    ABSENT,
    /** Same bytes as at HEAD. */
    UNCHANGED,
    /** Differs from HEAD, but is exactly what Poolform last wrote (an uncommitted apply). */
    WRITTEN_BY_POOLFORM
  }

  /** Opens the repository whose work tree holds {@code stateFile}. */
  public static StateRepo open(Path stateFile) throws GitStateException {
    Path dir = stateFile.toAbsolutePath().normalize().getParent();
    FileRepositoryBuilder b =
        new FileRepositoryBuilder().readEnvironment().findGitDir(dir.toFile());
    if (b.getGitDir() == null) {
      throw new GitStateException(
          "--commit needs the state file in a git work tree, and " + dir + " is not in one");
    }
    try {
      Repository r = b.build();
      if (r.isBare()) {
        r.close();
        throw new GitStateException(
            "--commit needs a git work tree, and " + b.getGitDir() + " is bare");
      }
      return new StateRepo(r);
    } catch (IOException e) {
      throw new GitStateException(
          "cannot open the git repository at " + b.getGitDir() + ": " + e.getMessage(), e);
    }
  }

  public Path workTree() {
    return workTree;
  }

  /** The state file's path relative to the work tree, with {@code /} separators. */
  public String pathOf(Path stateFile) throws GitStateException {
    try {
      Path abs = stateFile.toAbsolutePath().normalize();
      Path parent = abs.getParent().toRealPath();
      Path rel = workTree.relativize(parent.resolve(abs.getFileName()));
      if (rel.startsWith("..")) {
        throw new GitStateException(stateFile + " is outside the git work tree " + workTree);
      }
      return rel.toString().replace('\\', '/');
    } catch (IOException e) {
      throw new GitStateException("cannot resolve " + stateFile + ": " + e.getMessage(), e);
    }
  }

  /** The state file's bytes at HEAD, if HEAD has it. */
  public Optional<byte[]> atHead(Path stateFile) throws GitStateException {
    String rel = pathOf(stateFile);
    try {
      ObjectId tree = repo.resolve("HEAD^{tree}");
      if (tree == null) return Optional.empty();
      try (TreeWalk tw = TreeWalk.forPath(repo, rel, tree)) {
        if (tw == null) return Optional.empty();
        return Optional.of(repo.open(tw.getObjectId(0)).getBytes());
      }
    } catch (IOException e) {
      throw new GitStateException("cannot read " + rel + " at HEAD: " + e.getMessage(), e);
    }
  }

  /**
   * Whether an apply may start and later commit the state file.
   *
   * @throws GitStateException when the file carries edits Poolform did not make
   */
  public Status check(Path stateFile) throws GitStateException {
    String rel = pathOf(stateFile);
    Optional<byte[]> head = atHead(stateFile);
    if (!Files.exists(stateFile)) {
      if (head.isEmpty()) return Status.ABSENT;
      throw new GitStateException(
          rel
              + " is committed but was deleted from the work tree; restore it (git checkout -- "
              + rel
              + ") before `pool apply --commit`");
    }
    byte[] now;
    try {
      now = SafeFiles.readRegular(stateFile, StateStore.MAX_BYTES);
    } catch (IOException e) {
      throw new GitStateException("cannot read " + stateFile + ": " + SafeFiles.reason(e), e);
    }
    if (head.isPresent() && Arrays.equals(head.get(), now)) return Status.UNCHANGED;
    if (StateWriteLedger.isLastWrite(stateFile, now)) return Status.WRITTEN_BY_POOLFORM;
    throw new GitStateException(
        rel
            + " has uncommitted changes that Poolform did not make; commit or revert them first"
            + " (git diff -- "
            + rel
            + "), then run `pool apply --commit` again");
  }

  /**
   * Commits the state file alone with {@code message}. Returns the new commit's id, or empty when
   * the file is the same as at HEAD (nothing to commit).
   */
  public Optional<String> commit(Path stateFile, String message) throws GitStateException {
    String rel = pathOf(stateFile);
    try {
      byte[] now = SafeFiles.readRegular(stateFile, StateStore.MAX_BYTES);
      Optional<byte[]> head = atHead(stateFile);
      if (head.isPresent() && Arrays.equals(head.get(), now)) return Optional.empty();
      try (Git git = new Git(repo)) {
        git.add().addFilepattern(rel).call();
        RevCommit c = git.commit().setOnly(rel).setMessage(message).setSign(false).call();
        return Optional.of(c.getId().name());
      }
    } catch (IOException | GitAPIException | RuntimeException e) {
      throw new GitStateException("cannot commit " + rel + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    repo.close();
  }
}
