package dev.poolform.runtime.engine;

import dev.poolform.ir.IrConfig;
import dev.poolform.ir.IrPool;
import dev.poolform.runtime.plan.Action;
import dev.poolform.runtime.plan.Drift;
import dev.poolform.runtime.plan.PlanRequest;
import dev.poolform.runtime.plan.PoolChange;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Turns a {@link PlanRequest} into the plan's changes: {@code --replace} makes a pool's change a
 * {@link Action#REPLACE}, and {@code --target} keeps only the named pools and, as Terraform does
 * with dependencies, the pools they run {@code after} (each with a reason saying why it is there).
 * Addresses that name no pool are problems, so a typo never plans nothing in silence.
 */
final class PlanRequests {
  private PlanRequests() {}

  static List<PoolChange> apply(
      PlanRequest request, IrConfig config, List<PoolChange> changes, List<Problem> problems) {
    Map<String, IrPool> pools = new HashMap<>();
    for (IrPool p : config.pools()) pools.put(p.address(), p);
    Set<String> known = new HashSet<>(pools.keySet());
    for (PoolChange c : changes) known.add(base(c.address()));
    for (String a : request.replace()) {
      if (!pools.containsKey(a))
        problems.add(
            Problem.of(
                null,
                "--replace "
                    + a
                    + (request.destroy()
                        ? " cannot be used when destroying"
                        : " names no pool of the configuration")));
    }
    for (String a : request.targets()) {
      if (!known.contains(a))
        problems.add(
            Problem.of(null, "--target " + a + " names no pool in the configuration or the state"));
    }
    List<PoolChange> out = new ArrayList<>();
    for (PoolChange c : changes) out.add(request.replace().contains(c.address()) ? forced(c) : c);
    if (!request.targeted()) return out;

    Set<String> wanted = new LinkedHashSet<>(request.targets());
    wanted.addAll(request.replace());
    Map<String, String> includedFor = dependencies(wanted, pools);
    List<PoolChange> kept = new ArrayList<>();
    for (PoolChange c : out) {
      String a = base(c.address());
      if (wanted.contains(a)) {
        kept.add(c);
      } else if (includedFor.containsKey(a)) {
        kept.add(
            c.withStrays(
                c.strays(),
                List.of(
                    "included because "
                        + includedFor.get(a)
                        + " runs after it (--target plans what a target runs after)")));
      }
    }
    return kept;
  }

  /** Drift only of the pools the plan covers. */
  static List<Drift> covered(PlanRequest request, List<PoolChange> changes, List<Drift> drift) {
    if (!request.targeted()) return drift;
    Set<String> in = new HashSet<>();
    for (PoolChange c : changes) in.add(base(c.address()));
    return drift.stream().filter(d -> in.contains(base(d.address()))).toList();
  }

  /**
   * Every pool the wanted ones run after, directly or not, mapped to the pool that needs it (the
   * first found, for the reason).
   */
  private static Map<String, String> dependencies(Set<String> wanted, Map<String, IrPool> pools) {
    Map<String, String> includedFor = new TreeMap<>();
    Deque<String> todo = new ArrayDeque<>(wanted);
    while (!todo.isEmpty()) {
      String a = todo.pop();
      IrPool p = pools.get(a);
      if (p == null) continue;
      for (String d : p.after()) {
        if (wanted.contains(d) || includedFor.containsKey(d)) continue;
        includedFor.put(d, a);
        todo.push(d);
      }
    }
    return includedFor;
  }

  /**
   * A forced replacement: a new group with the pool's spec, then the old one deleted once the new
   * one is at its spec. A pool still to be created or being deleted keeps its change.
   */
  private static PoolChange forced(PoolChange c) {
    if (c.action() == Action.CREATE || c.action() == Action.DELETE || c.group().isEmpty()) return c;
    List<String> reasons = new ArrayList<>(c.reasons());
    reasons.add("replacement requested with --replace");
    return new PoolChange(
        c.address(),
        Action.REPLACE,
        c.cloud(),
        c.before(),
        c.after(),
        c.diffs(),
        reasons,
        List.of(),
        c.group(),
        c.adopt(),
        c.strays());
  }

  /** A pool's address without the suffix of the group a replace left to delete. */
  private static String base(String address) {
    return address.endsWith(ReplaceStep.OLD_SUFFIX)
        ? address.substring(0, address.length() - ReplaceStep.OLD_SUFFIX.length())
        : address;
  }
}
