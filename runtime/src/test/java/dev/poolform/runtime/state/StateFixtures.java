package dev.poolform.runtime.state;

import dev.poolform.ir.IrConfig;
import dev.poolform.ir.IrPool;
import dev.poolform.ir.json.ValueJson;
import dev.poolform.runtime.provider.GroupRef;
import dev.poolform.runtime.secret.KeySources;
import dev.poolform.runtime.secret.Sealer;
import dev.poolform.runtime.spec.PoolSpecs;
import dev.poolform.runtime.testing.Harness;
import dev.poolform.testing.fixtures.Pools;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

final class StateFixtures {
  private StateFixtures() {}

  static final String LINEAGE = "11111111-2222-3333-4444-555555555555";

  static ResourceState resource(IrPool p) {
    return new ResourceState(
        p.address(),
        new StateCloud(p.cloud().kind(), p.cloud().name(), ValueJson.toJson(p.cloud().settings())),
        new GroupRef(p.address(), p.name(), "sim-" + p.name()),
        PoolSpecs.specOf(p),
        PoolSpecs.machineHash(p),
        new ObservedState(0, 10, 2, Optional.of(PoolSpecs.machineHash(p)), 2),
        Optional.empty());
  }

  /** The pool with its secrets sealed as a run with the harness's key would. */
  static IrPool sealed(IrPool p) {
    try {
      return Sealer.seal(
              new IrConfig(1, List.of(p)),
              State.empty(),
              KeySources.standard(Map.of(KeySources.ENV, Harness.KEY)))
          .config()
          .pools()
          .get(0);
    } catch (StateException e) {
      throw new AssertionError(e);
    }
  }

  static State sample() {
    IrPool web =
        sealed(
            Pools.pool("web")
                .userData("#cloud-config\npassword: hunter2\n")
                .label("team", "core")
                .build());
    IrPool db = Pools.pool("db").capacity(1, 3, 1).build();
    State s = new State(StateCodec.FORMAT_VERSION, 4, LINEAGE, "test", new TreeMap<>(), List.of());
    s =
        s.withResource(resource(web))
            .withResource(
                resource(db)
                    .withRollout(
                        Optional.of(
                            new RolloutProgress(
                                "sha256:a",
                                "sha256:b",
                                Instant.parse("2026-01-01T00:00:00Z"),
                                "poolform",
                                Optional.empty(),
                                1,
                                false))));
    IrPool gone = Pools.pool("handoff").build();
    return s.withPending(
            new PendingIntent(
                "create", "pool.new", "tok-1", "new", Instant.parse("2026-01-01T00:00:01Z")))
        .withConfiguration("web.pool")
        .withReleased(
            new ReleasedGroup(
                gone.address(),
                resource(gone).cloud(),
                resource(gone).group(),
                Instant.parse("2026-01-02T00:00:00Z"),
                false));
  }
}
