package dev.poolform.runtime.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.poolform.ir.IrCapacity;
import dev.poolform.ir.IrCloud;
import dev.poolform.ir.IrHealth;
import dev.poolform.ir.IrOrigin;
import dev.poolform.ir.IrPool;
import dev.poolform.ir.IrRollout;
import dev.poolform.runtime.provider.CapacityRequest;
import dev.poolform.runtime.provider.CloudProvider;
import dev.poolform.runtime.provider.CloudSession;
import dev.poolform.runtime.provider.CloudTarget;
import dev.poolform.runtime.provider.GroupRef;
import dev.poolform.runtime.provider.GroupSpec;
import dev.poolform.runtime.provider.ObservedGroup;
import dev.poolform.runtime.provider.ObservedMachine;
import dev.poolform.runtime.provider.ProviderContext;
import dev.poolform.runtime.provider.ProviderException;
import dev.poolform.source.SourceFile;
import dev.poolform.source.Span;
import dev.poolform.stdlib.value.DurationValue;
import dev.poolform.stdlib.value.MapValue;
import dev.poolform.stdlib.value.NumberValue;
import dev.poolform.stdlib.value.Value;
import dev.poolform.testing.fixtures.ManualClock;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.ServiceLoader;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The local cloud through the provider SPI, found the way the engine finds it. */
class LocalCloudProviderTest {
  @TempDir Path ws;
  final ManualClock clock = new ManualClock();

  static IrCloud cloud(Map<String, Value> settings) {
    return new IrCloud("local", "dev", MapValue.of(settings));
  }

  static GroupSpec spec(IrCloud cloud, String name, String image, String hash) {
    Span s = new Span(SourceFile.of("main.pool", "pool \"" + name + "\" {}"), 0, 4);
    IrPool pool =
        new IrPool(
            IrPool.addressOf(name),
            name,
            cloud,
            new IrCapacity(1, 5, OptionalLong.of(2)),
            LocalCloudTest.machine(image, "a", "b"),
            IrRollout.DEFAULT,
            IrHealth.NONE,
            new TreeMap<>(Map.of("team", "web")),
            List.of(),
            Optional.empty(),
            new IrOrigin(s, Map.of()));
    return new GroupSpec(
        pool,
        hash,
        Map.of(
            "team",
            "web",
            "poolform:address",
            pool.address(),
            "poolform:lineage",
            "L1",
            "poolform:spec-hash",
            hash));
  }

  CloudSession connect(IrCloud cloud) throws ProviderException {
    CloudProvider p =
        ServiceLoader.load(CloudProvider.class).stream()
            .map(ServiceLoader.Provider::get)
            .filter(x -> x.kind().equals("local"))
            .findFirst()
            .orElseThrow();
    assertThat(p.immutableAttributes()).isEmpty();
    return p.connect(new CloudTarget(cloud, "L1"), new ProviderContext(ws, Map.of(), clock));
  }

  @Test
  void createReadMachinesFindOwnedAndDeleteThroughTheSpi() throws Exception {
    IrCloud c = cloud(Map.of("boot_time", new DurationValue(1000)));
    try (CloudSession s = connect(c)) {
      GroupSpec web = spec(c, "web", "img-1", "h1");
      GroupRef ref = s.create(web, CapacityRequest.of(1, 5, 2), "tok-1");
      assertThat(ref).isEqualTo(new GroupRef("pool.web", "web", "web"));
      // the same create retried after a crash: still one group of two machines
      assertThat(s.create(web, CapacityRequest.of(1, 5, 2), "tok-1")).isEqualTo(ref);

      Map<String, ObservedGroup> read =
          s.read(List.of(ref, new GroupRef("pool.gone", "gone", "gone")));
      assertThat(read).containsOnlyKeys("pool.web");
      ObservedGroup g = read.get("pool.web");
      assertThat(List.of(g.min(), g.max(), g.desired())).containsExactly(1L, 5L, 2L);
      assertThat(g.specHash()).contains("h1");
      assertThat(g.machine().string("image")).contains("img-1");
      assertThat(g.tags()).containsEntry("team", "web");
      assertThat(g.instanceCount()).isEqualTo(2);

      clock.advanceMillis(1000);
      List<ObservedMachine> ms = s.machines(ref);
      assertThat(ms).hasSize(2).allMatch(m -> m.state() == ObservedMachine.MachineState.HEALTHY);
      assertThat(ms).extracting(m -> m.zone().orElseThrow()).containsExactlyInAnyOrder("a", "b");
      assertThat(ms.get(0).availableAt(clock.instant(), java.time.Duration.ZERO)).isTrue();

      assertThat(s.findOwned("L1")).extracting(o -> o.ref().address()).containsExactly("pool.web");
      assertThat(s.findOwned("other")).isEmpty();
      assertThat(s.adopt("web")).map(o -> o.ref().address()).contains("pool.web");

      s.updateModel(ref, spec(c, "web", "img-2", "h2"));
      s.setCapacity(ref, CapacityRequest.of(1, 5, 3));
      assertThat(s.machines(ref))
          .filteredOn(m -> m.specHash().equals(Optional.of("h2")))
          .hasSize(1);
      s.terminate(ref, List.of(ms.get(0).id()), true);
      assertThat(s.read(List.of(ref)).get("pool.web").desired()).isEqualTo(2);

      s.delete(ref);
      s.delete(ref);
      assertThat(s.read(List.of(ref))).isEmpty();
      assertThatThrownBy(() -> s.machines(ref)).isInstanceOf(ProviderException.class);
    }
  }

  @Test
  void badSettingsAreAConfigurationError() {
    IrCloud c = cloud(Map.of("fail_rate", new NumberValue(1.5)));
    assertThatThrownBy(() -> connect(c))
        .isInstanceOf(ProviderException.class)
        .hasMessageContaining("fail_rate must be between 0 and 1")
        .extracting(e -> ((ProviderException) e).kind())
        .isEqualTo(ProviderException.Kind.CONFIGURATION);
  }
}
