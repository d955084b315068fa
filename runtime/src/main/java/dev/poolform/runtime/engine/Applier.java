package dev.poolform.runtime.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.poolform.ir.IrCloud;
import dev.poolform.ir.IrConfig;
import dev.poolform.ir.IrPool;
import dev.poolform.runtime.event.ApplyEvent;
import dev.poolform.runtime.plan.Action;
import dev.poolform.runtime.plan.Plan;
import dev.poolform.runtime.plan.PoolChange;
import dev.poolform.runtime.provider.ProviderException;
import dev.poolform.runtime.state.PendingIntent;
import dev.poolform.runtime.state.ResourceState;
import dev.poolform.runtime.state.StateException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Carries out a plan: builds a DAG from its changes (a pool waits for the pools in its {@code
 * after}; a deleted pool waits for the deletion of pools that came after it), runs it on {@code
 * parallelism} threads, and isolates failures: a failed pool stops only its dependents (reported as
 * skipped). State is written after every step through the {@link StatePersister}.
 */
public final class Applier {
  private final Sessions sessions;
  private final StepContext ctx;

  public Applier(Sessions sessions, StepContext ctx) {
    this.sessions = sessions;
    this.ctx = ctx;
  }

  public ApplyOutcome apply(Plan plan, IrConfig config) throws StateException {
    StatePersister persister = ctx.intents().persister();
    // Intents left by a dead process were accounted for by the plan; a create's token is reused so
    // a create the cloud still remembers is not made twice.
    Map<String, String> createTokens = new HashMap<>();
    for (PendingIntent p : persister.current().pending()) {
      if (p.operation().equals("create")) createTokens.put(p.address(), p.token());
    }
    // A targeted plan accounted only for the pools it covers: the others' intents stay for the
    // next whole plan.
    Set<String> covered = new HashSet<>();
    for (PoolChange c : plan.changes()) covered.add(c.address());
    boolean all = !plan.request().targeted();
    if (!persister.current().pending().isEmpty())
      persister.update(s -> s.withoutPending(p -> all || covered.contains(p.address())));

    Map<String, IrPool> pools = new HashMap<>();
    Map<String, IrCloud> clouds = new HashMap<>();
    for (IrPool p : config.pools()) {
      pools.put(p.address(), p);
      clouds.putIfAbsent(Sessions.key(p.cloud()), p.cloud());
    }
    for (ResourceState r : persister.current().resources().values()) {
      clouds.putIfAbsent(r.cloud().key(), Sessions.fromState(r.cloud()));
    }
    Map<String, PoolChange> nodes = new LinkedHashMap<>();
    for (PoolChange c : plan.changes()) if (c.isChange()) nodes.put(c.address(), c);
    Map<String, List<String>> deps = dependencies(nodes, pools);

    ChangeRunner runner = new ChangeRunner(sessions, ctx, clouds, createTokens);
    AtomicInteger n = new AtomicInteger();
    ExecutorService pool =
        Executors.newFixedThreadPool(
            ctx.options().parallelism(),
            r -> {
              Thread t = new Thread(r, "poolform-apply-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    try {
      Map<String, CompletableFuture<PoolResult>> futures = new HashMap<>();
      for (String a : nodes.keySet()) {
        // schedule() registers every future it creates in `futures`, joined below in plan order.
        CompletableFuture<PoolResult> unused =
            schedule(a, nodes, deps, pools, futures, runner, pool, new HashSet<>());
      }
      List<PoolResult> results = new ArrayList<>();
      for (PoolChange c : plan.changes()) {
        CompletableFuture<PoolResult> f = futures.get(c.address());
        if (f != null) results.add(f.join());
      }
      return new ApplyOutcome(results, persister.current());
    } finally {
      pool.shutdownNow();
    }
  }

  /** Edges of the DAG: address -> addresses it waits for (only those with a change). */
  static Map<String, List<String>> dependencies(
      Map<String, PoolChange> nodes, Map<String, IrPool> pools) {
    Map<String, List<String>> deps = new HashMap<>();
    for (PoolChange c : nodes.values()) {
      List<String> d = new ArrayList<>();
      IrPool p = pools.get(c.address());
      if (p != null && c.action() != Action.DELETE) {
        for (String a : p.after())
          if (nodes.containsKey(a) && nodes.get(a).action() != Action.DELETE) d.add(a);
      }
      if (c.action() == Action.DELETE && c.address().endsWith(ReplaceStep.OLD_SUFFIX)) {
        // The group an interrupted replace left goes only once its successor is at its spec.
        String successor =
            c.address().substring(0, c.address().length() - ReplaceStep.OLD_SUFFIX.length());
        PoolChange s = nodes.get(successor);
        if (s != null && s.action() != Action.DELETE) d.add(successor);
      }
      if (c.action() == Action.DELETE) {
        // Delete dependents first: a pool that came after this one goes before it.
        for (PoolChange other : nodes.values()) {
          if (other.action() != Action.DELETE || other.address().equals(c.address())) continue;
          for (JsonNode a : other.before().path("after"))
            if (a.asText().equals(c.address())) d.add(other.address());
        }
      }
      deps.put(c.address(), d);
    }
    return deps;
  }

  private CompletableFuture<PoolResult> schedule(
      String address,
      Map<String, PoolChange> nodes,
      Map<String, List<String>> deps,
      Map<String, IrPool> pools,
      Map<String, CompletableFuture<PoolResult>> futures,
      ChangeRunner runner,
      ExecutorService executor,
      Set<String> visiting) {
    CompletableFuture<PoolResult> existing = futures.get(address);
    if (existing != null) return existing;
    visiting.add(address);
    List<CompletableFuture<PoolResult>> before = new ArrayList<>();
    for (String d : deps.getOrDefault(address, List.of())) {
      if (visiting.contains(d))
        continue; // a cycle the compiler should have rejected: ignore the edge
      before.add(schedule(d, nodes, deps, pools, futures, runner, executor, visiting));
    }
    visiting.remove(address);
    PoolChange c = nodes.get(address);
    CompletableFuture<PoolResult> f =
        CompletableFuture.allOf(before.toArray(new CompletableFuture<?>[0]))
            .thenApplyAsync(
                v -> {
                  for (CompletableFuture<PoolResult> b : before) {
                    PoolResult r = b.join();
                    if (r.status() == PoolResult.Status.INTERRUPTED) {
                      ctx.emit(
                          new ApplyEvent.PoolInterrupted(
                              ctx.now(), address, c.action().text(), false));
                      return PoolResult.interrupted(
                          address, c.action(), "not started: the apply was interrupted");
                    }
                    if (r.status() != PoolResult.Status.OK) {
                      String why =
                          r.address()
                              + (r.status() == PoolResult.Status.FAILED
                                  ? " failed"
                                  : " was skipped");
                      ctx.emit(
                          new ApplyEvent.PoolSkipped(ctx.now(), address, c.action().text(), why));
                      return PoolResult.skipped(address, c.action(), "skipped: " + why);
                    }
                  }
                  if (ctx.interrupted()) {
                    ctx.emit(
                        new ApplyEvent.PoolInterrupted(
                            ctx.now(), address, c.action().text(), false));
                    return PoolResult.interrupted(
                        address, c.action(), "not started: the apply was interrupted");
                  }
                  return runOne(c, pools.get(address), runner);
                },
                executor);
    futures.put(address, f);
    return f;
  }

  private PoolResult runOne(PoolChange c, IrPool pool, ChangeRunner runner) {
    String a = c.address();
    ctx.emit(new ApplyEvent.PoolStarted(ctx.now(), a, c.action().text()));
    Problem problem;
    try {
      if (pool == null && c.action() != Action.DELETE) {
        throw new StepFailure(a + " is not in the configuration the plan was made from", null);
      }
      String detail = runner.run(c, pool);
      ctx.emit(new ApplyEvent.PoolFinished(ctx.now(), a, c.action().text()));
      return PoolResult.ok(a, c.action(), detail);
    } catch (ProviderException e) {
      problem = Problem.of(a, e);
    } catch (StepInterrupted e) {
      ctx.emit(new ApplyEvent.PoolInterrupted(ctx.now(), a, c.action().text(), true));
      return PoolResult.interrupted(a, c.action(), "stopped: " + e.getMessage());
    } catch (StepFailure e) {
      problem =
          new Problem(
              Optional.of(a), e.getMessage(), Optional.empty(), Optional.empty(), e.attribute());
    } catch (StateException e) {
      problem = Problem.of(a, e.getMessage());
    } catch (RuntimeException e) {
      problem = Problem.of(a, "internal error: " + e);
    }
    ctx.emit(
        new ApplyEvent.PoolFailed(
            ctx.now(), a, c.action().text(), problem.message(), problem.attribute()));
    return PoolResult.failed(a, c.action(), problem);
  }
}
