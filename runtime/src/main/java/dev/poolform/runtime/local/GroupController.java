package dev.poolform.runtime.local;

import dev.poolform.stdlib.value.SecretValue;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The simulated cloud's controller, as pure functions of a group and a time. It plays back, in time
 * order, what a real scaling group's controller would have done since the group was last touched:
 * boots finish (healthy or failed), failed machines are removed after {@link
 * LocalSettings#replaceDelay()} and replaced, and the member count is brought to {@code desired}.
 */
final class GroupController {
  /** Bounds the replay of a group left alone for very long with machines that keep failing. */
  private static final int MAX_EVENTS = 10_000;

  private GroupController() {}

  /** The group as it is at {@code now}. */
  static LocalGroup advance(LocalGroup group, Instant now) {
    LocalGroup g = group;
    for (int i = 0; ; i++) {
      Optional<Instant> next = nextEvent(g);
      if (next.isEmpty() || next.get().isAfter(now)) break;
      if (i == MAX_EVENTS) {
        // Machines that keep failing, left alone for long: skip the rest of the churn. Drop what
        // is failed or doomed and launch afresh now; the outcome is the same kind of group.
        List<LocalMachine> keep = new ArrayList<>();
        for (LocalMachine m : g.machines()) {
          if (m.alive() && !m.failsToBoot()) keep.add(m);
        }
        g = step(g.withMachines(keep, g.launches()), now);
        break;
      }
      g = reconcile(step(g, next.get()), next.get());
    }
    return reconcile(g, now);
  }

  private static Optional<Instant> nextEvent(LocalGroup g) {
    return g.machines().stream()
        .map(m -> m.nextEvent(g.settings()))
        .flatMap(Optional::stream)
        .min(Comparator.naturalOrder());
  }

  /** Every machine whose next event is due by {@code t} takes it. */
  private static LocalGroup step(LocalGroup g, Instant t) {
    List<LocalMachine> out = new ArrayList<>();
    for (LocalMachine m : g.machines()) {
      Optional<Instant> due = m.nextEvent(g.settings());
      if (due.isEmpty() || due.get().isAfter(t)) {
        out.add(m);
        continue;
      }
      switch (m.status()) {
        case PENDING -> out.add(m.withStatus(LocalMachine.Status.RUNNING));
        case RUNNING -> {
          Instant booted = m.launchedAt().plus(m.bootTime());
          out.add(m.failsToBoot() ? m.failed(booted) : m.healthy(booted));
        }
        case FAILED -> {
          // removed: the group replaces it in reconcile()
        }
        default -> out.add(m);
      }
    }
    return g.withMachines(out, g.launches());
  }

  /**
   * Brings the member count to {@code desired} at {@code at}: launches from the current model, or
   * removes the members a scaling group would give up first ({@link #retireFirst}). Failed machines
   * still count until they are removed, which is what delays their replacement.
   */
  static LocalGroup reconcile(LocalGroup g, Instant at) {
    int have = g.machines().size();
    if (have == g.desired()) return g;
    if (have > g.desired()) {
      List<LocalMachine> order = new ArrayList<>(g.machines());
      order.sort(retireFirst(g.model().specHash()));
      List<LocalMachine> gone = order.subList(0, (int) (have - g.desired()));
      List<LocalMachine> keep = new ArrayList<>(g.machines());
      keep.removeAll(gone);
      return g.withMachines(keep, g.launches());
    }
    List<LocalMachine> machines = new ArrayList<>(g.machines());
    long launches = g.launches();
    for (long i = have; i < g.desired(); i++) {
      String id;
      do {
        launches++;
        id = machineId(g, launches);
      } while (containsId(machines, id));
      Optional<String> zone = pickZone(g.model().zones(), machines);
      boolean fails = failsToBoot(g.settings(), id);
      machines.add(LocalMachine.launch(id, zone, g.model().specHash(), at, g.settings(), fails));
    }
    return g.withMachines(machines, launches);
  }

  /**
   * Scale-in order: failed, then unhealthy, then machines on an older spec, then machines still
   * booting, then the oldest.
   */
  static Comparator<LocalMachine> retireFirst(String currentSpec) {
    return Comparator.comparing((LocalMachine m) -> m.status() != LocalMachine.Status.FAILED)
        .thenComparing(m -> m.status() != LocalMachine.Status.UNHEALTHY)
        .thenComparing(m -> m.specHash().equals(currentSpec))
        .thenComparing(
            m ->
                m.status() != LocalMachine.Status.PENDING
                    && m.status() != LocalMachine.Status.RUNNING)
        .thenComparing(LocalMachine::launchedAt)
        .thenComparing(LocalMachine::id);
  }

  private static boolean containsId(List<LocalMachine> machines, String id) {
    return machines.stream().anyMatch(m -> m.id().equals(id));
  }

  /** Round-robin by balance: the zone with the fewest live members, first listed on a tie. */
  static Optional<String> pickZone(List<String> zones, List<LocalMachine> machines) {
    if (zones.isEmpty()) return Optional.empty();
    Map<String, Integer> counts = new HashMap<>();
    for (LocalMachine m : machines) {
      if (m.alive()) m.zone().ifPresent(z -> counts.merge(z, 1, Integer::sum));
    }
    String best = zones.get(0);
    for (String z : zones) {
      if (counts.getOrDefault(z, 0) < counts.getOrDefault(best, 0)) best = z;
    }
    return Optional.of(best);
  }

  /** {@code m-<8 hex>}: the n-th launch of this group under this seed. */
  static String machineId(LocalGroup g, long n) {
    String h =
        SecretValue.sha256Hex(
            g.settings().seed() + ":" + g.name() + ":" + g.createToken() + ":" + n);
    return "m-" + h.substring(0, 8);
  }

  /** Whether machine {@code id} fails to boot: a uniform draw from the seed and the id. */
  static boolean failsToBoot(LocalSettings s, String id) {
    if (s.failRate() <= 0) return false;
    if (s.failRate() >= 1) return true;
    String h = SecretValue.sha256Hex(s.seed() + "/" + id);
    long bits = Long.parseUnsignedLong(h.substring(0, 13), 16); // 52 bits
    double u = bits / (double) (1L << 52);
    return u < s.failRate();
  }
}
