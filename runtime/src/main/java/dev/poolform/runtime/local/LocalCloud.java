package dev.poolform.runtime.local;

import dev.poolform.runtime.provider.NameTaken;
import dev.poolform.runtime.provider.Ownership;
import dev.poolform.runtime.provider.ProviderException;
import dev.poolform.runtime.provider.ProviderException.Kind;
import dev.poolform.stdlib.value.MapValue;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * One simulated region of a workspace's local cloud ({@code .poolform/local/REGION/}, the {@code
 * region} of a {@code cloud local NAME} block): the operations its groups support, both those the
 * provider needs and those that act "behind Poolform's back" for users and tests ({@link #scale},
 * {@link #kill}, {@link #sick}). Every operation locks the cloud, advances the group to now, acts,
 * brings the group back to its desired size, and writes it atomically.
 */
public final class LocalCloud {
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");

  private final String region;
  private final GroupStore store;
  private final Clock clock;
  private final Optional<LocalSettings> settings;

  /**
   * @param workspace the configuration directory
   * @param region the simulated region: the folder under {@code .poolform/local/}
   * @param clock the simulation's time
   * @param settings the cloud's declared settings, stamped on the groups this handle touches; empty
   *     keeps each group's recorded settings (the {@code pool local} commands, which do not read
   *     the configuration)
   */
  public LocalCloud(Path workspace, String region, Clock clock, Optional<LocalSettings> settings) {
    this(region, root(workspace), clock, settings);
  }

  private LocalCloud(String region, Path root, Clock clock, Optional<LocalSettings> settings) {
    checkName(region, "region");
    this.region = region;
    this.store = new GroupStore(root.resolve(region));
    this.clock = clock;
    this.settings = settings;
  }

  /** The region {@code region} of the simulated clouds kept in {@code root} ({@link #root}). */
  public static LocalCloud at(
      Path root, String region, Clock clock, Optional<LocalSettings> settings) {
    return new LocalCloud(region, root, clock, settings);
  }

  /**
   * The environment variable that names a folder to keep the simulated clouds in, instead of the
   * configuration's {@code .poolform/local}: clones that set it to one folder share one simulated
   * cloud, as a team's clones share one AWS account (docs/runtime.md#sharing-it-between-clones).
   */
  public static final String ROOT_ENV = "POOLFORM_LOCAL_CLOUD";

  /** {@code <workspace>/.poolform/local}. */
  public static Path root(Path workspace) {
    return workspace.resolve(".poolform").resolve("local");
  }

  /**
   * Where the simulated clouds of {@code workspace} live: the folder {@link #ROOT_ENV} names
   * (relative to the workspace), else {@code <workspace>/.poolform/local}.
   */
  public static Path root(Path workspace, Map<String, String> env) {
    String shared = env.get(ROOT_ENV);
    if (shared == null || shared.isBlank()) return root(workspace);
    return workspace.toAbsolutePath().resolve(shared).normalize();
  }

  /** The regions that have (or had) groups in this workspace, sorted. */
  public static List<String> clouds(Path workspace) throws IOException {
    return regions(root(workspace));
  }

  /** The regions that have (or had) groups in the clouds' folder {@code root}, sorted. */
  public static List<String> regions(Path root) throws IOException {
    if (!Files.isDirectory(root)) return List.of();
    try (Stream<Path> dirs = Files.list(root)) {
      return dirs.filter(Files::isDirectory)
          .map(p -> p.getFileName().toString())
          .filter(n -> NAME.matcher(n).matches())
          .sorted()
          .toList();
    }
  }

  /** The region (its folder's name). */
  public String name() {
    return region;
  }

  public Path directory() {
    return store.dir();
  }

  // ---------------------------------------------------------------- reads

  /** Every group of this cloud as it is now. */
  public List<LocalGroup> groups() throws ProviderException {
    return store.locked(
        false,
        () -> {
          List<LocalGroup> out = new ArrayList<>();
          for (String n : store.names()) readNow(n).ifPresent(out::add);
          return out;
        });
  }

  /** The named groups that exist, as they are now, under one lock (a batched read). */
  public List<LocalGroup> groups(java.util.Collection<String> names) throws ProviderException {
    return store.locked(
        false,
        () -> {
          List<LocalGroup> out = new ArrayList<>();
          for (String n : names) {
            if (NAME.matcher(n).matches()) readNow(n).ifPresent(out::add);
          }
          return out;
        });
  }

  /** One group as it is now, if it exists. */
  public Optional<LocalGroup> group(String groupName) throws ProviderException {
    if (!NAME.matcher(groupName).matches()) return Optional.empty();
    return store.locked(false, () -> readNow(groupName));
  }

  /** Reads, advances, and saves what the controller did in the meantime. */
  private Optional<LocalGroup> readNow(String groupName) throws ProviderException, IOException {
    Optional<LocalGroup> stored = store.read(groupName);
    if (stored.isEmpty()) return stored;
    LocalGroup g = GroupController.advance(stamp(stored.get()), now());
    if (!g.equals(stored.get())) store.write(g);
    return Optional.of(g);
  }

  // ---------------------------------------------------------------- provider operations

  /**
   * Creates a group, or returns the existing one when it was made by the same create (same token)
   * or belongs to the same pool of the same configuration (same address and lineage tags): a create
   * retried after a crash never makes a second group.
   */
  public LocalGroup create(
      String groupName,
      String token,
      long min,
      long max,
      OptionalLong desired,
      String specHash,
      MapValue machine,
      Map<String, String> tags)
      throws ProviderException {
    checkGroupName(groupName);
    return store.locked(
        true,
        () -> {
          Optional<LocalGroup> existing = readNow(groupName);
          if (existing.isPresent()) return sameCreate(existing.get(), token, tags);
          checkBounds(min, max);
          long d = desired.orElse(min);
          Instant now = now();
          LocalGroup g =
              new LocalGroup(
                  groupName,
                  region,
                  token,
                  now,
                  Math.min(min, d),
                  Math.max(max, d),
                  d,
                  new LocalModel(1, specHash, machine),
                  tags,
                  0,
                  settings.orElse(LocalSettings.DEFAULT),
                  List.of());
          g = GroupController.reconcile(g, now);
          store.write(g);
          return g;
        });
  }

  /** The existing group when it is this create's own; any other is a conflict. */
  private LocalGroup sameCreate(LocalGroup g, String token, Map<String, String> tags)
      throws ProviderException {
    if (g.createToken().equals(token)) return g;
    Optional<ProviderException> refusal = refusal(g, tags);
    if (refusal.isPresent()) throw refusal.get();
    return g;
  }

  /**
   * Why a create of a group named {@code groupName} carrying the ownership {@code tags} would be
   * refused because another group holds the name, read now: what {@link #create} throws, for a plan
   * to give before any apply. Empty when the name is free or its group is the same pool's.
   */
  public Optional<ProviderException> createRefusal(String groupName, Map<String, String> tags)
      throws ProviderException {
    Optional<LocalGroup> g = group(groupName);
    return g.isEmpty() ? Optional.empty() : refusal(g.get(), tags);
  }

  /** A group of another pool or configuration (or of none) holding the name is a conflict. */
  private Optional<ProviderException> refusal(LocalGroup g, Map<String, String> tags) {
    String lineage = tags.get(Ownership.LINEAGE);
    if (Ownership.samePool(g.tags(), tags.get(Ownership.ADDRESS), lineage)) return Optional.empty();
    return Optional.of(
        new ProviderException(
            Kind.CONFLICT,
            "AlreadyExists",
            null,
            NameTaken.message(
                "A group named `" + g.name() + "`",
                " in local region `" + region + "`",
                g.tags(),
                lineage,
                tags.get(Ownership.ADDRESS),
                g.name()),
            null));
  }

  /**
   * Sets sizes as the engine asks. A desired size outside [min, max] widens the bound (the SPI lets
   * a provider widen max so a surge fits); an empty desired keeps the current one within the new
   * bounds, as a cloud does when only the bounds change.
   */
  public LocalGroup setCapacity(String groupName, long min, long max, OptionalLong desired)
      throws ProviderException {
    checkBounds(min, max);
    return mutate(
        groupName,
        g -> {
          long d = desired.orElse(Math.max(min, Math.min(max, g.desired())));
          return g.withCapacity(Math.min(min, d), Math.max(max, d), d);
        });
  }

  /** Future launches use this spec; running machines are left alone. */
  public LocalGroup setModel(
      String groupName, String specHash, MapValue machine, Map<String, String> tags)
      throws ProviderException {
    return mutate(
        groupName,
        g -> {
          var t = new java.util.TreeMap<>(g.tags());
          Optional.ofNullable(tags.get(LocalGroup.SPEC_HASH_TAG))
              .ifPresent(h -> t.put(LocalGroup.SPEC_HASH_TAG, h));
          LocalModel m = g.model();
          boolean same = m.specHash().equals(specHash) && m.machine().equals(machine);
          return g.withModel(same ? m : new LocalModel(m.version() + 1, specHash, machine))
              .withTags(t);
        });
  }

  public LocalGroup setTags(String groupName, Map<String, String> tags) throws ProviderException {
    return mutate(groupName, g -> g.withTags(tags));
  }

  /** Removes the ownership tags (address and lineage): the group leaves its configuration. */
  public LocalGroup release(String groupName) throws ProviderException {
    return mutate(
        groupName,
        g -> {
          var t = new java.util.TreeMap<>(g.tags());
          t.remove(LocalGroup.ADDRESS_TAG);
          t.remove(LocalGroup.LINEAGE_TAG);
          return g.withTags(t);
        });
  }

  /**
   * Terminates the machines named that are still there (ids already gone are skipped, so a retried
   * call is harmless). With {@code decrementDesired} the group shrinks by as many; without, it
   * launches replacements at once. Returns the ids terminated.
   */
  public List<String> terminate(String groupName, List<String> ids, boolean decrementDesired)
      throws ProviderException {
    List<String> done = new ArrayList<>();
    mutate(
        groupName,
        g -> {
          List<LocalMachine> keep = new ArrayList<>();
          for (LocalMachine m : g.machines()) {
            if (ids.contains(m.id())) done.add(m.id());
            else keep.add(m);
          }
          LocalGroup out = g.withMachines(keep, g.launches());
          if (decrementDesired) {
            long d = Math.max(0, g.desired() - done.size());
            out = out.withCapacity(Math.min(g.min(), d), g.max(), d);
          }
          return out;
        });
    return done;
  }

  /** Deletes the group and its machines; returns false if there was none. */
  public boolean delete(String groupName) throws ProviderException {
    if (!NAME.matcher(groupName).matches()) return false;
    return store.locked(
        false,
        () -> {
          boolean there = store.read(groupName).isPresent();
          store.delete(groupName);
          return there;
        });
  }

  // ---------------------------------------------------------------- behind Poolform's back

  /**
   * Sets the desired size as someone else would (an autoscaler, a console user): drift. Like a
   * cloud's API, a size outside [min, max] is refused.
   */
  public LocalGroup scale(String groupName, long desired) throws ProviderException {
    return mutate(groupName, g -> OutsideActions.scale(g, desired));
  }

  /**
   * Machines die: they become FAILED now and the group replaces them after its replace delay. With
   * no id, the {@code count} oldest live machines (healthy first) die. Returns the ids killed.
   */
  public List<String> kill(String groupName, Optional<String> machineId, int count)
      throws ProviderException {
    List<String> killed = new ArrayList<>();
    mutate(groupName, g -> OutsideActions.kill(g, groupName, machineId, count, now(), killed));
    return killed;
  }

  /**
   * A running or healthy machine starts failing its health checks; the group keeps it (the cloud
   * does not know about application health) and Poolform's health repair replaces it. With no id,
   * the oldest healthy machine. Returns the id.
   */
  public String sick(String groupName, Optional<String> machineId) throws ProviderException {
    String[] id = new String[1];
    mutate(groupName, g -> OutsideActions.sick(g, groupName, machineId, now(), id));
    return id[0];
  }

  // ---------------------------------------------------------------- plumbing

  private interface Change {
    LocalGroup apply(LocalGroup g) throws ProviderException;
  }

  private LocalGroup mutate(String groupName, Change change) throws ProviderException {
    if (!NAME.matcher(groupName).matches()) throw missing(groupName);
    return store.locked(
        true,
        () -> {
          LocalGroup before = store.read(groupName).orElseThrow(() -> missing(groupName));
          Instant now = now();
          LocalGroup g = GroupController.advance(stamp(before), now);
          g = GroupController.reconcile(change.apply(g), now);
          if (!g.equals(before)) store.write(g);
          return g;
        });
  }

  private LocalGroup stamp(LocalGroup g) {
    return settings.isPresent() && !settings.get().equals(g.settings())
        ? g.withSettings(settings.get())
        : g;
  }

  private Instant now() {
    return clock.instant();
  }

  private ProviderException missing(String groupName) {
    return new ProviderException(
        Kind.NOT_FOUND, "no group named `" + groupName + "` in local region `" + region + "`");
  }

  private static void checkBounds(long min, long max) throws ProviderException {
    if (min < 0 || max < min) {
      throw new ProviderException(
          Kind.INVALID_VALUE,
          "ValidationError",
          "capacity",
          "min " + min + " and max " + max + " do not make a valid range",
          null);
    }
  }

  private static void checkGroupName(String groupName) throws ProviderException {
    if (!NAME.matcher(groupName).matches()) {
      throw new ProviderException(
          Kind.INVALID_VALUE,
          "ValidationError",
          null,
          "`"
              + groupName
              + "` is not a valid local group name (letters, digits, `_`, `.`, `-`; at most 128)",
          null);
    }
  }

  /** Whether {@code n} can name a region (a folder) or a group (a file). */
  static boolean validName(String n) {
    return NAME.matcher(n).matches();
  }

  private static void checkName(String n, String what) {
    if (!NAME.matcher(n).matches()) {
      throw new IllegalArgumentException(
          "invalid local "
              + what
              + " name `"
              + n
              + "` (letters, digits, `_`, `.`, `-`; at most 128)");
    }
  }
}
