package dev.poolform.capi.importer;

import dev.poolform.capi.emit.ApiVersions;
import dev.poolform.capi.yaml.SafeYaml;
import dev.poolform.capi.yaml.YamlInputException;
import dev.poolform.compiler.format.Formatter;
import dev.poolform.source.SourceFile;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code pool import capi FILE.yaml}: Cluster API manifests (Poolform's own output or written by
 * hand) to an idiomatic {@code .pool} file. Clouds are declared with {@code env(...)} for what the
 * manifests cannot tell (region, subscription, resource group live on the cluster objects).
 */
public final class CapiImporter {
  private CapiImporter() {}

  /**
   * Like {@link #importYaml(String, String)}, from the bytes of a file: UTF-8, else an error at the
   * first byte that is not.
   */
  public static ImportResult importYaml(byte[] yaml, String displayName) {
    return importYaml(SafeYaml.decode(yaml, displayName), displayName);
  }

  /**
   * @throws YamlInputException for input that is not YAML, too large or hostile, or that holds no
   *     MachinePool or MachineDeployment; its message is meant for the user as is
   */
  public static ImportResult importYaml(String yaml, String displayName) {
    List<Entry> entries = new ArrayList<>();
    for (SafeYaml.Document d : SafeYaml.load(yaml, displayName)) {
      if (!d.node().isObject()
          || !d.node().path("kind").isTextual()
          || !d.node().path("apiVersion").isTextual()) {
        throw new YamlInputException(
            displayName
                + ":"
                + d.line()
                + ": this document is not a Kubernetes object (it needs `apiVersion` and `kind`).");
      }
      entries.add(new Entry(Tracked.root(d), d.line()));
    }
    ImportContext ctx = new ImportContext(displayName, entries);
    List<ImportedPool> pools = new ArrayList<>();
    for (Entry e : entries) {
      boolean core = e.group().equals(ApiVersions.CORE_GROUP);
      if (core && (e.kind.equals("MachinePool") || e.kind.equals("MachineDeployment"))) {
        PoolReader.read(ctx, e).ifPresent(pools::add);
      }
    }
    if (pools.isEmpty()) {
      // Why a MachinePool or MachineDeployment was passed over (its machine object is not in the
      // input) is the answer the user needs: it goes with the error, not to the lost warnings.
      throw new YamlInputException(
          displayName
              + ": no MachinePool or MachineDeployment ("
              + ApiVersions.CORE_GROUP
              + ", v1beta1 or v1beta2) with its AWS or Azure machine object was found."
              + (ctx.warnings.isEmpty() ? "" : "\n" + String.join("\n", ctx.warnings)));
    }
    List<String> warnings = new ArrayList<>(ctx.warnings);
    for (Entry e : entries) {
      if (!e.claimed) {
        warnings.add(
            displayName
                + ":"
                + e.line
                + ": "
                + e.describe()
                + " ("
                + e.apiVersion
                + ") is not imported: no pool uses it.");
        continue;
      }
      for (String path : e.node.unused()) {
        warnings.add(
            displayName
                + ":"
                + e.node.line(path)
                + ": "
                + e.describe()
                + ": `"
                + path
                + "` is not understood and was not imported.");
      }
    }
    String source = write(pools, displayName);
    // The syntax engineer's formatter has the last word on layout (it keeps the text if it cannot).
    var formatted = Formatter.format(SourceFile.of(outputName(displayName), source));
    return new ImportResult(formatted.hasErrors() ? source : formatted.text(), warnings);
  }

