package dev.poolform.runtime.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.poolform.runtime.state.PendingIntent;
import dev.poolform.runtime.state.State;
import dev.poolform.runtime.state.StateStore;
import dev.poolform.runtime.testing.FakeTime;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StatePersisterTest {
  @TempDir Path dir;

  @Test
  void concurrentUpdatesAreAllDurableAndGroupedIntoFewerWrites() throws Exception {
    StateStore store = new StateStore(dir.resolve("pool.state.json"), new FakeTime());
    State initial = store.read(Optional.empty());
    StatePersister p = new StatePersister(store, initial);
    ExecutorService pool = Executors.newFixedThreadPool(8);
    List<Future<?>> fs = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      int n = i;
      fs.add(
          pool.submit(
              () -> {
                p.update(
                    s ->
                        s.withPending(
                            new PendingIntent(
                                "create", "pool.p" + n, "t" + n, "p" + n, Instant.EPOCH)));
                // Once update returns, the change is on disk.
                State onDisk =
                    new StateStore(dir.resolve("pool.state.json"), new FakeTime())
                        .read(Optional.empty());
                assertThat(onDisk.pending()).anyMatch(x -> x.token().equals("t" + n));
                return null;
              }));
    }
    for (Future<?> f : fs) f.get();
    pool.shutdown();
    State last = store.read(Optional.empty());
    assertThat(last.pending()).hasSize(60);
    assertThat(last.serial()).isBetween(1L, 60L);
    assertThat(p.current().serial()).isEqualTo(last.serial());
  }
}
