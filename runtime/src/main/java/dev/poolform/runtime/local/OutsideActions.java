package dev.poolform.runtime.local;

import dev.poolform.runtime.provider.ProviderException;
import dev.poolform.runtime.provider.ProviderException.Kind;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * What happens to a local group "behind Poolform's back", as a console user, an autoscaler or a
 * failing machine would do it: the changes {@code pool local scale|kill|sick} make, so users and
 * tests can produce drift and failures on demand. Each takes the group as it is now and returns it
 * changed; {@link LocalCloud} locks, reconciles and writes around them.
 */
final class OutsideActions {
  private OutsideActions() {}

  /** Sets the desired size as someone else would; like a cloud's API, refuses one out of bounds. */
  static LocalGroup scale(LocalGroup g, long desired) throws ProviderException {
    if (desired < g.min() || desired > g.max()) {
      throw new ProviderException(
          Kind.INVALID_VALUE,
          "ValidationError",
          "capacity.desired",
          "desired size "
              + desired
              + " is outside the group's bounds (min "
              + g.min()
              + ", max "
              + g.max()
              + ")",
          null);
    }
    return g.withCapacity(g.min(), g.max(), desired);
  }

  /** Machines die: they become FAILED now; {@code killed} receives their ids. */
  static LocalGroup kill(
      LocalGroup g,
      String groupName,
      Optional<String> machineId,
      int count,
      Instant now,
      List<String> killed)
      throws ProviderException {
    List<String> victims = toKill(g, groupName, machineId, count);
    killed.addAll(victims);
    List<LocalMachine> out = new ArrayList<>();
    for (LocalMachine m : g.machines()) out.add(victims.contains(m.id()) ? m.failed(now) : m);
    return g.withMachines(out, g.launches());
  }

  /** A machine starts failing its health checks; {@code id[0]} receives its id. */
  static LocalGroup sick(
      LocalGroup g, String groupName, Optional<String> machineId, Instant now, String[] id)
      throws ProviderException {
    LocalMachine victim = toSicken(g, groupName, machineId);
    id[0] = victim.id();
    List<LocalMachine> out = new ArrayList<>();
    for (LocalMachine m : g.machines()) out.add(m.id().equals(victim.id()) ? m.unhealthy(now) : m);
    return g.withMachines(out, g.launches());
  }

  /** The machine named, if alive; else the {@code count} oldest live ones, healthy first. */
  private static List<String> toKill(
      LocalGroup g, String groupName, Optional<String> machineId, int count)
      throws ProviderException {
    List<String> victims = new ArrayList<>();
    if (machineId.isPresent()) {
      LocalMachine m = find(g, machineId.get());
      if (!m.alive()) throw gone(g, m.id(), "has already failed");
      victims.add(m.id());
      return victims;
    }
    g.machines().stream()
        .filter(LocalMachine::alive)
        .sorted(
            Comparator.comparing((LocalMachine m) -> m.status() != LocalMachine.Status.HEALTHY)
                .thenComparing(LocalMachine::launchedAt)
                .thenComparing(LocalMachine::id))
        .limit(count)
        .forEach(m -> victims.add(m.id()));
    if (victims.isEmpty()) {
      throw new ProviderException(
          Kind.NOT_FOUND, "group `" + groupName + "` has no live machine to kill");
    }
    return victims;
  }

  /** The machine named, if running; else the oldest healthy one. */
  private static LocalMachine toSicken(LocalGroup g, String groupName, Optional<String> machineId)
      throws ProviderException {
    if (machineId.isPresent()) {
      LocalMachine victim = find(g, machineId.get());
      if (victim.status() != LocalMachine.Status.HEALTHY
          && victim.status() != LocalMachine.Status.RUNNING) {
        throw gone(g, victim.id(), "is " + victim.status().text() + ", not running");
      }
      return victim;
    }
    return g.machines().stream()
        .filter(m -> m.status() == LocalMachine.Status.HEALTHY)
        .min(Comparator.comparing(LocalMachine::launchedAt).thenComparing(LocalMachine::id))
        .orElseThrow(
            () ->
                new ProviderException(
                    Kind.NOT_FOUND,
                    "group `" + groupName + "` has no healthy machine to make sick"));
  }

  private static LocalMachine find(LocalGroup g, String id) throws ProviderException {
    return g.machine(id)
        .orElseThrow(
            () ->
                new ProviderException(
                    Kind.NOT_FOUND, "group `" + g.name() + "` has no machine `" + id + "`"));
  }

  private static ProviderException gone(LocalGroup g, String id, String why) {
    return new ProviderException(
        Kind.CONFLICT, "machine `" + id + "` of group `" + g.name() + "` " + why);
  }
}
