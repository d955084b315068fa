package dev.poolform.capi.emit;

import dev.poolform.stdlib.value.MapValue;
import java.util.Optional;

/**
 * A pool's {@code capi} block with Cluster API defaults filled in (the compiler checks types and
 * enums but fills no defaults, so one place decides them for both emitting and importing).
 *
 * @param bootstrapConfig the reference to the bootstrap config; empty when only {@code data_secret}
 *     was given
 */
public record CapiSettings(
    String cluster,
    String namespace,
    String version,
    Kind kind,
    Optional<BootstrapRef> bootstrapConfig,
    Optional<String> dataSecret) {

  public static final String DEFAULT_NAMESPACE = "default";

  public enum Kind {
    MACHINE_POOL("MachinePool"),
    MACHINE_DEPLOYMENT("MachineDeployment");

    private final String text;

    Kind(String text) {
      this.text = text;
    }

    public String text() {
      return text;
    }

    public static Optional<Kind> parse(String s) {
      for (Kind k : values()) if (k.text.equals(s)) return Optional.of(k);
      return Optional.empty();
    }
  }

  /** {@code bootstrap.configRef}: kind, name and the apiVersion it is served as. */
  public record BootstrapRef(String kind, String name, String apiVersion) {
    /** MachinePools reference one config; MachineDeployments a template stamped per machine. */
    public static String defaultKind(Kind kind) {
      return kind == Kind.MACHINE_POOL ? "KubeadmConfig" : "KubeadmConfigTemplate";
    }
  }

  /**
   * Reads the block; empty when {@code cluster} or {@code version} is missing (the caller reports
   * E0410).
   */
  public static Optional<CapiSettings> of(MapValue capi, String poolName) {
    Optional<String> cluster = capi.string("cluster").filter(s -> !s.isBlank());
    Optional<String> version = capi.string("version").filter(s -> !s.isBlank());
    if (cluster.isEmpty() || version.isEmpty()) return Optional.empty();
    Kind kind = capi.string("kind").flatMap(Kind::parse).orElse(Kind.MACHINE_POOL);
    MapValue b = capi.map("bootstrap").orElse(MapValue.EMPTY);
    Optional<String> secret = b.string("data_secret");
    boolean refGiven =
        b.get("kind").isPresent() || b.get("name").isPresent() || b.get("api_version").isPresent();
    Optional<BootstrapRef> ref =
        secret.isPresent() && !refGiven
            ? Optional.empty()
            : Optional.of(
                new BootstrapRef(
                    b.string("kind").orElse(BootstrapRef.defaultKind(kind)),
                    b.string("name").orElse(poolName),
                    b.string("api_version").orElse(ApiVersions.BOOTSTRAP_DEFAULT)));
    return Optional.of(
        new CapiSettings(
            cluster.get(),
            capi.string("namespace").orElse(DEFAULT_NAMESPACE),
            version.get(),
            kind,
            ref,
            secret));
  }
}
