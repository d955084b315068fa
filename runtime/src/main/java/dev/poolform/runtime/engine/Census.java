package dev.poolform.runtime.engine;

import dev.poolform.runtime.provider.ObservedMachine;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One poll's machines of a rolling group, split by spec hash into new ones (on the target spec) and
 * old ones (anything else, including machines with no hash). The lists may shrink as the poll's
 * steps act on them.
 */
record Census(List<ObservedMachine> news, List<ObservedMachine> olds) {
  static Census of(List<ObservedMachine> machines, String toHash) {
    List<ObservedMachine> news = new ArrayList<>();
    List<ObservedMachine> olds = new ArrayList<>();
    for (ObservedMachine m : machines) {
      if (isNew(m, toHash)) news.add(m);
      else olds.add(m);
    }
    return new Census(news, olds);
  }

  static boolean isNew(ObservedMachine m, String toHash) {
    return m.specHash().map(toHash::equals).orElse(false);
  }

  /** New machines healthy for {@code min_ready}. */
  int availableNew(Instant now, Duration minReady) {
    return (int) news.stream().filter(m -> m.availableAt(now, minReady)).count();
  }

  /** Old machines healthy for {@code min_ready}. */
  int availableOld(Instant now, Duration minReady) {
    return (int) olds.stream().filter(m -> m.availableAt(now, minReady)).count();
  }
}
