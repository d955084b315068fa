package dev.poolform.compiler.lower;

import static org.assertj.core.api.Assertions.assertThat;

import dev.poolform.compiler.Compilation;
import dev.poolform.compiler.Compiler;
import dev.poolform.ir.IrConfig;
import dev.poolform.ir.IrHealth;
import dev.poolform.ir.IrPool;
import dev.poolform.ir.IrRollout;
import dev.poolform.ir.json.IrCodec;
import org.junit.jupiter.api.Test;

class IrCodecTest {
  static final String SRC =
      """
      cloud aws prod { region = "eu-west-1" }
      pool "web" on prod {
        capacity { min = 1  max = 5  desired = external }
        machine  { size = "m6i.large"  image = "ami-12345678"  zones = ["eu-west-1a"]  disk { size = 64GiB } }
        rollout  { max_surge = 25%  min_ready = 1h30m }
        health   { repair = "none" }
        labels   = { "team name" = "a\\"b" }
        capi     { cluster = "c1"  bootstrap { kind = "KubeadmConfig" } }
      }
      """;

  static final String EXPECTED =
      """
      {
        "pools": [
          {
            "address": "pool.web",
            "after": [],
            "capacity": {
              "desired": "external",
              "max": 5,
              "min": 1
            },
            "capi": {
              "bootstrap": {
                "kind": "KubeadmConfig"
              },
              "cluster": "c1"
            },
            "cloud": {
              "kind": "aws",
              "name": "prod",
              "settings": {
                "region": "eu-west-1"
              }
            },
            "health": {
              "grace": "10m",
              "max_unhealthy": "100%",
              "repair": "none"
            },
            "labels": {
              "team name": "a\\"b"
            },
            "machine": {
              "disk": {
                "size": "64GiB"
              },
              "image": "ami-12345678",
              "size": "m6i.large",
              "zones": [
                "eu-west-1a"
              ]
            },
            "name": "web",
            "rollout": {
              "auto_rollback": false,
              "delete_order": "oldest",
              "engine": "poolform",
              "max_surge": "25%",
              "max_unavailable": 0,
              "min_ready": "1h30m",
              "pause": "0s",
              "timeout": "30m"
            },
            "source": "web.pool:2"
          }
        ],
        "version": 1
      }
      """;

  @Test
  void canonicalJson() {
    Compilation c = Compiler.compileSource("web.pool", SRC);
    assertThat(c.diagnostics()).isEmpty();
    assertThat(IrCodec.write(c.ir().orElseThrow())).isEqualTo(EXPECTED);
  }

  @Test
  void byteIdenticalAcrossRuns() {
    String a = IrCodec.write(Compiler.compileSource("web.pool", SRC).ir().orElseThrow());
    String b = IrCodec.write(Compiler.compileSource("web.pool", SRC).ir().orElseThrow());
    assertThat(a).isEqualTo(b);
  }

  @Test
  void emptyConfiguration() {
    assertThat(IrCodec.write(Compiler.compileSource("e.pool", "").ir().orElseThrow()))
        .isEqualTo("{\n  \"pools\": [],\n  \"version\": 1\n}\n");
  }

  @Test
  void poolsSortedByAddressAndOriginsRecorded() {
    Compilation c =
        Compiler.compileSource(
            "m.pool",
            "cloud local dev {}\n"
                + "pool \"b\" on dev { capacity { min = 1 max = 2 } machine { size = \"s\" image = \"i\" } }\n"
                + "pool \"a\" on dev { capacity { min = 1 max = 2 } machine { size = \"s\" image = \"i\" } }\n");
    IrConfig ir = c.ir().orElseThrow();
    assertThat(ir.pools()).extracting(IrPool::address).containsExactly("pool.a", "pool.b");
    IrPool a = ir.pools().get(0);
    assertThat(a.origin().exact("machine.image")).isPresent();
    assertThat(a.origin().spanOf("machine.image").line()).isEqualTo(3);
    assertThat(a.origin().spanOf("rollout.max_surge")).isEqualTo(a.origin().pool());
    assertThat(a.capacity().desired().getAsLong()).isEqualTo(1); // desired absent => min
    assertThat(a.health()).isEqualTo(IrHealth.NONE);
    assertThat(a.rollout()).isEqualTo(IrRollout.DEFAULT);
  }
}
