package dev.poolform.runtime.backend;

import dev.poolform.runtime.state.LockInfo;
import dev.poolform.runtime.state.StateException;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.RebaseCommand;
import org.eclipse.jgit.api.RebaseResult;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.revwalk.filter.RevFilter;
import org.eclipse.jgit.transport.PushResult;
import org.eclipse.jgit.transport.RemoteRefUpdate;

/**
 * The lock a {@link GitBackend} run holds (its ref on the remote), and the publish under it: the
 * state file alone is committed and pushed fast-forward only, expecting the remote branch where it
 * was fetched; remote commits that leave the state file alone are rebased over; a state changed on
 * the remote, or a push that fails, keeps the lock and says what to run. Closing deletes the ref,
 * expecting this run's own commit, unless the publish kept it.
 */
final class GitHeldLock implements StateBackend.Lock {
  private final GitBackend backend;
  private final String remote;
  private final String branch;
  private final Repository repo;
  private final GitLockRef ref;
  private final LockInfo info;
  private final ObjectId commit;
  private boolean keep;

  GitHeldLock(GitBackend backend, Repository repo, GitLockRef ref, LockInfo info, ObjectId commit) {
    this.backend = backend;
    this.remote = backend.remote();
    this.branch = backend.branch();
    this.repo = repo;
    this.ref = ref;
    this.info = info;
    this.commit = commit;
  }

  @Override
  public LockInfo info() {
    return info;
  }

  @Override
  public void publish(String operation) throws StateException {
    keep = true; // until the push is through
    String rel = backend.pathOf(repo);
    try (Git git = new Git(repo)) {
      commitState(git, rel, operation);
      for (int attempt = 0; attempt < 3; attempt++) {
        ObjectId head = repo.resolve("HEAD");
        ObjectId tip = backend.fetchTip(repo);
        if (head == null || head.equals(tip) || (tip != null && isAncestor(head, tip))) {
          keep = false; // nothing of ours the remote lacks
          return;
        }
        if (tip != null && !isAncestor(tip, head)) {
          if (touches(tip, head, rel)) throw changedRemotely(rel, head);
          rebase(git, tip, rel, head);
          continue;
        }
        if (push(head, tip)) {
          keep = false;
          return;
        }
      }
      throw unpushed(rel, repo.resolve("HEAD"), null);
    } catch (IOException | GitAPIException e) {
      ObjectId head = null;
      try {
        head = repo.resolve("HEAD");
      } catch (IOException ignored) {
        // the message then names HEAD by name
      }
      throw unpushed(rel, head, e);
    }
  }

  /** Commits the state file alone, if it differs from HEAD. */
  private void commitState(Git git, String rel, String operation)
      throws IOException, GitAPIException, StateException {
    Optional<byte[]> now = backend.working();
    if (now.isEmpty()) return;
    ObjectId head = repo.resolve("HEAD");
    Optional<byte[]> atHead = head == null ? Optional.empty() : GitBackend.blobAt(repo, head, rel);
    if (atHead.isPresent() && Arrays.equals(atHead.get(), now.get())) return;
    StateHeader h = StateHeader.of(now.get(), backend.stateFile().toString());
    git.add().addFilepattern(rel).call();
    git.commit()
        .setOnly(rel)
        .setSign(false)
        .setMessage(
            "poolform: "
                + operation
                + " — state serial "
                + h.serial()
                + "\n\nLineage: "
                + h.lineage()
                + "\nSerial: "
                + h.serial()
                + "\n")
        .call();
  }

  private boolean push(ObjectId head, ObjectId tip) throws IOException {
    String dst = "refs/heads/" + branch;
    RemoteRefUpdate u =
        new RemoteRefUpdate(
            repo, (String) null, head, dst, false, null, tip == null ? ObjectId.zeroId() : tip);
    try (org.eclipse.jgit.transport.Transport t =
        org.eclipse.jgit.transport.Transport.open(repo, remote)) {
      PushResult r = t.push(org.eclipse.jgit.lib.NullProgressMonitor.INSTANCE, List.of(u));
      return r.getRemoteUpdate(dst).getStatus() == RemoteRefUpdate.Status.OK;
    } catch (java.net.URISyntaxException e) {
      throw new IOException(GitBackend.reason(e), e);
    }
  }

  private boolean isAncestor(ObjectId a, ObjectId b) throws IOException {
    try (RevWalk rw = new RevWalk(repo)) {
      return rw.isMergedInto(rw.parseCommit(a), rw.parseCommit(b));
    }
  }

  /** Whether the remote's commits since it and HEAD parted changed the state file. */
  private boolean touches(ObjectId tip, ObjectId head, String rel)
      throws IOException, StateException {
    try (RevWalk rw = new RevWalk(repo)) {
      rw.setRevFilter(RevFilter.MERGE_BASE);
      rw.markStart(rw.parseCommit(tip));
      rw.markStart(rw.parseCommit(head));
      RevCommit base = rw.next();
      Optional<byte[]> atBase =
          base == null ? Optional.empty() : GitBackend.blobAt(repo, base, rel);
      Optional<byte[]> atTip = GitBackend.blobAt(repo, tip, rel);
      if (atBase.isEmpty() || atTip.isEmpty()) return atBase.isPresent() != atTip.isPresent();
      return !Arrays.equals(atBase.get(), atTip.get());
    }
  }

  private void rebase(Git git, ObjectId tip, String rel, ObjectId head)
      throws GitAPIException, StateException {
    RebaseResult r = git.rebase().setUpstream(tip).call();
    if (!r.getStatus().isSuccessful()) {
      if (r.getStatus() != RebaseResult.Status.UNCOMMITTED_CHANGES) {
        git.rebase().setOperation(RebaseCommand.Operation.ABORT).call();
      }
      throw unpushed(
          rel,
          head,
          new IOException("rebasing over " + remote + "/" + branch + " failed: " + r.getStatus()));
    }
  }

  private StateException changedRemotely(String rel, ObjectId head) {
    return GitBackend.remote(
        "The state on "
            + remote
            + "/"
            + branch
            + " changed while this run held its lock (someone pushed "
            + rel
            + " without it). Nothing was pushed; this run's state is committed locally as "
            + head.abbreviate(10).name()
            + ", and the lock is kept so no one applies over either. Compare them (git diff "
            + remote
            + "/"
            + branch
            + " HEAD -- "
            + rel
            + "), push the right one, then run `pool force-unlock "
            + info.id()
            + "`.");
  }

  private StateException unpushed(String rel, ObjectId head, Exception cause) {
    String at = head == null ? "HEAD" : head.abbreviate(10).name();
    return GitBackend.remote(
        "The state could not be pushed to "
            + remote
            + "/"
            + branch
            + (cause == null ? "" : ": " + GitBackend.reason(cause))
            + ". Nothing is lost: "
            + rel
            + " is committed locally as "
            + at
            + ", and the lock is kept. When "
            + remote
            + " is reachable, run `git pull --rebase "
            + remote
            + " "
            + branch
            + " && git push "
            + remote
            + " HEAD:"
            + branch
            + "`, then `pool force-unlock "
            + info.id()
            + "`.",
        cause);
  }

  @Override
  public void abandon() {
    keep = true; // the remote has not seen this run's steps: the next run publishes them
  }

  @Override
  public void close() {
    try {
      if (!keep) ref.delete(commit);
    } catch (IOException e) {
      // A lock left behind is safe: the next run names it and force-unlock clears it.
    } finally {
      repo.close();
    }
  }
}
