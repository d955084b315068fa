package dev.poolform.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.poolform.cli.CliRun;
import dev.poolform.cli.TriggeredInterrupts;
import dev.poolform.runtime.local.LocalGroup;
import dev.poolform.runtime.local.LocalMachine;
import dev.poolform.testing.fixtures.RolloutInvariant;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

/**
 * The world of the runtime's model-based test ({@link RuntimeModelIT}): a configuration directory
 * on two local clouds, driven through the CLI as a user and the clouds would drive it, and a model
 * of what the user asked for. Every action is a method, so a sequence the property finds can be
 * replayed as a plain test. After every action it checks what must always hold:
 *
 * <ul>
 *   <li>no group of a pool still in the configuration (on the same cloud) was destroyed;
 *   <li>an apply's exit status and its "complete" match the cloud: every pool it reports done is at
 *       its spec, every pool it reports failed is not, and exit 0 goes with "complete";
 *   <li>{@code available >= desired - max_unavailable} held through every rollout, from the event
 *       stream alone;
 *   <li>after a successful apply the next plan is empty;
 *   <li>no stack trace, no lock left by a command that ended on its own, no intent left by one that
 *       was interrupted.
 * </ul>
 */
final class ModelWorld implements AutoCloseable {
  /** What the user configured for one pool. */
  record ModelPool(
      String name,
      String cloud,
      String image,
      int desired,
      String team,
      int maxUnavailable,
      boolean health,
      Optional<String> after) {
    ModelPool with(String cloud, String image, int desired, String team, boolean health) {
      return new ModelPool(name, cloud, image, desired, team, maxUnavailable, health, after);
    }

    ModelPool renamed(String to) {
      return new ModelPool(to, cloud, image, desired, team, maxUnavailable, health, after);
    }

    ModelPool after(Optional<String> a) {
      return new ModelPool(name, cloud, image, desired, team, maxUnavailable, health, a);
    }
  }

  /** A group as the cloud knows it: created once, never again under the same identity. */
  record GroupId(String cloud, String name, Instant createdAt) {}

  /** What a released group looked like when it was let go: nothing of it may change after. */
  record Untouched(Instant createdAt, long min, long max, long desired, String specHash) {
    static Untouched of(LocalGroup g) {
      return new Untouched(g.createdAt(), g.min(), g.max(), g.desired(), g.model().specHash());
    }
  }

  static final List<String> CLOUDS = List.of("a", "b");

  final Path dir;
  final Workspace ws;
  final TreeMap<String, ModelPool> pools = new TreeMap<>();
  final List<String> log = new ArrayList<>();

  /**
   * Renames declared with {@code moved} blocks (old name to new), kept in the configuration until
   * an apply succeeds; one at a time, so the blocks never chain.
   */
  final TreeMap<String, String> moves = new TreeMap<>();

  /** Groups let go with {@code state rm} and dropped from the configuration, as they were then. */
  final Map<GroupId, Untouched> released = new HashMap<>();

  boolean brokenA;
  private final ObjectMapper json = new ObjectMapper();

