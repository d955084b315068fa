package dev.poolform.runtime.engine;

import dev.poolform.ir.IrCloud;
import dev.poolform.ir.json.ValueJson;
import dev.poolform.runtime.provider.CloudProvider;
import dev.poolform.runtime.provider.CloudSession;
import dev.poolform.runtime.provider.CloudTarget;
import dev.poolform.runtime.provider.ProviderContext;
import dev.poolform.runtime.provider.ProviderException;
import dev.poolform.runtime.state.StateCloud;
import dev.poolform.stdlib.value.MapValue;
import dev.poolform.stdlib.value.Value;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Open cloud sessions, one per cloud (its kind, name and settings: a state entry may record a
 * cloud's name with the settings it had then), shared by plan and apply and closed together.
 * Sessions are used from several apply threads at once: providers must be thread-safe.
 */
public final class Sessions implements AutoCloseable {
  private final ProviderRegistry registry;
  private final ProviderContext context;
  private final String lineage;
  private final Map<IrCloud, CloudSession> open = new LinkedHashMap<>();

  public Sessions(ProviderRegistry registry, ProviderContext context, String lineage) {
    this.registry = registry;
    this.context = context;
    this.lineage = lineage;
  }

  public ProviderContext context() {
    return context;
  }

  public String lineage() {
    return lineage;
  }

  public static String key(IrCloud c) {
    return c.kind() + "." + c.name();
  }

  public CloudProvider provider(String kind) throws ProviderException {
    return registry
        .provider(kind)
        .orElseThrow(
            () ->
                new ProviderException(
                    ProviderException.Kind.CONFIGURATION,
                    "No provider for cloud kind `"
                        + kind
                        + "` is installed (known: "
                        + String.join(", ", registry.kinds())
                        + ")."));
  }

  public synchronized CloudSession open(IrCloud cloud) throws ProviderException {
    CloudSession s = open.get(cloud);
    if (s == null) {
      s = provider(cloud.kind()).connect(new CloudTarget(cloud, lineage), context);
      open.put(cloud, s);
    }
    return s;
  }

  /** The cloud as state recorded it, for pools whose cloud left the configuration. */
  public static IrCloud fromState(StateCloud c) {
    Optional<Value> v = ValueJson.fromJson(c.settings(), Optional.empty());
    MapValue settings =
        v.filter(x -> x instanceof MapValue).map(x -> (MapValue) x).orElse(MapValue.EMPTY);
    return new IrCloud(c.kind(), c.name(), settings);
  }

  @Override
  public synchronized void close() {
    for (CloudSession s : open.values()) {
      try {
        s.close();
      } catch (RuntimeException e) {
        // Closing is best effort; the apply's result is already decided.
      }
    }
    open.clear();
  }
}
