package dev.poolform.runtime.engine;

import dev.poolform.runtime.provider.CloudProvider;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.TreeMap;

/** The cloud providers on the class path, by kind; tests may add their own. */
public final class ProviderRegistry {
  private final Map<String, CloudProvider> byKind = new TreeMap<>();

  /**
   * The providers {@link ServiceLoader} finds (local, and aws/azure when their jars are present).
   */
  public static ProviderRegistry load() {
    ProviderRegistry r = new ProviderRegistry();
    for (CloudProvider p : ServiceLoader.load(CloudProvider.class))
      r.byKind.putIfAbsent(p.kind(), p);
    return r;
  }

  public static ProviderRegistry of(CloudProvider... providers) {
    ProviderRegistry r = new ProviderRegistry();
    for (CloudProvider p : providers) r.byKind.put(p.kind(), p);
    return r;
  }

  /** Adds or replaces the provider for its kind. */
  public ProviderRegistry with(CloudProvider p) {
    ProviderRegistry r = new ProviderRegistry();
    r.byKind.putAll(byKind);
    r.byKind.put(p.kind(), p);
    return r;
  }

  public Optional<CloudProvider> provider(String kind) {
    return Optional.ofNullable(byKind.get(kind));
  }

  public Collection<String> kinds() {
    return byKind.keySet();
  }
}
