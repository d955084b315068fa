package dev.poolform.capi;

import static dev.poolform.testing.fixtures.Values.list;
import static dev.poolform.testing.fixtures.Values.map;

import dev.poolform.ir.IrCloud;
import dev.poolform.testing.fixtures.Pools;

/**
 * The Cluster API tests' starting points, built with the shared IR builder: an AWS and an Azure
 * pool with a machine that maps cleanly, capacity 1..10 with 3 desired, and a {@code capi} block.
 */
public final class TestPools {
  private TestPools() {}

  public static Pools aws(String name) {
    return capi(Pools.pool(name))
        .cloud(new IrCloud("aws", "prod", map("region", "eu-west-1")))
        .machine(
            map(
                "size",
                "m6i.large",
                "image",
                "ami-0abcdef1234567890",
                "subnets",
                list("subnet-a", "subnet-b")));
  }

  public static Pools azure(String name) {
    return capi(Pools.pool(name))
        .cloud(
            new IrCloud(
                "azure",
                "weu",
                map("subscription", "sub", "resource_group", "rg", "location", "westeurope")))
        .machine(
            map(
                "size",
                "Standard_D4s_v5",
                "image",
                "Canonical:ubuntu-24_04-lts:server:latest",
                "orchestration",
                "flexible"));
  }

  private static Pools capi(Pools p) {
    return p.capacity(1, 10, 3).capi(map("cluster", "prod-eu", "version", "v1.31.2"));
  }
}
