package dev.poolform.capi;

import static dev.poolform.capi.TestPools.*;
import static dev.poolform.testing.fixtures.Values.*;

import dev.poolform.ir.IntOrPercent;
import dev.poolform.ir.IrHealth;
import dev.poolform.ir.IrPool;
import dev.poolform.ir.IrRollout;
import dev.poolform.stdlib.value.MapValue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Pools that together use every attribute the Cluster API mapping knows, on both clouds and both
 * kinds: the input of the schema-validation and round-trip tests.
 */
public final class GeneratedPools {
  private GeneratedPools() {}

  public static MapValue capiFor(String kind) {
    return map("cluster", "prod-eu", "version", "v1.31.2", "kind", kind);
  }

  public static List<IrPool> all() {
    List<IrPool> out = new ArrayList<>();
    for (String kind : List.of("MachinePool", "MachineDeployment")) {
      String k = kind.equals("MachinePool") ? "mp" : "md";
      out.add(aws("aws-min-" + k).capi(capiFor(kind)).build());
      out.add(
          aws("aws-full-" + k)
              .capi(
                  map(
                      "cluster",
                      "prod-eu",
                      "version",
                      "v1.31.2",
                      "kind",
                      kind,
                      "namespace",
                      "fleet",
                      "bootstrap",
                      map(
                          "kind",
                          "KubeadmConfigTemplate",
                          "name",
                          "workers",
                          "api_version",
                          "bootstrap.cluster.x-k8s.io/v1beta2")))
              .external(2, 20)
              .with(
                  "zones", list("eu-west-1a", "eu-west-1b"),
                  "disk", map("size", gib(100), "type", "gp3"),
                  "spot", map("max_price", num(0.05)))
              .rollout(
                  IntOrPercent.percentOf(25),
                  IntOrPercent.percentOf(10),
                  Duration.ofSeconds(30),
                  IrRollout.DeleteOrder.NEWEST)
              .health(Duration.ofMinutes(5), IntOrPercent.percentOf(40), IrHealth.Repair.REPLACE)
              .label("team", "platform")
              .label("env", "prod")
              .build());
      out.add(
          aws("aws-mixed-" + k)
              .capi(capiFor(kind))
              .with(
                  "instance_types", list("m6i.large", "m5.large", "m6a.large"),
                  "spot",
                      map(
                          "allocation",
                          "price-capacity-optimized",
                          "on_demand_base",
                          i(1),
                          "on_demand_percent",
                          pct(20)))
              .rollout(
                  IntOrPercent.count(2),
                  IntOrPercent.count(1),
                  Duration.ZERO,
                  IrRollout.DeleteOrder.OLDEST)
              .build());
      out.add(
          aws("aws-secret-" + k)
              .capi(
                  map(
                      "cluster",
                      "c1",
                      "version",
                      "v1.30.0",
                      "kind",
                      kind,
                      "bootstrap",
                      map("data_secret", "c1-bootstrap")))
              .with("user_data", "#cloud-config\n")
              .health(Duration.ofMinutes(10), IntOrPercent.count(2), IrHealth.Repair.REPLACE)
              .build());
      out.add(azure("az-min-" + k).capi(capiFor(kind)).build());
      out.add(
          azure("az-full-" + k)
              .capi(capiFor(kind))
              .external(0, 50)
              .with(
                  "zones", list("1", "2", "3"),
                  "subnet", "workers",
                  "orchestration", "uniform",
                  "disk", map("size", gib(128), "type", "Premium_LRS"),
                  "spot", map("eviction", "delete", "max_price", num(0.12)))
              .rollout(
                  IntOrPercent.percentOf(20),
                  IntOrPercent.count(1),
                  Duration.ofMinutes(1),
                  IrRollout.DeleteOrder.RANDOM)
              .health(Duration.ofMinutes(8), IntOrPercent.percentOf(100), IrHealth.Repair.NONE)
              .label("team", "data")
              .label("cost center", "42 / shared")
              .build());
      out.add(
          azure("az-image-id-" + k)
              .capi(capiFor(kind))
              .with(
                  "image",
                  "/subscriptions/sub/resourceGroups/rg/providers/Microsoft.Compute/images/base-2024")
              .with("user_data", "#!/bin/sh\n")
              .build());
    }
    return out;
  }
}
