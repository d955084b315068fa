package dev.poolform.runtime.state;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * The whole state file.
 *
 * @param formatVersion the file format ({@link StateCodec#FORMAT_VERSION} once read)
 * @param serial raised by one on every write that changes the content
 * @param lineage a UUID fixed when the state is first created; every cloud resource is tagged with
 *     it
 * @param toolVersion the Poolform version that last wrote the file
 * @param resources pools by address
 * @param pending mutating calls in flight (write-ahead intents), in the order they started. They
 *     live at the top level, not inside a resource, because a {@code create} intent exists before
 *     its resource does.
 * @param configuration the configuration this state belongs to, as a path relative to the state
 *     file's directory with {@code /} separators ({@code quickstart.pool}, or {@code .} for the
 *     directory configuration the state lives in); empty in a state written before Poolform
 *     recorded it. Another configuration is refused ({@link StateOwner}).
 * @param released groups given up with {@code pool state rm}: never adopted or deleted again
 */
public record State(
    int formatVersion,
    long serial,
    String lineage,
    String toolVersion,
    SortedMap<String, ResourceState> resources,
    List<PendingIntent> pending,
    Optional<String> configuration,
    List<ReleasedGroup> released) {

  public State {
    // Shared, not copied, between versions: only withResource/withoutResource build a new map.
    resources = FrozenMap.of(resources);
    pending = List.copyOf(pending);
    released = List.copyOf(released);
  }

  /** A state that records no configuration and no released group. */
  public State(
      int formatVersion,
      long serial,
      String lineage,
      String toolVersion,
      SortedMap<String, ResourceState> resources,
      List<PendingIntent> pending) {
    this(
        formatVersion,
        serial,
        lineage,
        toolVersion,
        resources,
        pending,
        Optional.empty(),
        List.of());
  }

  /** A state for a workspace that has none yet: serial 0, a fresh lineage. */
  public static State empty() {
    return new State(
        StateCodec.FORMAT_VERSION,
        0,
        UUID.randomUUID().toString(),
        StateCodec.TOOL_VERSION,
        new TreeMap<>(),
        List.of());
  }

  public Optional<ResourceState> resource(String address) {
    return Optional.ofNullable(resources.get(address));
  }

  public State withResource(ResourceState r) {
    TreeMap<String, ResourceState> m = new TreeMap<>(resources);
    m.put(r.address(), r);
    return new State(
        formatVersion,
        serial,
        lineage,
        toolVersion,
        FrozenMap.derive(resources, m, r.address()),
        pending,
        configuration,
        released);
  }

  public State withoutResource(String address) {
    TreeMap<String, ResourceState> m = new TreeMap<>(resources);
    m.remove(address);
    return new State(
        formatVersion,
        serial,
        lineage,
        toolVersion,
        FrozenMap.derive(resources, m, address),
        pending,
        configuration,
        released);
  }

  public State withPending(PendingIntent p) {
    List<PendingIntent> l = new ArrayList<>(pending);
    l.add(p);
    return new State(
        formatVersion, serial, lineage, toolVersion, resources, l, configuration, released);
  }

  public State withoutPending(Predicate<PendingIntent> which) {
    List<PendingIntent> l = new ArrayList<>(pending);
    l.removeIf(which);
    return new State(
        formatVersion, serial, lineage, toolVersion, resources, l, configuration, released);
  }

  public State withSerial(long s) {
    return new State(
        formatVersion, s, lineage, toolVersion, resources, pending, configuration, released);
  }

  public State withToolVersion(String v) {
    return new State(
        formatVersion, serial, lineage, v, resources, pending, configuration, released);
  }

  /** This state, recording that it belongs to {@code configuration} (see {@link StateOwner}). */
  public State withConfiguration(String configuration) {
    return new State(
        formatVersion,
        serial,
        lineage,
        toolVersion,
        resources,
        pending,
        Optional.of(configuration),
        released);
  }

  /** This state, remembering {@code g} as released (replacing an earlier record of the group). */
  public State withReleased(ReleasedGroup g) {
    List<ReleasedGroup> l = new ArrayList<>(released);
    l.removeIf(r -> sameGroup(r, g.cloud().key(), g.group().cloudId()));
    l.add(g);
    return new State(
        formatVersion, serial, lineage, toolVersion, resources, pending, configuration, l);
  }

  /** This state, forgetting that the group {@code cloudId} on {@code cloudKey} was released. */
  public State withoutReleased(String cloudKey, String cloudId) {
    List<ReleasedGroup> l = new ArrayList<>(released);
    l.removeIf(r -> sameGroup(r, cloudKey, cloudId));
    return new State(
        formatVersion, serial, lineage, toolVersion, resources, pending, configuration, l);
  }

  /** This state with every released group replaced by {@code l} (a cloud was renamed). */
  public State withReleased(List<ReleasedGroup> l) {
    return new State(
        formatVersion, serial, lineage, toolVersion, resources, pending, configuration, l);
  }

  /** Whether the group {@code cloudId} on {@code cloudKey} was released. */
  public boolean isReleased(String cloudKey, String cloudId) {
    return released.stream().anyMatch(r -> sameGroup(r, cloudKey, cloudId));
  }

  private static boolean sameGroup(ReleasedGroup r, String cloudKey, String cloudId) {
    return r.cloud().key().equals(cloudKey) && r.group().cloudId().equals(cloudId);
  }

  public List<PendingIntent> pendingFor(String address) {
    return pending.stream().filter(p -> p.address().equals(address)).toList();
  }
}
