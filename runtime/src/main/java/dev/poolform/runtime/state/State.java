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
 */
public record State(
    int formatVersion,
    long serial,
    String lineage,
    String toolVersion,
    SortedMap<String, ResourceState> resources,
    List<PendingIntent> pending) {

  public State {
    // Shared, not copied, between versions: only withResource/withoutResource build a new map.
    resources = FrozenMap.of(resources);
    pending = List.copyOf(pending);
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
        pending);
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
        pending);
  }

  public State withPending(PendingIntent p) {
    List<PendingIntent> l = new ArrayList<>(pending);
    l.add(p);
    return new State(formatVersion, serial, lineage, toolVersion, resources, l);
  }

  public State withoutPending(Predicate<PendingIntent> which) {
    List<PendingIntent> l = new ArrayList<>(pending);
    l.removeIf(which);
    return new State(formatVersion, serial, lineage, toolVersion, resources, l);
  }

  public State withSerial(long s) {
    return new State(formatVersion, s, lineage, toolVersion, resources, pending);
  }

  public State withToolVersion(String v) {
    return new State(formatVersion, serial, lineage, v, resources, pending);
  }

  public List<PendingIntent> pendingFor(String address) {
    return pending.stream().filter(p -> p.address().equals(address)).toList();
  }
}