  /** Clouds first (one per kind, cluster and location), then the pools in input order. */
  private static String write(List<ImportedPool> pools, String displayName) {
    Map<String, String> cloudNames = new LinkedHashMap<>();
    Map<String, String> cloudSources = new LinkedHashMap<>();
    List<String> poolSources = new ArrayList<>();
    for (ImportedPool p : pools) {
      String key = p.cloudKind() + "|" + p.cluster() + "|" + p.location().orElse("");
      if (p.location().isEmpty()) {
        // A machine template does not say where; any cloud of the same cluster will do.
        String prefix = p.cloudKind() + "|" + p.cluster() + "|";
        key =
            cloudNames.keySet().stream().filter(k -> k.startsWith(prefix)).findFirst().orElse(key);
      }
      String cloud = cloudNames.get(key);
      if (cloud == null) {
        cloud = uniqueName(identifier(p.cluster()), p, cloudNames);
        cloudNames.put(key, cloud);
        cloudSources.put(key, cloudSource(p, cloud, pools));
      }
      StringBuilder sb = new StringBuilder();
      sb.append("pool ").append(Lit.str(p.name())).append(" on ").append(cloud).append(" {\n");
      p.body().print(sb, 2);
      sb.append("}\n");
      poolSources.add(sb.toString());
    }
    StringBuilder out = new StringBuilder();
    out.append("# Imported from ").append(displayName).append(" by `pool import capi`.\n");
    out.append(
        "# Cluster API keeps region, subscription and resource group on the cluster, not on its\n");
    out.append("# machine pools: the clouds below read them from the environment.\n");
    for (String c : cloudSources.values()) out.append('\n').append(c);
    for (String p : poolSources) out.append('\n').append(p);
    return out.toString();
  }

  private static String cloudSource(ImportedPool p, String name, List<ImportedPool> all) {
    StringBuilder sb = new StringBuilder();
    sb.append("cloud ").append(p.cloudKind()).append(' ').append(name).append(" {\n");
    if (p.cloudKind().equals("aws")) {
      // The region is the zone without its letter; any pool of the same cluster may know a zone.
      String region =
          all.stream()
              .filter(o -> o.cloudKind().equals("aws") && o.cluster().equals(p.cluster()))
              .flatMap(o -> o.zoneHint().stream())
              .map(z -> z.replaceAll("[a-z]$", ""))
              .filter(r -> r.matches("[a-z]+(-[a-z]+)+-[0-9]+"))
              .findFirst()
              .orElse("us-east-1");
      sb.append("  region = env(\"AWS_REGION\", ").append(Lit.str(region)).append(")\n");
    } else {
      // Like the examples: a placeholder default, so the file compiles before it is configured.
      sb.append(
          "  subscription = env(\"AZURE_SUBSCRIPTION_ID\", \"00000000-0000-0000-0000-000000000000\")\n");
      // CAPZ names an AzureCluster's resource group after the cluster unless told otherwise.
      sb.append("  resource_group = env(\"AZURE_RESOURCE_GROUP\", ")
          .append(Lit.str(p.cluster()))
          .append(")\n");
      sb.append("  location = ")
          .append(p.location().map(Lit::str).orElse("env(\"AZURE_LOCATION\", \"westeurope\")"))
          .append('\n');
    }
    return sb.append("}\n").toString();
  }

  static String outputName(String displayName) {
    String base = displayName.replaceAll("\\.ya?ml$", "");
    return base + ".pool";
  }

  /** A cloud name from a cluster name: {@code prod-eu} becomes {@code prod_eu}. */
  static String identifier(String cluster) {
    String id = cluster.replaceAll("[^A-Za-z0-9_]", "_");
    if (id.isEmpty() || Character.isDigit(id.charAt(0))) id = "c_" + id;
    if (!Lit.isIdent(id)) id = id + "_cloud";
    return id;
  }

  private static String uniqueName(String base, ImportedPool p, Map<String, String> taken) {
    String name = base;
    if (taken.containsValue(name)) name = base + "_" + p.cloudKind();
    if (taken.containsValue(name) && p.location().isPresent())
      name = name + "_" + identifier(p.location().get());
    int i = 2;
    String candidate = name;
    while (taken.containsValue(candidate)) candidate = name + "_" + i++;
    return candidate;
  }
}
