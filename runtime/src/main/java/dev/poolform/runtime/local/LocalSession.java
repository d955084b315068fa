package dev.poolform.runtime.local;

import dev.poolform.runtime.provider.CapacityRequest;
import dev.poolform.runtime.provider.CloudIdentity;
import dev.poolform.runtime.provider.CloudSession;
import dev.poolform.runtime.provider.GroupRef;
import dev.poolform.runtime.provider.GroupSpec;
import dev.poolform.runtime.provider.GroupsRead;
import dev.poolform.runtime.provider.ObservedGroup;
import dev.poolform.runtime.provider.ObservedMachine;
import dev.poolform.runtime.provider.ProviderException;
import dev.poolform.runtime.spec.PoolSpecs;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The provider SPI on top of {@link LocalCloud}. A group's cloud id is its name (like an ASG's),
 * which is also the pool's name.
 */
final class LocalSession implements CloudSession {
  private final LocalCloud cloud;
  private final java.nio.file.Path root;
  private final Duration latency;

  /**
   * @param root the folder of the simulated clouds ({@link LocalCloud#root}): the configuration's
   *     {@code .poolform/local/}, or a folder clones share
   * @param latency how long every call takes before it acts ({@code api_latency}): a real cloud's
   *     round trip, to try progress and interrupts against a slow cloud
   */
  LocalSession(LocalCloud cloud, java.nio.file.Path root, Duration latency) {
    this.cloud = cloud;
    this.root = root.toAbsolutePath().normalize();
    this.latency = latency;
  }

  /** A local cloud is its folder (the configuration's {@code .poolform/local/}) and the region. */
  @Override
  public Optional<CloudIdentity> identity() {
    return Optional.of(
        CloudIdentity.of(
            LocalCloudProvider.KIND, Map.of("region", cloud.name(), "folder", root.toString())));
  }

  /** The round trip of one call; an interrupted thread stops waiting but the call still acts. */
  private void roundTrip() {
    if (latency.isZero()) return;
    try {
      Thread.sleep(latency.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  LocalCloud cloud() {
    return cloud;
  }

  @Override
  public Map<String, ObservedGroup> read(Collection<GroupRef> refs) throws ProviderException {
    roundTrip();
    Map<String, String> addressOf = new LinkedHashMap<>();
    for (GroupRef ref : refs) addressOf.put(groupName(ref), ref.address());
    Map<String, ObservedGroup> out = new LinkedHashMap<>();
    for (LocalGroup g : cloud.groups(addressOf.keySet())) {
      String address = addressOf.get(g.name());
      out.put(address, observe(g, address));
    }
    return out;
  }

  @Override
  public List<ObservedGroup> findOwned(String lineage) throws ProviderException {
    roundTrip();
    List<ObservedGroup> out = new ArrayList<>();
    for (LocalGroup g : cloud.groups()) {
      if (g.lineage().equals(Optional.of(lineage)) && g.address().isPresent()) {
        out.add(observe(g, g.address().get()));
      }
    }
    return out;
  }

  /** One listing of the cloud's groups answers both: each group file is read once. */
  @Override
  public GroupsRead readForPlan(Collection<GroupRef> refs, String lineage)
      throws ProviderException {
    roundTrip();
    Map<String, String> addressOf = new HashMap<>();
    for (GroupRef ref : refs) addressOf.put(groupName(ref), ref.address());
    Map<String, ObservedGroup> read = new LinkedHashMap<>();
    List<ObservedGroup> owned = new ArrayList<>();
    for (LocalGroup g : cloud.groups()) {
      String address = addressOf.get(g.name());
      if (address != null) read.put(address, observe(g, address));
      if (g.lineage().equals(Optional.of(lineage)) && g.address().isPresent()) {
        owned.add(observe(g, g.address().get()));
      }
    }
    return new GroupsRead(read, owned);
  }

  @Override
  public Map<String, ProviderException> createRefusals(Map<String, String> names, String lineage)
      throws ProviderException {
    roundTrip();
    Map<String, ProviderException> out = new LinkedHashMap<>();
    for (Map.Entry<String, String> e : names.entrySet()) {
      cloud
          .createRefusal(
              e.getValue(),
              Map.of(PoolSpecs.TAG_ADDRESS, e.getKey(), PoolSpecs.TAG_LINEAGE, lineage))
          .ifPresent(ex -> out.put(e.getKey(), ex));
    }
    return out;
  }

  @Override
  public List<ObservedMachine> machines(GroupRef ref) throws ProviderException {
    roundTrip();
    return cloud.group(groupName(ref)).orElseThrow(() -> notFound(ref)).machines().stream()
        .map(LocalMachine::observed)
        .toList();
  }

  @Override
  public GroupRef create(GroupSpec spec, CapacityRequest capacity, String idempotencyToken)
      throws ProviderException {
    roundTrip();
    LocalGroup g =
        cloud.create(
            spec.name(),
            idempotencyToken,
            capacity.min(),
            capacity.max(),
            capacity.desired(),
            spec.specHash(),
            spec.pool().machine(),
            spec.tags());
    return new GroupRef(spec.address(), g.name(), g.name());
  }

  @Override
  public void updateModel(GroupRef ref, GroupSpec spec) throws ProviderException {
    roundTrip();
    cloud.setModel(groupName(ref), spec.specHash(), spec.pool().machine(), spec.tags());
  }

  @Override
  public void updateMetadata(GroupRef ref, GroupSpec spec) throws ProviderException {
    roundTrip();
    cloud.setTags(groupName(ref), spec.tags());
  }

  @Override
  public void setCapacity(GroupRef ref, CapacityRequest capacity) throws ProviderException {
    roundTrip();
    cloud.setCapacity(groupName(ref), capacity.min(), capacity.max(), capacity.desired());
  }

  @Override
  public void terminate(GroupRef ref, List<String> machineIds, boolean decrementDesired)
      throws ProviderException {
    roundTrip();
    cloud.terminate(groupName(ref), machineIds, decrementDesired);
  }

  @Override
  public void delete(GroupRef ref) throws ProviderException {
    roundTrip();
    cloud.delete(groupName(ref));
  }

  @Override
  public void release(GroupRef ref) throws ProviderException {
    roundTrip();
    cloud.release(groupName(ref));
  }

  @Override
  public Optional<ObservedGroup> adopt(String cloudId) throws ProviderException {
    roundTrip();
    return cloud.group(cloudId).map(g -> observe(g, g.address().orElse("")));
  }

  private static String groupName(GroupRef ref) {
    return ref.cloudId() != null && !ref.cloudId().isEmpty() ? ref.cloudId() : ref.name();
  }

  private static ProviderException notFound(GroupRef ref) {
    return new ProviderException(
        ProviderException.Kind.NOT_FOUND, "group `" + groupName(ref) + "` does not exist");
  }

  static ObservedGroup observe(LocalGroup g, String address) {
    return new ObservedGroup(
        new GroupRef(address, g.name(), g.name()),
        g.min(),
        g.max(),
        g.desired(),
        Optional.of(g.model().specHash()),
        g.model().machine(),
        g.tags(),
        g.machines().size(),
        Optional.empty());
  }
}