  ModelWorld() {
    try {
      dir = Files.createTempDirectory("poolform-model-");
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    ws = new Workspace(dir);
    ws.env.put("POOLFORM_POLL_INTERVAL", "30ms");
  }

  @Override
  public String toString() {
    return "world " + dir + " after " + log;
  }

  // ------------------------------------------------------------------ the configuration

  String config() {
    StringBuilder sb = new StringBuilder();
    // Each cloud block its own region: two places, so a move between them is a replace.
    sb.append("cloud local a {\n  region = \"a\"\n  boot_time = 100ms\n  seed = 1\n")
        .append(brokenA ? "  fail_rate = 1\n" : "")
        .append("}\n\ncloud local b {\n  region = \"b\"\n  boot_time = 150ms\n  seed = 2\n}\n");
    for (ModelPool p : pools.values()) {
      sb.append("\npool \"")
          .append(p.name())
          .append("\" on ")
          .append(p.cloud())
          .append(" {\n")
          .append("  capacity { min = 0  max = 4  desired = ")
          .append(p.desired())
          .append(" }\n")
          .append("  machine  { size = \"small\"  image = \"")
          .append(p.image())
          .append("\" }\n")
          .append("  rollout  { max_surge = 1  max_unavailable = ")
          .append(p.maxUnavailable())
          .append("  timeout = 30s }\n");
      if (p.health())
        sb.append("  health   { grace = 0s  max_unhealthy = 1  repair = \"replace\" }\n");
      sb.append("  labels   = { team = \"").append(p.team()).append("\" }\n");
      p.after().ifPresent(a -> sb.append("  after    = [\"").append(a).append("\"]\n"));
      sb.append("}\n");
    }
    moves.forEach(
        (from, to) ->
            sb.append("\nmoved {\n  from = pool.")
                .append(from)
                .append("\n  to   = pool.")
                .append(to)
                .append("\n}\n"));
    return sb.toString();
  }

  private void writeConfig() {
    try {
      ws.write("main.pool", config());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  // ------------------------------------------------------------------ the user's edits

  void add(
      String name, String cloud, String image, int desired, int maxUnavailable, boolean health) {
    // A pool declared at a `moved` block's old address is a configuration error (E0212).
    if (pools.containsKey(name) || moves.containsKey(name)) return;
    log.add("add " + name + " on " + cloud + " " + image + " x" + desired);
    // `after` only to a pool that sorts before it: never a cycle.
    Optional<String> after =
        pools.keySet().stream().filter(n -> n.compareTo(name) < 0).reduce((x, y) -> y);
    pools.put(
        name, new ModelPool(name, cloud, image, desired, "t0", maxUnavailable, health, after));
  }

  void remove(String name) {
    // A `moved` block's new address must stay declared (E0213).
    if (!pools.containsKey(name) || moves.containsValue(name)) return;
    log.add("remove " + name);
    pools.remove(name);
    pools.replaceAll((n, p) -> p.after().equals(Optional.of(name)) ? p.after(Optional.empty()) : p);
  }

  void image(String name, String image) {
    edit(name, "image " + image, p -> p.with(p.cloud(), image, p.desired(), p.team(), p.health()));
  }

  void desired(String name, int desired) {
    edit(
        name,
        "desired " + desired,
        p -> p.with(p.cloud(), p.image(), desired, p.team(), p.health()));
  }

  void label(String name, String team) {
    edit(name, "team " + team, p -> p.with(p.cloud(), p.image(), p.desired(), team, p.health()));
  }

  void health(String name, boolean on) {
    edit(name, "health " + on, p -> p.with(p.cloud(), p.image(), p.desired(), p.team(), on));
  }

  /** Moves a pool to the other cloud: a replace. */
  void move(String name) {
    edit(
        name,
        "move",
        p ->
            p.with(
                p.cloud().equals("a") ? "b" : "a", p.image(), p.desired(), p.team(), p.health()));
  }

  void breakCloudA(boolean broken) {
    log.add(broken ? "cloud a fails every boot" : "cloud a boots again");
    brokenA = broken;
  }

  private void edit(String name, String what, java.util.function.UnaryOperator<ModelPool> change) {
    ModelPool p = pools.get(name);
    if (p == null) return;
    log.add(name + ": " + what);
    pools.put(name, change.apply(p));
  }

  // ------------------------------------------------------------------ state commands

  /** Renames a pool in the configuration and in state ({@code pool state mv}). */
  void rename(String from, String to) {
    if (!canRename(from, to)) return;
    log.add("rename " + from + " -> " + to + " (state mv)");
    Map<String, GroupId> before = identities();
    renameInConfiguration(from, to);
    writeConfig();
    expectOk(ws.pool("state", "mv", "pool." + from, "pool." + to));
    GroupId moved = before.remove("pool." + from);
    if (moved != null) before.put("pool." + to, moved);
    checkNoGroupDestroyed(before);
  }

  /**
   * Renames a pool with a {@code moved} block: the next apply moves its state entry, and its group
   * stays (checked by every apply while the block is pending, {@link #beforeWithMoves}).
   */
  void renameMoved(String from, String to) {
    if (!canRename(from, to)) return;
    log.add("rename " + from + " -> " + to + " (moved block)");
    renameInConfiguration(from, to);
    moves.put(from, to);
    writeConfig();
  }

  private boolean canRename(String from, String to) {
    // A removed pool whose deletion an interrupted apply did not reach is still in state: `state
    // mv` to its address is rightly refused, and a `moved` block to it too.
    return pools.containsKey(from)
        && !pools.containsKey(to)
        && inState(from)
        && !inState(to)
        && moves.isEmpty();
  }

  private void renameInConfiguration(String from, String to) {
    ModelPool p = pools.remove(from);
    pools.put(to, p.renamed(to));
    pools.replaceAll((n, q) -> q.after().equals(Optional.of(from)) ? q.after(Optional.of(to)) : q);
    // `after` must point at a pool that sorts before: drop it where the rename broke that.
    pools.replaceAll(
        (n, q) ->
            q.after().isPresent() && q.after().get().compareTo(n) >= 0
                ? q.after(Optional.empty())
                : q);
  }

  /** {@code pool state rm} then {@code pool import} of the same group: it comes back. */
  void forgetAndImport(String name) {
    if (!pools.containsKey(name) || !inState(name)) return;
    // Import looks on the cloud the configuration names: a pool moved to the other cloud and not
    // applied since has its group elsewhere, and "no group there" is then the right answer.
    String stateCloud = stateEntry("pool." + name).path("cloud").path("name").asText();
    if (!stateCloud.equals(pools.get(name).cloud())) return;
    log.add("state rm + import " + name);
    Map<String, GroupId> before = identities();
    String group = stateEntry("pool." + name).path("group").path("cloud_id").asText();
    writeConfig();
    expectOk(ws.pool("state", "rm", "pool." + name));
    expectOk(ws.pool("import", "pool." + name, group));
    checkNoGroupDestroyed(before);
  }

  /**
   * {@code pool state rm} of a pool, then the pool removed from the configuration: its group is
   * released and must never be touched again by this configuration (issue 10 item 1).
   */
  void release(String name) {
    if (!pools.containsKey(name) || !inState(name) || moves.containsValue(name)) return;
    GroupId id = identities().get("pool." + name);
    if (id == null) return;
    log.add("release " + name + " (state rm, then removed from the configuration)");
    Map<String, GroupId> before = identities();
    writeConfig();
    expectOk(ws.pool("state", "rm", "pool." + name));
    remove(name);
    group(id.cloud(), id.name()).ifPresent(g -> released.put(id, Untouched.of(g)));
    checkNoGroupDestroyed(before);
  }

  // ------------------------------------------------------------------ the clouds

  /** {@code pool local scale|kill|sick} on the pool's group, behind Poolform's back. */
  void fault(String name, String what, int n) {
    Optional<GroupId> g = Optional.ofNullable(identities().get("pool." + name));
    if (g.isEmpty()) return;
    log.add(name + ": cloud " + what + (what.equals("scale") ? " " + n : ""));
    List<String> args = new ArrayList<>(List.of("local", what, g.get().name()));
    if (what.equals("scale")) args.add(Integer.toString(n));
    args.addAll(List.of("--cloud", g.get().cloud()));
    CliRun r = ws.pool(args.toArray(String[]::new));
    noStackTrace(r);
    assertThat(r.status()).as("%s\n%s%s", args, r.out(), r.err()).isIn(0, 1);
  }

  // ------------------------------------------------------------------ applies

  /** {@code pool apply}, and every check that an apply must pass. */
  CliRun apply() {
    log.add("apply");
    writeConfig();
    Map<String, GroupId> before = beforeWithMoves();
    CliRun r = ws.pool("apply", "--auto-approve", "--events", "events.jsonl");
    String all = r.out() + r.err();
    noStackTrace(r);
    assertThat(r.status()).as(all).isIn(0, 1);
    List<JsonNode> events = events();
    if (r.status() == 0) {
      assertThat(all).containsAnyOf("Apply complete!", "No changes.");
      assertThat(of(events, "pool_failed")).as(all).isEmpty();
    } else {
      assertThat(r.err()).as(all).contains("Apply failed");
      assertThat(all).doesNotContain("Apply complete");
    }
    for (JsonNode e : of(events, "pool_finished")) {
      String a = e.path("address").asText();
      if (configured(a)) assertThat(atSpec(a)).as("%s reported done:\n%s", a, all).isEmpty();
    }
    for (JsonNode e : of(events, "pool_failed")) {
      String a = e.path("address").asText();
      if (configured(a))
        assertThat(atSpec(a)).as("%s reported failed but is at its spec:\n%s", a, all).isPresent();
    }
    checkRolloutInvariant(events, all);
    checkNoGroupDestroyed(before);
    checkUnlockedAndNothingPending(all);
    if (r.status() == 0) {
      CliRun plan = ws.pool("plan", "--detailed-exitcode");
      assertThat(plan.status())
          .as(
              "the plan after a successful apply is empty:\n%s%s\nafter:\n%s",
              plan.out(), plan.err(), all)
          .isZero();
      // Every state has the new addresses now: the blocks can go, as the docs say.
      moves.clear();
    }
    return r;
  }

  /** An apply interrupted (as by Ctrl-C) {@code delayMs} after it started. */
  void applyInterrupted(long delayMs) {
    log.add("apply, interrupted after " + delayMs + "ms");
    writeConfig();
    Map<String, GroupId> before = beforeWithMoves();
    TriggeredInterrupts signals = new TriggeredInterrupts();
    CompletableFuture<CliRun> run =
        CompletableFuture.supplyAsync(
            () -> ws.pool(signals, "apply", "--auto-approve", "--events", "events.jsonl"));
    boolean sent = false;
    long end = System.nanoTime() + delayMs * 1_000_000;
    while (!run.isDone()) {
      if (System.nanoTime() >= end && signals.interrupt()) {
        sent = true;
        break;
      }
      sleep(5);
    }
    CliRun r = run.join();
    String all = r.out() + r.err();
    noStackTrace(r);
    assertThat(r.status()).as(all).isIn(0, 1, 130);
    if (r.status() == 130) {
      assertThat(sent).isTrue();
      assertThat(all)
          .contains("Interrupt received: finishing the current step", "Apply interrupted");
    }
    checkRolloutInvariant(events(), all);
    checkNoGroupDestroyed(before);
    checkUnlockedAndNothingPending(all);
  }

  /** An apply as a child process, SIGKILLed {@code delayMs} after its first line; then unlock. */
  void applyKilled(long delayMs) {
    log.add("apply, killed after " + delayMs + "ms");
    writeConfig();
    Map<String, GroupId> before = beforeWithMoves();
    try {
      ChildApply.killedAfter(ws, delayMs, "apply", "--auto-approve");
      ChildApply.forceUnlockIfLocked(ws);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    checkNoGroupDestroyed(before);
  }

  // ------------------------------------------------------------------ checks

  /** Empty when the pool is at its spec in the cloud, else why not. */
  Optional<String> atSpec(String address) {
    ModelPool p = pools.get(address.substring("pool.".length()));
    JsonNode entry = stateEntry(address);
    if (entry.isMissingNode()) return Optional.of("not in state");
    String cloud = entry.path("cloud").path("name").asText();
    if (!cloud.equals(p.cloud())) return Optional.of("on cloud " + cloud);
    Optional<LocalGroup> og = group(cloud, entry.path("group").path("cloud_id").asText());
    if (og.isEmpty()) return Optional.of("no group");
    LocalGroup g = og.get();
    if (g.desired() != p.desired()) return Optional.of("desired " + g.desired());
    if (!g.model().machine().string("image").equals(Optional.of(p.image())))
      return Optional.of("model " + g.model().machine());
    if (!p.team().equals(g.tags().get("team"))) return Optional.of("tags " + g.tags());
    long healthy =
        g.machines().stream()
            .filter(m -> m.status() == LocalMachine.Status.HEALTHY)
            .filter(m -> m.specHash().equals(g.model().specHash()))
            .count();
    if (healthy < p.desired()) return Optional.of(healthy + " healthy: " + g.machines());
    return Optional.empty();
  }

  private void checkRolloutInvariant(List<JsonNode> events, String output) {
    Map<String, Integer> unavailable = new HashMap<>();
    pools.values().forEach(p -> unavailable.put("pool." + p.name(), p.maxUnavailable()));
    assertThat(RolloutInvariant.violations(events, a -> unavailable.getOrDefault(a, -1)))
        .as("rollout invariant, from the events:\n%s", output)
        .isEmpty();
  }

  /**
   * Every group a configured pool had before the step, on the cloud it is still configured on, is
   * still there: created once, never destroyed while the pool stays.
   */
  void checkNoGroupDestroyed(Map<String, GroupId> before) {
    before.forEach(
        (address, id) -> {
          String name = address.substring("pool.".length());
          ModelPool p = pools.get(name);
          if (p == null || !p.cloud().equals(id.cloud())) return;
          Optional<LocalGroup> g = group(id.cloud(), id.name());
          assertThat(g.map(LocalGroup::createdAt))
              .as("the group of %s (%s) is still there, not recreated", address, id)
              .contains(id.createdAt());
        });
    released.forEach(
        (id, was) ->
            assertThat(group(id.cloud(), id.name()).map(Untouched::of))
                .as("the released group %s is untouched", id)
                .contains(was));
  }

  private void checkUnlockedAndNothingPending(String output) {
    assertThat(stateFile().resolveSibling(stateFile().getFileName() + ".lock"))
        .as(output)
        .doesNotExist();
    if (Files.exists(stateFile()))
      assertThat(state().path("pending")).as("no intent left:\n%s", output).isEmpty();
  }

  /**
   * {@link #identities} with each pending {@code moved} block's old address read as its new one:
   * the group a moved pool had is the group it must still have.
   */
  private Map<String, GroupId> beforeWithMoves() {
    Map<String, GroupId> before = identities();
    moves.forEach(
        (from, to) -> {
          GroupId g = before.remove("pool." + from);
          if (g != null) before.put("pool." + to, g);
        });
    return before;
  }

  /** The group of every pool in state, by address. */
  Map<String, GroupId> identities() {
    Map<String, GroupId> out = new TreeMap<>();
    state()
        .path("resources")
        .properties()
        .forEach(
            e -> {
              String cloud = e.getValue().path("cloud").path("name").asText();
              String name = e.getValue().path("group").path("cloud_id").asText();
              group(cloud, name)
                  .ifPresent(g -> out.put(e.getKey(), new GroupId(cloud, name, g.createdAt())));
            });
    return out;
  }

  private Optional<LocalGroup> group(String cloud, String name) {
    try {
      return ws.cloud(cloud).group(name);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private boolean configured(String address) {
    return address.startsWith("pool.") && pools.containsKey(address.substring(5));
  }

  boolean inState(String name) {
    return !stateEntry("pool." + name).isMissingNode();
  }

  private JsonNode stateEntry(String address) {
    return state().path("resources").path(address);
  }

  /**
   * The state file: {@code pool.state.json} in the folder, or {@code main.state.json} beside {@code
   * main.pool} where a state belongs to one configuration file.
   */
  private Path stateFile() {
    Path own = dir.resolve("main.state.json");
    return Files.exists(own) ? own : dir.resolve("pool.state.json");
  }

  JsonNode state() {
    Path f = stateFile();
    if (!Files.exists(f)) return json.createObjectNode();
    try {
      return json.readTree(f.toFile());
    } catch (IOException e) {
      throw new AssertionError("the state is not readable: " + e.getMessage(), e);
    }
  }

  private List<JsonNode> events() {
    Path f = dir.resolve("events.jsonl");
    List<JsonNode> out = new ArrayList<>();
    if (!Files.exists(f)) return out;
    try {
      for (String line : Files.readAllLines(f)) if (!line.isBlank()) out.add(json.readTree(line));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return out;
  }

  private static List<JsonNode> of(List<JsonNode> events, String type) {
    return events.stream().filter(e -> e.path("type").asText().equals(type)).toList();
  }

  private static void noStackTrace(CliRun r) {
    assertThat(r.hasStackTrace()).as("no stack trace:\n%s%s", r.out(), r.err()).isFalse();
  }

  private static void expectOk(CliRun r) {
    noStackTrace(r);
    assertThat(r.status()).as("%s%s", r.out(), r.err()).isZero();
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
    } catch (IOException e) {
      // a temporary directory; the OS cleans it eventually
    }
  }
}
