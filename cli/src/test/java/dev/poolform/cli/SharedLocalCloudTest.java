package dev.poolform.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two clones of a team's repository on one machine share the state (here copied, as git would bring
 * it), and with {@code POOLFORM_LOCAL_CLOUD} naming one folder they share the simulated cloud as
 * well: the second clone sees the first one's machines instead of a deleted group.
 */
class SharedLocalCloudTest {
  @TempDir Path dir;

  CliRun pool(Path clone, Map<String, String> env, String... args) {
    CliRun r = CliRun.run(clone, env, "", args);
    assertThat(r.hasStackTrace()).as(r.out() + r.err()).isFalse();
    return r;
  }

  @Test
  void clonesNamingOneFolderShareTheSimulatedCloud() throws Exception {
    Path a = Files.createDirectories(dir.resolve("a"));
    Path b = Files.createDirectories(dir.resolve("b"));
    Files.writeString(a.resolve("main.pool"), RoughEdgesTest.ONE);
    Files.writeString(b.resolve("main.pool"), RoughEdgesTest.ONE);
    Map<String, String> shared = new HashMap<>(RoughEdgesTest.ENV);
    shared.put("POOLFORM_LOCAL_CLOUD", dir.resolve("cloud").toString());

    assertThat(pool(a, shared, "apply", "--auto-approve").status()).isZero();
    assertThat(dir.resolve("cloud/default/web.json")).exists();
    assertThat(a.resolve(".poolform/local")).doesNotExist();
    Files.copy(a.resolve("pool.state.json"), b.resolve("pool.state.json"));

    CliRun plan = pool(b, shared, "plan", "--detailed-exitcode");
    assertThat(plan.status()).as(plan.out() + plan.err()).isZero();
    assertThat(plan.out()).contains("No changes.");
    CliRun list = pool(b, shared, "local", "list");
    assertThat(list.out()).contains("web (region default, pool.web)");

    // Without it, the second clone has a simulated cloud of its own, where the group is missing.
    CliRun alone = pool(b, RoughEdgesTest.ENV, "plan", "--detailed-exitcode");
    assertThat(alone.status()).isEqualTo(2);
    assertThat(alone.out()).contains("pool.web");
  }
}
