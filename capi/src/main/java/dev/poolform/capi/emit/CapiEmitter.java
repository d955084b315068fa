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

/**
 * {@code pool compile --emit capi}: every pool of a configuration as Cluster API manifests, one
 * file per pool. Pure: the same IR always gives the same bytes.
 */
public final class CapiEmitter {
  private CapiEmitter() {}

  public static CapiResult emit(IrConfig config) {
    List<CapiFile> files = new ArrayList<>();
    List<Diagnostic> diagnostics = new ArrayList<>();
    for (IrPool pool : config.pools()) {
      emitPool(pool, diagnostics).ifPresent(files::add);
    }
    // A setting written in a template is reported once, not once per pool that inherits it.
    List<Diagnostic> unique = new ArrayList<>(new java.util.LinkedHashSet<>(diagnostics));
    unique.sort(DiagnosticSink.ORDER);
    return new CapiResult(files, unique);
  }

  /** The documents of one pool, in the order they are written; empty after an E0410. */
  public static Optional<List<ObjectNode>> documents(IrPool pool, List<Diagnostic> out) {
    Optional<CapiSettings> settings = settings(pool, out);
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

  private static Optional<CapiFile> emitPool(IrPool pool, List<Diagnostic> out) {
    return documents(pool, out)
        .map(
            docs ->
                new CapiFile(
                    KubeNames.toObjectName(pool.name()) + ".yaml", ManifestWriter.write(docs)));
  }

  private static boolean hasHealth(PoolContext ctx) {
    return ctx.written("health") || !ctx.pool.health().equals(IrHealth.NONE);
  }

  /** The pool's capi settings, or an E0410 saying why there are none. */
  private static Optional<CapiSettings> settings(IrPool pool, List<Diagnostic> out) {
    String kind = pool.cloud().kind();
    if (!kind.equals("aws") && !kind.equals("azure")) {
      out.add(
          Diagnostic.of(
                  Code.E0410,
                  pool.origin().pool(),
                  "Pool `"
                      + pool.name()
                      + "` runs on the `"
                      + kind
                      + "` cloud, which Cluster API cannot manage.")
              .withHelp(
                  "Only pools on `aws` and `azure` clouds compile to Cluster API manifests."));
      return Optional.empty();
    }
    if (pool.capi().isEmpty()) {
      out.add(
          Diagnostic.of(
                  Code.E0410,
                  pool.origin().pool(),
                  "Pool `" + pool.name() + "` has no `capi` block, which Cluster API output needs.")
              .withHelp(
                  "Add `capi { cluster = \"my-cluster\"  version = \"v1.31.0\" }` to the pool or its template."));
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
}
