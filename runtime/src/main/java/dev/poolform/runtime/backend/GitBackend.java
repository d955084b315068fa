package dev.poolform.runtime.backend;

import dev.poolform.ir.IrBackend;
import dev.poolform.runtime.state.LockInfo;
import dev.poolform.runtime.state.StateException;
import dev.poolform.runtime.state.StateLock;
import dev.poolform.runtime.state.StateStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.MergeCommand;
import org.eclipse.jgit.api.MergeResult;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.PathFilter;

/**
 * State kept in git ({@code state git { remote = "origin" branch = "main" }}): the state file is
 * committed on {@code branch} and pushed to {@code remote}.
 *
 * <ul>
 *   <li>{@link #sync}: fetches the branch; a working state behind the remote's is fast-forwarded
 *       when the clone is clean, refused otherwise; one of another lineage, or equal in serial but
 *       different, is refused.
 *   <li>{@link #lock}: creates {@code refs/poolform/locks/<state path>} on the remote ({@link
 *       GitLockRef}), a compare-and-swap.
 *   <li>{@link Lock#publish} ({@link GitHeldLock}): commits the state file alone and pushes,
 *       fast-forward only; over remote commits that leave the state alone it rebases first; if the
 *       state changed on the remote, or the push fails, it keeps the lock and says what to run.
 * </ul>
 */
public final class GitBackend implements StateBackend {
  private final Path stateFile;
  private final String remote;
  private final String branch;
  private final Clock clock;
  private final List<String> notices = new ArrayList<>();

  GitBackend(Path stateFile, IrBackend spec, Clock clock) {
    this.stateFile = stateFile.toAbsolutePath().normalize();
    this.remote = spec.setting("remote", "origin");
    this.branch = spec.setting("branch", "main");
    this.clock = clock;
  }

  @Override
  public String describe() {
    return "git " + remote + "/" + branch;
  }

  String remote() {
    return remote;
  }

  String branch() {
    return branch;
  }

  Path stateFile() {
    return stateFile;
  }

  private String tracking() {
    return "refs/remotes/" + remote + "/" + branch;
  }

  @Override
  public List<String> notices() {
    return List.copyOf(notices);
  }

  // ---------------------------------------------------------------- sync

  @Override
  public void sync() throws StateException {
    try (Repository repo = open()) {
      String rel = pathOf(repo);
      ObjectId theirsTip = fetch(repo);
      if (theirsTip == null) return; // the branch is not on the remote yet: the first push makes it
      Optional<byte[]> theirs = blobAt(repo, theirsTip, rel);
      if (theirs.isEmpty()) return;
      StateHeader t = StateHeader.of(theirs.get(), "on " + remote + "/" + branch);
      refuseBackwards(repo, theirsTip, rel, t);
      Optional<byte[]> mine = working();
      if (mine.isPresent() && Arrays.equals(mine.get(), theirs.get())) return;
      if (mine.isPresent()) {
        StateHeader m = StateHeader.of(mine.get(), stateFile.toString());
        if (!m.lineage().equals(t.lineage())) {
          throw remote(
              rel
                  + " has lineage "
                  + m.lineage()
                  + " here but "
                  + t.lineage()
                  + " on "
                  + remote
                  + "/"
                  + branch
                  + ": they are different states. Nothing was changed; find out which one is"
                  + " right before going on (git log -- "
                  + rel
                  + ").");
        }
        if (m.serial() > t.serial()) return; // an apply here that was not pushed: publish pushes it
        if (m.serial() == t.serial()) {
          throw remote(
              rel
                  + " differs from "
                  + remote
                  + "/"
                  + branch
                  + " at the same serial "
                  + m.serial()
                  + " (edited by hand, or two applies that did not share a lock). Nothing was"
                  + " changed; compare them (git diff "
                  + remote
                  + "/"
                  + branch
                  + " -- "
                  + rel
                  + ") and keep the right one.");
        }
      }
      Optional<StateHeader> m =
          mine.isPresent()
              ? Optional.of(StateHeader.of(mine.get(), stateFile.toString()))
              : Optional.empty();
      fastForward(repo, theirsTip, rel, m, t);
    }
  }

