package dev.poolform.runtime.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.poolform.runtime.local.LocalMachine.Status;
import dev.poolform.runtime.provider.ProviderException;
import dev.poolform.stdlib.value.ListValue;
import dev.poolform.stdlib.value.MapValue;
import dev.poolform.stdlib.value.StringValue;
import dev.poolform.stdlib.value.Value;
import dev.poolform.testing.fixtures.ManualClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalCloudTest {
  @TempDir Path ws;
  final ManualClock clock = new ManualClock();
  static final LocalSettings BOOT_2S = new LocalSettings(Duration.ofSeconds(2), 0.0, 7);

  LocalCloud cloud(LocalSettings s) {
    return new LocalCloud(ws, "dev", clock, Optional.of(s));
  }

  static MapValue machine(String image, String... zones) {
    List<Value> zs = new ArrayList<>();
    for (String z : zones) zs.add(new StringValue(z));
    var m = new java.util.TreeMap<String, Value>();
    m.put("size", new StringValue("small"));
    m.put("image", new StringValue(image));
    if (zones.length > 0) m.put("zones", new ListValue(zs));
    return MapValue.of(m);
  }

  static Map<String, String> tags(String address, String lineage) {
    return Map.of(LocalGroup.ADDRESS_TAG, address, LocalGroup.LINEAGE_TAG, lineage);
  }

  LocalGroup create(LocalCloud c, String name, long desired, String... zones)
      throws ProviderException {
    return c.create(
        name,
        "tok-" + name,
        0,
        10,
        OptionalLong.of(desired),
        "h1",
        machine("img-1", zones),
        tags("pool." + name, "L1"));
  }

  @Test
  void machinesBootPendingRunningHealthy() throws Exception {
    LocalCloud c = cloud(BOOT_2S);
    LocalGroup g = create(c, "web", 3);
    assertThat(g.machines()).hasSize(3).allMatch(m -> m.status() == Status.PENDING);
    assertThat(g.machines()).allMatch(m -> m.id().matches("m-[0-9a-f]{8}"));
    assertThat(g.machines()).allMatch(m -> m.specHash().equals("h1"));

    clock.advanceMillis(999);
    assertThat(c.group("web").orElseThrow().count(Status.PENDING)).isEqualTo(3);
    clock.advanceMillis(1);
    assertThat(c.group("web").orElseThrow().count(Status.RUNNING)).isEqualTo(3);
    clock.advanceMillis(5000);
    LocalGroup later = c.group("web").orElseThrow();
    assertThat(later.count(Status.HEALTHY)).isEqualTo(3);
    // healthy-since is the boot's end, not the time someone looked
    assertThat(later.machines().get(0).healthySince())
        .contains(g.createdAt().plus(Duration.ofSeconds(2)));
  }

  @Test
  void zonesAreSpreadRoundRobin() throws Exception {
    LocalGroup g = create(cloud(BOOT_2S), "web", 5, "a", "b", "c");
    Map<String, Long> perZone = new java.util.TreeMap<>();
    g.machines().forEach(m -> perZone.merge(m.zone().orElseThrow(), 1L, Long::sum));
    assertThat(perZone).isEqualTo(Map.of("a", 2L, "b", 2L, "c", 1L));
  }

  @Test
  void failingBootsAreReplacedAfterTheDelayAtTheRightTime() throws Exception {
    LocalSettings alwaysFail = new LocalSettings(Duration.ofSeconds(2), 1.0, 1);
    LocalCloud c = cloud(alwaysFail);
    LocalGroup g = create(c, "web", 2);
    clock.advanceMillis(2000);
    LocalGroup failed = c.group("web").orElseThrow();
    assertThat(failed.count(Status.FAILED)).isEqualTo(2);
    // seen much later: the replacements were launched at failure + delay (500ms), then failed in
    // turn
    clock.advanceMillis(1000);
    LocalGroup replaced = c.group("web").orElseThrow();
    assertThat(replaced.machines()).hasSize(2).allMatch(m -> m.status() == Status.PENDING);
    assertThat(replaced.machines().get(0).launchedAt()).isEqualTo(g.createdAt().plusMillis(2500));
    assertThat(replaced.launches()).isEqualTo(4);
  }

  @Test
  void groupLeftAloneForLongWithFailingMachinesIsReplayedQuickly() throws Exception {
    LocalCloud c = cloud(new LocalSettings(Duration.ofMillis(200), 1.0, 1));
    create(c, "web", 3);
    clock.advance(Duration.ofHours(1));
    long t0 = System.nanoTime();
    LocalGroup g = c.group("web").orElseThrow();
    assertThat(g.machines()).hasSize(3);
    assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(10));
  }

  @Test
  void failRateIsDeterministicFromTheSeed() throws Exception {
    LocalSettings half = new LocalSettings(Duration.ofSeconds(1), 0.5, 42);
    List<String> fates = new ArrayList<>();
    for (String dir : List.of("one", "two")) {
      LocalCloud c = new LocalCloud(ws.resolve(dir), "dev", clock, Optional.of(half));
      LocalGroup g = create(c, "web", 40);
      StringBuilder sb = new StringBuilder();
      g.machines().forEach(m -> sb.append(m.id()).append(m.failsToBoot() ? "F" : "ok").append(' '));
      fates.add(sb.toString());
      long fails = g.machines().stream().filter(LocalMachine::failsToBoot).count();
      assertThat(fails).isBetween(8L, 32L);
    }
    assertThat(fates.get(0)).isEqualTo(fates.get(1));
  }

  @Test
  void createIsIdempotentForTheSameTokenOrTheSamePool() throws Exception {
    LocalCloud c = cloud(BOOT_2S);
    LocalGroup first = create(c, "web", 2);
    LocalGroup again = create(c, "web", 2);
    assertThat(again.machines()).isEqualTo(first.machines());
    LocalGroup sameOwner =
        c.create(
            "web",
            "another-token",
            0,
            10,
            OptionalLong.of(5),
            "h1",
            machine("img-1"),
            tags("pool.web", "L1"));
    assertThat(sameOwner.machines()).hasSize(2);
    assertThatThrownBy(
            () ->
                c.create(
                    "web",
                    "t3",
                    0,
                    10,
                    OptionalLong.of(1),
                    "h1",
                    machine("img-1"),
                    tags("pool.web", "OTHER-LINEAGE")))
        .isInstanceOf(ProviderException.class)
        .hasMessageContaining("already exists")
        .extracting(e -> ((ProviderException) e).kind())
        .isEqualTo(ProviderException.Kind.CONFLICT);
    assertThat(c.groups()).hasSize(1);
  }

  @Test
  void scaleFromOutsideLaunchesOrRetiresAndHonoursBounds() throws Exception {
    LocalCloud c = cloud(BOOT_2S);
    c.create("web", "t", 1, 4, OptionalLong.of(2), "h1", machine("img"), tags("pool.web", "L"));
    clock.advanceMillis(3000);
    LocalCloud outside = new LocalCloud(ws, "dev", clock, Optional.empty());
    assertThat(outside.scale("web", 4).machines()).hasSize(4);
    assertThat(outside.group("web").orElseThrow().count(Status.PENDING)).isEqualTo(2);
    // scale-in gives up the machines still booting before the healthy ones
    LocalGroup down = outside.scale("web", 2);
    assertThat(down.machines()).hasSize(2).allMatch(m -> m.status() == Status.HEALTHY);
    assertThatThrownBy(() -> outside.scale("web", 5))
        .isInstanceOf(ProviderException.class)
        .hasMessageContaining("outside the group's bounds (min 1, max 4)");
    assertThatThrownBy(() -> outside.scale("nope", 1))
        .hasMessageContaining("no group named `nope`");
  }

  @Test
  void killedMachinesFailAndAreReplacedAfterTheDelay() throws Exception {
    LocalCloud c = cloud(BOOT_2S);
    create(c, "web", 3);
    clock.advanceMillis(2000);
    List<String> killed = c.kill("web", Optional.empty(), 2);
    assertThat(killed).hasSize(2);
    LocalGroup g = c.group("web").orElseThrow();
    assertThat(g.count(Status.FAILED)).isEqualTo(2);
    assertThat(g.machines()).hasSize(3);
    clock.advanceMillis(500);
    g = c.group("web").orElseThrow();
    assertThat(g.machines()).hasSize(3).noneMatch(m -> killed.contains(m.id()));
    assertThat(g.count(Status.PENDING)).isEqualTo(2);
    String survivor =
        g.machines().stream()
            .filter(m -> m.status() == Status.HEALTHY)
            .findFirst()
            .orElseThrow()
            .id();
    assertThat(c.kill("web", Optional.of(survivor), 1)).containsExactly(survivor);
    assertThatThrownBy(() -> c.kill("web", Optional.of(survivor), 1))
        .hasMessageContaining("already failed");
    assertThatThrownBy(() -> c.kill("web", Optional.of("m-00000000"), 1))
        .hasMessageContaining("no machine");
  }

  @Test
  void sickMachinesStayUntilTerminatedThenAreReplaced() throws Exception {
    LocalCloud c = cloud(BOOT_2S);
    create(c, "web", 2);
    clock.advanceMillis(2000);
    java.time.Instant turned = clock.instant();
    String sick = c.sick("web", Optional.empty());
    clock.advance(Duration.ofMinutes(5));
    LocalGroup g = c.group("web").orElseThrow();
    assertThat(g.machine(sick).orElseThrow().status()).isEqualTo(Status.UNHEALTHY);
    assertThat(g.machine(sick).orElseThrow().observed().state().name()).isEqualTo("UNHEALTHY");
    // The SPI says when it turned unhealthy, so a health block's grace counts from then.
    assertThat(g.machine(sick).orElseThrow().observed().unhealthySince()).contains(turned);

    // a repair: terminate without decrementing desired -> a replacement is launched at once
    assertThat(c.terminate("web", List.of(sick), false)).containsExactly(sick);
    g = c.group("web").orElseThrow();
    assertThat(g.desired()).isEqualTo(2);
    assertThat(g.machines()).hasSize(2).noneMatch(m -> m.id().equals(sick));
    assertThat(g.count(Status.PENDING)).isEqualTo(1);
    // a retried terminate of a machine already gone is harmless
    assertThat(c.terminate("web", List.of(sick), false)).isEmpty();
  }

  @Test
  void terminateWithDecrementShrinksTheGroup() throws Exception {
    LocalCloud c = cloud(BOOT_2S);
    c.create("web", "t", 2, 5, OptionalLong.of(3), "h1", machine("img"), tags("pool.web", "L"));
    String id = c.group("web").orElseThrow().machines().get(0).id();
    c.terminate("web", List.of(id), true);
    LocalGroup g = c.group("web").orElseThrow();
    assertThat(g.desired()).isEqualTo(2);
    assertThat(g.machines()).hasSize(2);
  }

  @Test
  void newModelOnlyAffectsNewLaunchesAndScaleInRetiresOutdatedFirst() throws Exception {
    LocalCloud c = cloud(BOOT_2S);
    create(c, "web", 2);
    clock.advanceMillis(2000);
    LocalGroup g =
        c.setModel("web", "h2", machine("img-2"), Map.of(LocalGroup.SPEC_HASH_TAG, "h2"));
    assertThat(g.model().version()).isEqualTo(2);
    assertThat(g.tags()).containsEntry(LocalGroup.SPEC_HASH_TAG, "h2");
    assertThat(g.machines()).allMatch(m -> m.specHash().equals("h1"));
    // surge: new machines come from the new model
    g = c.setCapacity("web", 0, 10, OptionalLong.of(4));
    assertThat(g.machines().stream().filter(m -> m.specHash().equals("h2")).count()).isEqualTo(2);
    clock.advanceMillis(2000);
    g = c.setCapacity("web", 0, 10, OptionalLong.of(2));
    assertThat(g.machines()).hasSize(2).allMatch(m -> m.specHash().equals("h2"));
    assertThat(g.model().machine().string("image")).contains("img-2");
    // the same model again is no new version
    assertThat(c.setModel("web", "h2", machine("img-2"), Map.of()).model().version()).isEqualTo(2);
  }

  @Test
  void capacityOutsideBoundsWidensThemAndExternalDesiredIsKept() throws Exception {
    LocalCloud c = cloud(BOOT_2S);
    c.create("web", "t", 1, 3, OptionalLong.of(3), "h1", machine("img"), tags("pool.web", "L"));
    LocalGroup g = c.setCapacity("web", 1, 3, OptionalLong.of(4));
    assertThat(List.of(g.min(), g.max(), g.desired())).containsExactly(1L, 4L, 4L);
    g = c.setCapacity("web", 2, 6, OptionalLong.empty());
    assertThat(List.of(g.min(), g.max(), g.desired())).containsExactly(2L, 6L, 4L);
    g = c.setCapacity("web", 1, 2, OptionalLong.empty());
    assertThat(g.desired()).isEqualTo(2);
    assertThat(g.machines()).hasSize(2);
    assertThatThrownBy(() -> c.setCapacity("web", 3, 2, OptionalLong.empty()))
        .hasMessageContaining("valid range");
  }

  @Test
  void filesAreOnePerGroupAtomicAndRoundTrip() throws Exception {
    LocalCloud c = cloud(BOOT_2S);
    create(c, "web", 2, "a", "b");
    create(c, "api", 1);
    Path dir = ws.resolve(".poolform/local/dev");
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString()).sorted().toList())
          .containsExactly(".lock", "api.json", "web.json");
    }
    String text = Files.readString(dir.resolve("web.json"));
    assertThat(text).endsWith("}\n").contains("\"poolform:address\" : \"pool.web\"");
    LocalGroup decoded = GroupCodec.decode(text);
    assertThat(decoded).isEqualTo(c.group("web").orElseThrow());
    assertThat(GroupCodec.encode(decoded)).isEqualTo(text);
    assertThat(LocalCloud.clouds(ws)).containsExactly("dev");
    assertThat(c.delete("web")).isTrue();
    assertThat(c.delete("web")).isFalse();
    assertThat(c.groups()).extracting(LocalGroup::name).containsExactly("api");
  }

  @Test
  void aCorruptGroupFileIsAClearError() throws Exception {
    LocalCloud c = cloud(BOOT_2S);
    create(c, "web", 1);
    Files.writeString(ws.resolve(".poolform/local/dev/web.json"), "{\"format\": 1, \"name\": ");
    assertThatThrownBy(() -> c.group("web"))
        .isInstanceOf(ProviderException.class)
        .hasMessageContaining("web.json is not a valid group file");
  }

  @Test
  void readsOfAnUnknownCloudCreateNothing() throws Exception {
    LocalCloud c = cloud(BOOT_2S);
    assertThat(c.groups()).isEmpty();
    assertThat(c.group("web")).isEmpty();
    assertThat(Files.exists(ws.resolve(".poolform"))).isFalse();
  }

  @Test
  void concurrentChangesFromManyHandlesLoseNothing() throws Exception {
    create(cloud(BOOT_2S), "web", 10);
    ExecutorService pool = Executors.newFixedThreadPool(8);
    List<Future<List<String>>> kills = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      LocalCloud handle = new LocalCloud(ws, "dev", clock, Optional.empty());
      kills.add(pool.submit(() -> handle.kill("web", Optional.empty(), 1)));
    }
    List<String> killed = new ArrayList<>();
    for (Future<List<String>> f : kills) killed.addAll(f.get());
    pool.shutdown();
    assertThat(killed).doesNotHaveDuplicates().hasSize(8);
    assertThat(cloud(BOOT_2S).group("web").orElseThrow().count(Status.FAILED)).isEqualTo(8);
  }
}
