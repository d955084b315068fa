package dev.poolform.runtime.engine;

import dev.poolform.ir.IrRollout;
import dev.poolform.runtime.provider.ObservedMachine;
import dev.poolform.runtime.provider.ObservedMachine.MachineState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

/**
 * Which machines a rollout retires first. Machines that serve nothing go before available ones, so
 * a rollout never takes capacity it could keep; among available ones {@code delete_order} decides.
 * {@code random} is seeded by the pool's address, so a resumed rollout picks the same way.
 */
final class RetireOrder {
  private RetireOrder() {}

  /** Unavailable old machines: failed and unhealthy first, then booting ones. */
  static List<ObservedMachine> down(List<ObservedMachine> olds, Instant now, Duration minReady) {
    return olds.stream()
        .filter(m -> !m.availableAt(now, minReady))
        .sorted(
            Comparator.comparing((ObservedMachine m) -> rank(m.state()))
                .thenComparing(ObservedMachine::id))
        .toList();
  }

  /** Failed and unhealthy machines go first, then booting ones. */
  private static int rank(MachineState s) {
    return switch (s) {
      case FAILED -> 0;
      case UNHEALTHY -> 1;
      case PENDING -> 2;
      case RUNNING -> 3;
      default -> 4;
    };
  }

  /** Orders retirement candidates by {@code delete_order}. */
  static List<ObservedMachine> order(List<ObservedMachine> ms, IrRollout rollout, Random random) {
    List<ObservedMachine> l = new ArrayList<>(ms);
    Comparator<ObservedMachine> oldest =
        Comparator.comparing(ObservedMachine::launchedAt).thenComparing(ObservedMachine::id);
    switch (rollout.deleteOrder()) {
      case OLDEST -> l.sort(oldest);
      case NEWEST -> l.sort(oldest.reversed());
      case RANDOM -> {
        l.sort(Comparator.comparing(ObservedMachine::id));
        Collections.shuffle(l, random);
      }
    }
    return l;
  }

  /** The {@code n} new machines above desired to trim when done: unavailable ones first. */
  static List<ObservedMachine> surplus(
      List<ObservedMachine> news,
      int n,
      Instant now,
      Duration minReady,
      IrRollout rollout,
      Random random) {
    List<ObservedMachine> l =
        new ArrayList<>(news.stream().filter(m -> !m.availableAt(now, minReady)).toList());
    l.addAll(
        order(news.stream().filter(m -> m.availableAt(now, minReady)).toList(), rollout, random));
    return l.subList(0, n);
  }
}