  /**
   * Refuses a remote whose last change to the state took it back to a lower serial of the same
   * lineage: someone pushed an older state over a newer one (a {@code git revert}, a reset, an old
   * clone's force-push), outside any lock. A run on it would build on the old state and lose what
   * the newer one recorded, and a clone still holding the newer one could not tell its state was
   * already pushed. Only the last commit that changed the file is compared with its parent's
   * version: cheap, and enough, since every run refuses from then until the newer state is back.
   */
  private void refuseBackwards(Repository repo, ObjectId tip, String rel, StateHeader theirs)
      throws StateException {
    RevCommit changed;
    RevCommit parent;
    try (RevWalk rw = new RevWalk(repo)) {
      rw.setTreeFilter(
          org.eclipse.jgit.treewalk.filter.AndTreeFilter.create(
              PathFilter.create(rel), org.eclipse.jgit.treewalk.filter.TreeFilter.ANY_DIFF));
      rw.markStart(rw.parseCommit(tip));
      changed = rw.next();
      if (changed == null || changed.getParentCount() == 0) return;
      parent = rw.parseCommit(changed.getParent(0));
    } catch (IOException e) {
      throw remote("Cannot read the history of " + rel + " from git: " + reason(e) + ".", e);
    }
    Optional<byte[]> before = blobAt(repo, parent, rel);
    if (before.isEmpty()) return;
    StateHeader b = StateHeader.of(before.get(), "on " + remote + "/" + branch + "~");
    if (!b.lineage().equals(theirs.lineage()) || b.serial() <= theirs.serial()) return;
    String id = changed.abbreviate(7).name();
    throw remote(
        "The last change to "
            + rel
            + " on "
            + remote
            + "/"
            + branch
            + " (commit "
            + id
            + " by "
            + changed.getAuthorIdent().getName()
            + ", \""
            + changed.getShortMessage()
            + "\") took the state back from serial "
            + b.serial()
            + " to serial "
            + theirs.serial()
            + ": an older state was pushed over a newer one, outside Poolform's lock. Nothing was"
            + " changed. Put the newer state back (e.g. `git revert "
            + id
            + "` and push it) before going on; to return to an older state on purpose, use `pool"
            + " state restore`, which keeps the serial rising.");
  }

  /** Brings a clean clone up to the remote, or refuses saying how. */
  private void fastForward(
      Repository repo, ObjectId tip, String rel, Optional<StateHeader> mine, StateHeader theirs)
      throws StateException {
    String behind =
        "The state on "
            + remote
            + "/"
            + branch
            + " is at serial "
            + theirs.serial()
            + ", and this clone's "
            + rel
            + (mine.isPresent() ? " is at serial " + mine.get().serial() : " is missing")
            + ". ";
    try (Git git = new Git(repo);
        RevWalk rw = new RevWalk(repo)) {
      ObjectId head = repo.resolve("HEAD");
      boolean ancestor = head == null || rw.isMergedInto(rw.parseCommit(head), rw.parseCommit(tip));
      if (!ancestor) {
        throw remote(
            behind
                + "This branch has commits the remote does not; nothing was changed. Run `git pull"
                + " --rebase "
                + remote
                + " "
                + branch
                + "`, then run the command again.");
      }
      if (git.status().call().hasUncommittedChanges()) {
        throw remote(
            behind
                + "The work tree has uncommitted changes, so it was not fast-forwarded; nothing"
                + " was changed. Commit or stash them and run `git pull --ff-only "
                + remote
                + " "
                + branch
                + "`, then run the command again.");
      }
      MergeResult r =
          git.merge().include(tip).setFastForward(MergeCommand.FastForwardMode.FF_ONLY).call();
      if (!r.getMergeStatus().isSuccessful()) {
        throw remote(
            behind
                + "Fast-forwarding failed ("
                + r.getMergeStatus()
                + "); run `git pull --ff-only "
                + remote
                + " "
                + branch
                + "`, then the command again.");
      }
      notices.add(
          "Fast-forwarded to "
              + remote
              + "/"
              + branch
              + ": the state is now at serial "
              + theirs.serial()
              + ".");
    } catch (IOException | GitAPIException e) {
      throw remote(behind + "Fast-forwarding failed: " + reason(e) + ".", e);
    }
  }

  @Override
  public Optional<StateHeader> peek() throws StateException {
    try (Repository repo = open()) {
      String rel = pathOf(repo);
      ObjectId tip = fetch(repo);
      if (tip == null) return Optional.empty();
      Optional<byte[]> theirs = blobAt(repo, tip, rel);
      if (theirs.isEmpty()) return Optional.empty();
      return Optional.of(StateHeader.of(theirs.get(), "on " + remote + "/" + branch));
    }
  }

  // ---------------------------------------------------------------- lock

