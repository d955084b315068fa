package dev.poolform.provider.aws.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.poolform.compiler.Compilation;
import dev.poolform.compiler.CompileOptions;
import dev.poolform.compiler.Compiler;
import dev.poolform.ir.IrConfig;
import dev.poolform.provider.aws.AwsProvider;
import dev.poolform.provider.aws.connect.ClientOptions;
import dev.poolform.runtime.ApplyResult;
import dev.poolform.runtime.PlanResult;
import dev.poolform.runtime.Workspace;
import dev.poolform.runtime.WorkspaceOptions;
import dev.poolform.runtime.engine.ApplyOptions;
import dev.poolform.runtime.event.ApplyListener;
import dev.poolform.testing.moto.CallCounter;
import dev.poolform.testing.moto.MotoExtension;
import dev.poolform.testing.moto.MotoServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Plan and apply of 1,000 pools against moto through the runtime facade: wall time and SDK calls.
 * Run with {@code mvn -o -pl providers/aws -am verify -Dpoolform.bench=true
 * -Dtest=ThousandPoolsBenchmark -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@ExtendWith(MotoExtension.class)
@EnabledIfSystemProperty(named = "poolform.bench", matches = "true")
class ThousandPoolsBenchmark {
  @TempDir Path dir;

  @Test
  void planAndApply(MotoServer moto) throws Exception {
    int n = Integer.getInteger("poolform.bench.pools", 1000);
    StringBuilder src =
        new StringBuilder(
            "cloud aws bench {\n  region = \"us-east-1\"\n  endpoint = \""
                + moto.endpoint()
                + "\"\n}\n\n");
    for (int i = 0; i < n; i++) {
      src.append(
          String.format(
              "pool \"b%04d\" on bench {%n  capacity { min = 0  max = 2  desired = 1 }%n"
                  + "  machine {%n    size = \"t3.micro\"%n    image = \"ami-0aaaaaaaaaaaaaaaa\"%n"
                  + "    zones = [\"us-east-1a\"]%n  }%n}%n",
              i));
    }
    Files.writeString(dir.resolve("bench.pool"), src);
    Compilation c =
        Compiler.compile(new CompileOptions(dir.resolve("bench.pool"), Optional.of(dir), Map.of()));
    assertThat(c.hasErrors()).as("%s", c.diagnostics()).isFalse();
    IrConfig ir = c.ir().orElseThrow();

    System.setProperty("aws.accessKeyId", "testing");
    System.setProperty("aws.secretAccessKey", "testing");
    CallCounter calls = new CallCounter();
    WorkspaceOptions base = WorkspaceOptions.of(dir);
    WorkspaceOptions o =
        base.withProviders(
            base.providers().with(new AwsProvider(ClientOptions.DEFAULT.withInterceptor(calls))));
    Workspace w =
        Workspace.open(
            new WorkspaceOptions(
                o.directory(), o.statePath(), Map.of(), o.clock(), o.sleeper(), o.providers()));
    ApplyOptions opts = ApplyOptions.defaults().withPollInterval(Duration.ofMillis(200));

    long t0 = System.nanoTime();
    PlanResult first = w.plan(ir);
    long planEmptyMs = (System.nanoTime() - t0) / 1_000_000;
    int planEmptyCalls = calls.total();

    calls.reset();
    t0 = System.nanoTime();
    ApplyResult applied = w.apply(ir, opts, ApplyListener.NONE);
    long applyMs = (System.nanoTime() - t0) / 1_000_000;
    int applyCalls = calls.total();
    Map<String, Integer> applyBy = calls.byOperation();
    assertThat(applied.ok()).as("%s", applied.problems()).isTrue();

    calls.reset();
    t0 = System.nanoTime();
    PlanResult again = w.plan(ir);
    long planMs = (System.nanoTime() - t0) / 1_000_000;
    int planCalls = calls.total();
    Map<String, Integer> planBy = calls.byOperation();
    assertThat(again.plan().orElseThrow().hasChanges()).isFalse();

    String report =
        String.format(
            "pools=%d%nplan (nothing applied yet): %d ms, %d calls%napply (parallelism 10): %d ms, %d calls %s%n"
                + "plan after apply (no changes): %d ms, %d calls %s%n",
            n,
            planEmptyMs,
            planEmptyCalls,
            applyMs,
            applyCalls,
            applyBy,
            planMs,
            planCalls,
            planBy);
    System.out.print(report);
    Files.writeString(Path.of("target/bench-aws.txt"), report);
    assertThat(first.ok()).isTrue();
    // Issue 11's budget for the no-change plan of 1,000 pools (15 since the account comes from the
    // groups' ARNs and unused templates are looked up only when the version scan shows one).
    assertThat(planCalls).as("%s", planBy).isLessThanOrEqualTo(16);
  }
}
