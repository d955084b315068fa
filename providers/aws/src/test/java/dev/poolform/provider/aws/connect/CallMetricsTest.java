package dev.poolform.provider.aws.connect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.poolform.provider.aws.AwsProvider;
import dev.poolform.provider.aws.harness.AwsPools;
import dev.poolform.provider.aws.harness.Sessions;
import dev.poolform.runtime.provider.CapacityRequest;
import dev.poolform.runtime.provider.CloudCalls.Outcome;
import dev.poolform.runtime.provider.CloudSession;
import dev.poolform.runtime.provider.CloudTarget;
import dev.poolform.runtime.provider.GroupRef;
import dev.poolform.runtime.provider.ProviderContext;
import dev.poolform.testing.moto.CallCounter;
import dev.poolform.testing.moto.FaultProxy;
import dev.poolform.testing.moto.FaultProxy.Fault;
import dev.poolform.testing.moto.MotoExtension;
import dev.poolform.testing.moto.MotoServer;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The requests {@code --metrics} counts are the ones the cloud saw: through a proxy in front of
 * moto that throttles (AWS's {@code Throttling}, HTTP 400), fails with 500 and drops connections on
 * a share of them, every attempt is reported once, by operation, with each throttle the proxy made
 * counted as a throttle and each other fault as an error.
 */
@ExtendWith(MotoExtension.class)
class CallMetricsTest {
  /** What a provider reported: outcome counts by "operation outcome". */
  static final class Recorded implements dev.poolform.runtime.provider.CloudCalls {
    final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();
    final Map<String, AtomicInteger> byCloud = new ConcurrentHashMap<>();

    @Override
    public void completed(String cloud, String operation, Outcome outcome) {
      counts.computeIfAbsent(operation + " " + outcome, k -> new AtomicInteger()).incrementAndGet();
      byCloud.computeIfAbsent(cloud, k -> new AtomicInteger()).incrementAndGet();
    }

    int of(Outcome o) {
      return counts.entrySet().stream()
          .filter(e -> e.getKey().endsWith(" " + o))
          .mapToInt(e -> e.getValue().get())
          .sum();
    }

    int total() {
      return counts.values().stream().mapToInt(AtomicInteger::get).sum();
    }
  }

  @Test
  void everyAttemptIsCountedWithItsOutcome(MotoServer moto) throws Exception {
    String lineage = "metered";
    Recorded recorded = new Recorded();
    CallCounter attempts = new CallCounter();
    try (FaultProxy proxy = new FaultProxy(moto.endpoint(), 0.0, 11);
        CloudSession s =
            new AwsProvider(Sessions.options(attempts))
                .connect(
                    new CloudTarget(AwsPools.cloud(proxy.endpoint().toString()), lineage),
                    new ProviderContext(Path.of("."), Map.of(), Clock.systemUTC(), recorded))) {
      GroupRef ref =
          s.create(
              AwsPools.spec(
                  AwsPools.pool("m0", AwsPools.machine(AwsPools.IMAGE_A, "t3.micro"), 0), lineage),
              CapacityRequest.of(0, 2, 0),
              "tok-m0");
      assertThat(recorded.counts).containsKey("CreateAutoScalingGroup OK");
      assertThat(recorded.byCloud.keySet()).containsExactly("aws.main");

      proxy.setFaultShare(0.4);
      for (int i = 0; i < 15; i++) {
        s.read(List.of(ref));
        s.findOwned(lineage);
      }
      Map<Fault, Integer> made = proxy.counts();
      assertThat(made.get(Fault.THROTTLE)).as("the proxy throttled some").isPositive();
      assertThat(recorded.of(Outcome.THROTTLED)).isEqualTo(made.get(Fault.THROTTLE));
      // Errors: those the proxy made, and any error moto itself answered (forwarded as NONE).
      assertThat(recorded.of(Outcome.ERROR))
          .isGreaterThanOrEqualTo(
              made.get(Fault.SERVER_ERROR)
                  + made.get(Fault.DROP_BEFORE)
                  + made.get(Fault.DROP_AFTER));
      assertThat(recorded.total())
          .as("every request the proxy saw: %s", made)
          .isEqualTo(made.values().stream().mapToInt(Integer::intValue).sum())
          .isEqualTo(attempts.attempts());
      assertThat(recorded.counts.keySet())
          .anyMatch(k -> k.startsWith("DescribeAutoScalingGroups "));
    }
  }
}