  /**
   * How many times a run that lost the ref's compare-and-swap but then found no lock tries again.
   * The remote refuses a push that cannot take its own lock on the ref ("failed to lock") without
   * comparing anything: another push holds that lock while it commits the ref, which is not yet
   * there to read. So the loser of a race can find the ref absent although the winner is about to
   * hold it (or it was taken and released meanwhile). Either way the next push meets a settled ref
   * and is compared; only a ref lock that never goes away (a stale {@code .lock} file left by a
   * crashed push) uses up the rounds.
   */
  private static final int LOCK_ROUNDS = 50;

  @Override
  public Lock lock(String operation) throws StateException {
    Repository repo = open();
    try {
      GitLockRef ref = new GitLockRef(repo, remote, pathOf(repo));
      LockInfo info = StateLock.newInfo(clock, operation);
      for (int round = 0; round < LOCK_ROUNDS; round++) {
        Optional<ObjectId> ours;
        Optional<LockInfo> holder;
        try {
          ours = ref.create(info);
          if (ours.isPresent()) return new GitHeldLock(this, repo, ref, info, ours.get());
          holder = holderNow(ref);
        } catch (IOException e) {
          throw remote(
              "Cannot take the lock on " + remote + " (" + ref.ref() + "): " + reason(e) + ".", e);
        }
        if (holder.isPresent()) {
          throw new StateException(StateException.Kind.LOCKED, StateLock.heldBy(holder.get()));
        }
      }
      throw new StateException(
          StateException.Kind.LOCKED,
          "The state's lock on "
              + remote
              + " ("
              + ref.ref()
              + ") could not be taken: the remote refused "
              + LOCK_ROUNDS
              + " pushes creating it ("
              + ref.refusal()
              + ") yet holds no such ref, so nothing was changed. Another push may be stuck"
              + " updating it; if none is running, a stale "
              + ref.ref()
              + ".lock file is left in the remote repository: remove it.");
    } catch (StateException | RuntimeException e) {
      repo.close();
      throw e;
    }
  }

  /**
   * Who holds the lock now, or empty when the ref is absent or moved while its record was being
   * read (another run released it or is mid-way through taking it): the caller then tries again. A
   * record that stays put and cannot be read is an error naming the ref to delete.
   */
  private Optional<LockInfo> holderNow(GitLockRef ref) throws IOException, StateException {
    Optional<ObjectId> cur = ref.current();
    if (cur.isEmpty()) return Optional.empty();
    try {
      return Optional.of(ref.read(cur.get()));
    } catch (IOException e) {
      if (!ref.current().equals(cur)) return Optional.empty();
      throw new StateException(
          StateException.Kind.LOCKED,
          "The state is locked on "
              + remote
              + " ("
              + ref.ref()
              + "), and the lock cannot be read: "
              + reason(e)
              + ". If no Poolform process is running, delete it: git push "
              + remote
              + " :"
              + ref.ref(),
          e);
    }
  }

  @Override
  public Optional<LockInfo> holder() throws StateException {
    try (Repository repo = open()) {
      GitLockRef ref = new GitLockRef(repo, remote, pathOf(repo));
      Optional<ObjectId> cur = ref.current();
      return cur.isEmpty() ? Optional.empty() : Optional.of(ref.read(cur.get()));
    } catch (IOException e) {
      throw remote("Cannot read the state's lock on " + remote + ": " + reason(e) + ".", e);
    }
  }

  @Override
  public LockInfo forceUnlock(String id) throws StateException {
    try (Repository repo = open()) {
      GitLockRef ref = new GitLockRef(repo, remote, pathOf(repo));
      Optional<ObjectId> cur = ref.current();
      if (cur.isEmpty()) {
        throw new StateException(
            StateException.Kind.LOCK_MISMATCH, "The state is not locked on " + remote + ".");
      }
      LockInfo h = ref.read(cur.get());
      if (!MessageDigest.isEqual(
          h.id().getBytes(StandardCharsets.UTF_8), id.getBytes(StandardCharsets.UTF_8))) {
        throw StateLock.wrongId(h, id, "");
      }
      if (ref.delete(cur.get()) != GitLockRef.Swap.DONE) {
        throw new StateException(
            StateException.Kind.LOCK_MISMATCH,
            "The lock on " + remote + " changed while it was being removed; look again.");
      }
      return h;
    } catch (IOException e) {
      throw remote("Cannot reach the state's lock on " + remote + ": " + reason(e) + ".", e);
    }
  }

  // ---------------------------------------------------------------- helpers

