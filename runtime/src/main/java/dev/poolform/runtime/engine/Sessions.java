package dev.poolform.runtime.engine;

import dev.poolform.ir.IrCloud;
import dev.poolform.ir.json.ValueJson;
import dev.poolform.runtime.poll.PolledSession;
import dev.poolform.runtime.provider.CloudProvider;
import dev.poolform.runtime.provider.CloudSession;
import dev.poolform.runtime.provider.CloudTarget;
import dev.poolform.runtime.provider.ProviderContext;
import dev.poolform.runtime.provider.ProviderException;
import dev.poolform.runtime.state.StateCloud;
import dev.poolform.stdlib.value.MapValue;
import dev.poolform.stdlib.value.Value;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Open cloud sessions, one per cloud (its kind, name and settings: a state entry may record a
 * cloud's name with the settings it had then), shared by plan and apply and closed together.
 * Sessions are used from several apply threads at once: providers must be thread-safe. Once an
 * apply starts ({@link #pollEvery}), sessions whose provider reads many groups in one call are
 * handed out wrapped in a {@link PolledSession}, so the waits of all pools on one cloud share
 * batched reads.
 */
public final class Sessions implements AutoCloseable {
  private final ProviderRegistry registry;
  private final ProviderContext context;
  private final String lineage;
  private final Map<IrCloud, CloudSession> open = new LinkedHashMap<>();
  private final Map<IrCloud, PolledSession> polled = new LinkedHashMap<>();
  private Duration pollPeriod;

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
    if (pollPeriod == null || !s.pollsInBatches()) return s;
    PolledSession p = polled.get(cloud);
    if (p == null) {
      p = new PolledSession(s, pollPeriod, key(cloud));
      polled.put(cloud, p);
    }
    return p;
  }

  /**
   * From now on, waits poll each batch-capable cloud once per {@code period} for all pools together
   * (the apply's poll interval). Plans read directly: they read every group once anyway.
   */
  public synchronized void pollEvery(Duration period) {
    this.pollPeriod = period;
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
    for (Map.Entry<IrCloud, CloudSession> e : open.entrySet()) {
      PolledSession p = polled.get(e.getKey());
      try {
        // A polled session stops its poller and closes the session it wraps.
        if (p != null) p.close();
        else e.getValue().close();
      } catch (RuntimeException ex) {
        // Closing is best effort; the apply's result is already decided.
      }
    }
    open.clear();
    polled.clear();
  }
}
