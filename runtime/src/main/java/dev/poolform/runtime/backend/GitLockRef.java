package dev.poolform.runtime.backend;

import dev.poolform.runtime.state.LockInfo;
import dev.poolform.runtime.state.StateLock;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.NullProgressMonitor;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.TreeFormatter;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.transport.PushResult;
import org.eclipse.jgit.transport.RemoteRefUpdate;
import org.eclipse.jgit.transport.Transport;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * The lock of a git-kept state: the ref {@code refs/poolform/locks/<state path>} on the remote,
 * pointing at a parentless commit whose one file {@code lock.json} is the lock record. It is
 * created by a push that expects the ref to be absent and deleted by one that expects our commit,
 * so the remote's own ref update (atomic in every git server) is the compare-and-swap: of two
 * clones racing, exactly one push succeeds.
 */
final class GitLockRef {
  static final String PREFIX = "refs/poolform/locks/";
  private static final String FILE = "lock.json";

  private final Repository repo;
  private final String remote;
  private final String ref;
  private String refusal = "";

  GitLockRef(Repository repo, String remote, String statePath) {
    this.repo = repo;
    this.remote = remote;
    this.ref = PREFIX + statePath;
  }

  String ref() {
    return ref;
  }

  /** The outcome of one compare-and-swap push. */
  enum Swap {
    DONE,
    /** The remote ref was not what we expected (another lock, or none). */
    LOST
  }

  /** Why the remote refused the last swap that was {@link Swap#LOST}, as its push reported it. */
  String refusal() {
    return refusal;
  }

  /** Creates the ref with {@code info} if it is absent; returns our commit when it was. */
  Optional<ObjectId> create(LockInfo info) throws IOException {
    ObjectId commit = lockCommit(info);
    Swap s = swap(commit, ObjectId.zeroId());
    return s == Swap.DONE ? Optional.of(commit) : Optional.empty();
  }

  /** Deletes the ref if it still points at {@code ours}. */
  Swap delete(ObjectId ours) throws IOException {
    return swap(null, ours);
  }

  /** The remote's lock commit, if the ref exists there. */
  Optional<ObjectId> current() throws IOException {
    try (Git git = new Git(repo)) {
      Map<String, Ref> refs = git.lsRemote().setRemote(remote).callAsMap();
      Ref r = refs.get(ref);
      return r == null ? Optional.empty() : Optional.of(r.getObjectId());
    } catch (GitAPIException e) {
      throw new IOException(GitBackend.reason(e), e);
    }
  }

  /** Fetches the lock commit {@code id} and reads its record. */
  LockInfo read(ObjectId id) throws IOException {
    if (!repo.getObjectDatabase().has(id)) {
      String local = "refs/poolform/remote-locks/" + ref.substring(PREFIX.length());
      try (Git git = new Git(repo)) {
        git.fetch().setRemote(remote).setRefSpecs("+" + ref + ":" + local).call();
      } catch (GitAPIException e) {
        throw new IOException(GitBackend.reason(e), e);
      }
    }
    try (RevWalk rw = new RevWalk(repo)) {
      RevCommit c = rw.parseCommit(id);
      try (TreeWalk tw = TreeWalk.forPath(repo, FILE, c.getTree())) {
        if (tw == null) throw new IOException(ref + " holds no " + FILE);
        return StateLock.decode(repo.open(tw.getObjectId(0)).getBytes(StateLock.MAX_RECORD));
      }
    }
  }

  private ObjectId lockCommit(LockInfo info) throws IOException {
    try (ObjectInserter ins = repo.newObjectInserter()) {
      ObjectId blob = ins.insert(Constants.OBJ_BLOB, StateLock.encode(info));
      TreeFormatter tree = new TreeFormatter();
      tree.append(FILE, FileMode.REGULAR_FILE, blob);
      ObjectId treeId = ins.insert(tree);
      PersonIdent who = new PersonIdent("Poolform", "poolform@localhost");
      CommitBuilder cb = new CommitBuilder();
      cb.setTreeId(treeId);
      cb.setAuthor(who);
      cb.setCommitter(who);
      cb.setMessage(
          "poolform lock: `" + info.operation() + "` by " + info.who() + "\n\nid: " + info.id());
      ObjectId id = ins.insert(cb);
      ins.flush();
      return id;
    }
  }

  /**
   * One push of {@code ref}: to {@code next} (null deletes it) only if the remote has {@code
   * expected} (zero: absent). Any refusal, whether the client saw the ref moved or the server lost
   * the race for the ref's lock, is {@link Swap#LOST}.
   */
  private Swap swap(ObjectId next, ObjectId expected) throws IOException {
    RemoteRefUpdate u =
        next == null
            ? new RemoteRefUpdate(repo, (String) null, ref, false, null, expected)
            : new RemoteRefUpdate(repo, (String) null, next, ref, false, null, expected);
    try (Transport t = Transport.open(repo, remote)) {
      PushResult r = t.push(NullProgressMonitor.INSTANCE, List.of(u));
      RemoteRefUpdate result = r.getRemoteUpdate(ref);
      if (result.getStatus() == RemoteRefUpdate.Status.OK) return Swap.DONE;
      refusal =
          result.getStatus()
              + (result.getMessage() == null ? "" : " (" + result.getMessage() + ")");
      return Swap.LOST;
    } catch (java.net.URISyntaxException e) {
      throw new IOException(GitBackend.reason(e), e);
    }
  }
}
