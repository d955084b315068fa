package dev.poolform.capi.emit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.poolform.capi.yaml.ManifestWriter;
import dev.poolform.compiler.diag.Code;
import dev.poolform.compiler.diag.Diagnostic;
import dev.poolform.compiler.diag.DiagnosticSink;
import dev.poolform.ir.IrConfig;
import dev.poolform.ir.IrHealth;
import dev.poolform.ir.IrPool;
import dev.poolform.stdlib.value.MapValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code pool compile --emit capi}: the pools of a configuration as Cluster API manifests, one file
 * per pool. Pure: the same IR always gives the same bytes.
 *
 * <p>Not every pool can be emitted: one on the {@code local} cloud has no Cluster API provider, one
 * without a {@code capi} block names no cluster. Such a pool is left out with warning W0504, and
 * the others are emitted, unless it was asked for by name ({@code --target}): then it is error
 * E0410 and nothing is written (docs/capi.md#which-pools-are-emitted). A {@code capi} block without
 * {@code cluster} or {@code version} is always E0410: it was written to be emitted.
 */
public final class CapiEmitter {
  private CapiEmitter() {}

  /** Every pool that can be emitted; the others are left out with W0504. */
  public static CapiResult emit(IrConfig config) {
    return emit(config, Set.of());
  }

  /**
   * @param targets the addresses of the pools to emit ({@code pool.web}), each of which must be
   *     emittable (E0410 otherwise); empty: every pool, leaving out (W0504) those that cannot be
   */
  public static CapiResult emit(IrConfig config, Set<String> targets) {
    List<CapiFile> files = new ArrayList<>();
    List<Diagnostic> diagnostics = new ArrayList<>();
    for (IrPool pool : config.pools()) {
      if (!targets.isEmpty() && !targets.contains(pool.address())) continue;
      emitPool(pool, !targets.isEmpty(), diagnostics).ifPresent(files::add);
    }
    // A setting written in a template is reported once, not once per pool that inherits it.
    List<Diagnostic> unique = new ArrayList<>(new java.util.LinkedHashSet<>(diagnostics));
    unique.sort(DiagnosticSink.ORDER);
    return new CapiResult(files, unique);
  }

  /**
   * The documents of one pool, in the order they are written; empty after an E0410 (or, when the
   * pool was not asked for by name, a W0504).
   *
   * @param targeted whether the pool was asked for by name: then not being able to emit it is an
   *     error
   */
  public static Optional<List<ObjectNode>> documents(
      IrPool pool, boolean targeted, List<Diagnostic> out) {
    Optional<CapiSettings> settings = settings(pool, targeted, out);
    if (settings.isEmpty()) return Optional.empty();
    String name = KubeNames.toObjectName(pool.name());
    PoolContext ctx = new PoolContext(pool, settings.get(), name, out);
    if (!KubeNames.isObjectName(pool.name())) {
      ctx.warn(
          "name",
          "Pool name `"
              + pool.name()
              + "` is not a valid Kubernetes object name: its objects are named `"
              + name
              + "`.");
    }
    boolean isAzure = pool.cloud().kind().equals("azure");
    boolean isPool = settings.get().kind() == CapiSettings.Kind.MACHINE_POOL;
    Infra infra =
        isAzure
            ? (isPool ? AzureEmitter.machinePool(ctx) : AzureEmitter.machineTemplate(ctx))
            : (isPool ? AwsEmitter.machinePool(ctx) : AwsEmitter.machineTemplate(ctx));
    ObjectNode core =
        isPool ? CoreEmitter.machinePool(ctx, infra) : CoreEmitter.machineDeployment(ctx, infra);
    Rollouts.warnInexpressible(ctx);
    List<ObjectNode> docs = new ArrayList<>(List.of(core, infra.document()));
    if (hasHealth(ctx)) docs.add(HealthCheckEmitter.healthCheck(ctx));
    return Optional.of(docs);
  }

  private static Optional<CapiFile> emitPool(IrPool pool, boolean targeted, List<Diagnostic> out) {
    return documents(pool, targeted, out)
        .map(
            docs ->
                new CapiFile(
                    KubeNames.toObjectName(pool.name()) + ".yaml", ManifestWriter.write(docs)));
  }

  private static boolean hasHealth(PoolContext ctx) {
    return ctx.written("health") || !ctx.pool.health().equals(IrHealth.NONE);
  }

  /**
   * The pool's capi settings, or the diagnostic saying why there are none: E0410 for a pool asked
   * for by name, W0504 (left out) for one that is not.
   */
  private static Optional<CapiSettings> settings(
      IrPool pool, boolean targeted, List<Diagnostic> out) {
    String kind = pool.cloud().kind();
    if (!kind.equals("aws") && !kind.equals("azure")) {
      out.add(
          cannot(
              pool,
              targeted,
              "runs on the `" + kind + "` cloud, which Cluster API cannot manage",
              "Only pools on `aws` and `azure` clouds compile to Cluster API manifests."));
      return Optional.empty();
    }
    if (pool.capi().isEmpty()) {
      out.add(
          cannot(
              pool,
              targeted,
              "has no `capi` block, which Cluster API output needs",
              "Add `capi { cluster = \"my-cluster\"  version = \"v1.31.0\" }` to the pool or its"
                  + " template."));
      return Optional.empty();
    }
    MapValue capi = pool.capi().get();
    Optional<CapiSettings> s = CapiSettings.of(capi, KubeNames.toObjectName(pool.name()));
    if (s.isEmpty()) {
      List<String> missing = new ArrayList<>();
      if (capi.string("cluster").filter(x -> !x.isBlank()).isEmpty()) missing.add("`cluster`");
      if (capi.string("version").filter(x -> !x.isBlank()).isEmpty()) missing.add("`version`");
      out.add(
          Diagnostic.of(
              Code.E0410,
              pool.origin().spanOf("capi"),
              "The `capi` block of pool `"
                  + pool.name()
                  + "` lacks "
                  + String.join(" and ", missing)
                  + ", which Cluster API output needs."));
    }
    return s;
  }

  /** E0410 for a pool asked for by name, else W0504: it is left out and the others emitted. */
  private static Diagnostic cannot(IrPool pool, boolean targeted, String why, String help) {
    String name = "Pool `" + pool.name() + "` ";
    if (targeted) {
      return Diagnostic.of(Code.E0410, pool.origin().pool(), name + why + ".").withHelp(help);
    }
    return Diagnostic.of(
            Code.W0504,
            pool.origin().pool(),
            name + "is left out of the Cluster API output: it " + why + ".")
        .withHelp(help);
  }
}
