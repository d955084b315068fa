package dev.poolform.cli.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.poolform.runtime.provider.CloudCalls.Outcome;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The series {@code --metrics} serves: cloud request counters, and what an apply serves. */
class FleetMetricsTest {
  private static double count(MetricSnapshots all, String name, String cloud, String operation) {
    for (MetricSnapshot s : all) {
      if (!s.getMetadata().getName().equals(name)) continue;
      for (CounterSnapshot.CounterDataPointSnapshot p : ((CounterSnapshot) s).getDataPoints()) {
        if (p.getLabels().get("cloud").equals(cloud)
            && p.getLabels().get("operation").equals(operation)) {
          return p.getValue();
        }
      }
    }
    return 0;
  }

  @Test
  void requestsThrottlesAndErrorsAreCountedByCloudAndOperation() {
    FleetMetrics m = FleetMetrics.forWatch();
    m.completed("aws.prod", "DescribeAutoScalingGroups", Outcome.OK);
    m.completed("aws.prod", "DescribeAutoScalingGroups", Outcome.THROTTLED);
    m.completed("aws.prod", "DescribeAutoScalingGroups", Outcome.OK);
    m.completed("azure.west", "GET virtualMachineScaleSets/*", Outcome.ERROR);
    MetricSnapshots s = m.registry().scrape();
    assertThat(count(s, "poolform_cloud_requests", "aws.prod", "DescribeAutoScalingGroups"))
        .isEqualTo(3);
    assertThat(
            count(s, "poolform_cloud_throttled_requests", "aws.prod", "DescribeAutoScalingGroups"))
        .isEqualTo(1);
    assertThat(count(s, "poolform_cloud_request_errors", "aws.prod", "DescribeAutoScalingGroups"))
        .isZero();
    assertThat(
            count(
                s, "poolform_cloud_request_errors", "azure.west", "GET virtualMachineScaleSets/*"))
        .isEqualTo(1);
  }

  @Test
  void anApplyServesNoSeriesOfAWatchsRefreshes() {
    List<String> apply =
        FleetMetrics.forApply().registry().scrape().stream()
            .map(s -> s.getMetadata().getName())
            .toList();
    assertThat(apply)
        .contains(
            "poolform_apply_duration_seconds",
            "poolform_pool_step_duration_seconds",
            "poolform_machines_retired",
            "poolform_cloud_requests")
        .doesNotContain(
            "poolform_pool_desired_machines",
            "poolform_last_reconcile_timestamp_seconds",
            "poolform_refresh_duration_seconds");
    List<String> watch =
        FleetMetrics.forWatch().registry().scrape().stream()
            .map(s -> s.getMetadata().getName())
            .toList();
    assertThat(watch).containsAll(apply).contains("poolform_last_reconcile_timestamp_seconds");
  }
}
