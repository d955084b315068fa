package dev.poolform.runtime.secret;

import dev.poolform.runtime.state.StateException;
import java.util.Optional;

/**
 * Where a run finds its {@link KeyRing}. The standard sources are the environment ({@code
 * POOLFORM_STATE_KEY}) and a key file in the user's config directory ({@link KeySources}); a state
 * backend that can keep a key away from the state (a separate object, a key vault) provides its
 * own. Failures are {@link StateException}s of kind {@code KEY}, whose message says what to do.
 */
public interface KeySource {
  /** The keys, if this source has any. */
  Optional<KeyRing> ring() throws StateException;

  /**
   * Makes a first key (its first use), not kept yet: a run keeps it ({@link #keep}) only once it
   * has planned successfully, so a run that fails first (a missing credential) leaves no key
   * behind. Refused where this source cannot make one.
   */
  KeyRing create() throws StateException;

  /** Keeps a ring {@link #create} made. */
  void keep(KeyRing ring) throws StateException;

  /** Makes a new key and puts it first, keeping the others to verify older digests. */
  KeyRing rotate() throws StateException;

  /** Where the keys are, for messages: {@code POOLFORM_STATE_KEY}, or a file's path. */
  String where();
}