  private Repository open() throws StateException {
    Path dir = stateFile.getParent();
    FileRepositoryBuilder b =
        new FileRepositoryBuilder().readEnvironment().findGitDir(dir.toFile());
    if (b.getGitDir() == null) {
      throw new StateException(
          StateException.Kind.IO,
          "`state git` keeps the state in git, and "
              + dir
              + " is not in a git work tree. Clone the repository (or run `git init` and add "
              + remote
              + ") first.");
    }
    try {
      Repository r = b.build();
      if (r.isBare()) {
        r.close();
        throw new StateException(
            StateException.Kind.IO,
            "`state git` needs a work tree, and " + b.getGitDir() + " is bare.");
      }
      if (r.getRemoteNames().stream().noneMatch(remote::equals)) {
        r.close();
        throw new StateException(
            StateException.Kind.IO,
            "`state git` names the remote `"
                + remote
                + "`, which this clone does not have. Add it (git remote add "
                + remote
                + " URL) or fix the `remote` setting.");
      }
      return r;
    } catch (IOException e) {
      throw new StateException(
          StateException.Kind.IO,
          "Cannot open the git repository at " + b.getGitDir() + ": " + reason(e) + ".",
          e);
    }
  }

  String pathOf(Repository repo) throws StateException {
    try {
      Path work = repo.getWorkTree().toPath().toRealPath();
      Path abs = stateFile.getParent().toRealPath().resolve(stateFile.getFileName());
      Path rel = work.relativize(abs);
      if (rel.startsWith("..")) {
        throw new StateException(
            StateException.Kind.IO, stateFile + " is outside the git work tree " + work + ".");
      }
      return rel.toString().replace('\\', '/');
    } catch (IOException e) {
      throw new StateException(
          StateException.Kind.IO, "Cannot resolve " + stateFile + ": " + reason(e) + ".", e);
    }
  }

  /** Fetches the branch; returns the remote's tip, or null when the remote has no such branch. */
  private ObjectId fetch(Repository repo) throws StateException {
    try {
      return fetchTip(repo);
    } catch (GitAPIException | IOException e) {
      throw remote(
          "Cannot fetch "
              + branch
              + " from "
              + remote
              + ": "
              + reason(e)
              + ". Nothing was changed; the state must be current before a run.",
          e);
    }
  }

  ObjectId fetchTip(Repository repo) throws GitAPIException, IOException {
    try (Git git = new Git(repo)) {
      boolean has =
          git.lsRemote().setRemote(remote).setHeads(true).call().stream()
              .anyMatch(r -> r.getName().equals("refs/heads/" + branch));
      if (!has) return null;
      git.fetch()
          .setRemote(remote)
          .setRefSpecs(new RefSpec("+refs/heads/" + branch + ":" + tracking()))
          .call();
      return repo.resolve(tracking());
    }
  }

  static Optional<byte[]> blobAt(Repository repo, ObjectId commit, String rel)
      throws StateException {
    try (RevWalk rw = new RevWalk(repo)) {
      RevCommit c = rw.parseCommit(commit);
      try (TreeWalk tw = new TreeWalk(repo)) {
        tw.addTree(c.getTree());
        tw.setRecursive(true);
        tw.setFilter(PathFilter.create(rel));
        while (tw.next()) {
          if (tw.getPathString().equals(rel)) {
            return Optional.of(repo.open(tw.getObjectId(0)).getBytes((int) StateStore.MAX_BYTES));
          }
        }
        return Optional.empty();
      }
    } catch (IOException e) {
      throw remote("Cannot read " + rel + " from git: " + reason(e) + ".", e);
    }
  }

  Optional<byte[]> working() throws StateException {
    return WorkingFile.read(stateFile);
  }

  static StateException remote(String message) {
    return new StateException(StateException.Kind.REMOTE, message);
  }

  static StateException remote(String message, Throwable cause) {
    return new StateException(StateException.Kind.REMOTE, message, cause);
  }

  /** A git failure in a few words, with the innermost cause (e.g. "Connection refused"). */
  static String reason(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) t = t.getCause();
    String outer = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    String inner = t == e || t.getMessage() == null ? "" : t.getMessage();
    // JGit often repeats its cause's message in its own ("X: not found. (X: not found.)"); the
    // caller ends the sentence, so no period of ours either.
    String said = outer.strip().replaceAll("\\.+$", "");
    if (inner.isEmpty() || said.contains(inner.strip().replaceAll("\\.+$", ""))) return said;
    return said + " (" + inner.strip().replaceAll("\\.+$", "") + ")";
  }
}
