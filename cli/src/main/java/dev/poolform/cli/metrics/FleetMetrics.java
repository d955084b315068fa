package dev.poolform.cli.metrics;

import dev.poolform.runtime.engine.Problem;
import dev.poolform.runtime.event.ApplyEvent;
import dev.poolform.runtime.event.ApplyListener;
import dev.poolform.runtime.observe.FleetStatus;
import dev.poolform.runtime.observe.MachineCounts;
import dev.poolform.runtime.observe.PoolStatus;
import dev.poolform.runtime.provider.CloudCalls;
import dev.poolform.runtime.watch.WatchEvent;
import dev.poolform.runtime.watch.WatchListener;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.Collector;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Unit;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The series Poolform exports. Per pool (labels {@code pool}, {@code cloud}) gauges of machines and
 * conditions, refreshed by every watch interval; counters and histograms of refreshes, applies and
 * pool steps. A pool that leaves the configuration and the state loses its series.
 */
public final class FleetMetrics implements WatchListener, CloudCalls {
  private static final double[] STEP_BUCKETS = {1, 5, 15, 30, 60, 120, 300, 600, 1800, 3600};
  private static final double[] REFRESH_BUCKETS = {0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60};

  /** Every series, for {@code pool watch}. */
  private final PrometheusRegistry registry = new PrometheusRegistry();

  /**
   * What an apply makes (its duration, steps, machines retired, cloud requests), for {@code pool
   * apply --metrics}: no pool gauge or reconcile time there that would read as zero.
   */
  private final PrometheusRegistry applyRegistry = new PrometheusRegistry();

  private final boolean watch;
  private final Gauge desired =
      poolGauge(
          "poolform_pool_desired_machines",
          "Machines the pool's group wants (the cloud's desired capacity).");
  private final Gauge instances =
      poolGauge("poolform_pool_machines", "Machines in the pool's group, in any state.");
  private final Gauge ready =
      poolGauge(
          "poolform_pool_ready_machines",
          "Healthy machines (pools whose machines are read: those with a health block).");
  private final Gauge unhealthy =
      poolGauge(
          "poolform_pool_unhealthy_machines",
          "Unhealthy or failed machines (pools with a health block).");
  private final Gauge outdated =
      poolGauge(
          "poolform_pool_outdated_machines",
          "Machines on an older machine spec than the configured one (pools with a health block).");
  private final Gauge drifted =
      poolGauge("poolform_pool_drifted", "1 when the pool was changed outside Poolform, else 0.");
  private final Gauge healthy =
      poolGauge("poolform_pool_healthy", "1 when the pool has no health problem, else 0.");
  private final Gauge pending =
      poolGauge(
          "poolform_pool_changes_pending",
          "1 when apply would change the pool (or owes it work), else 0.");
  private final Gauge rollout =
      poolGauge(
          "poolform_pool_rollout_progress_ratio",
          "Progress of a rollout in progress, 0 to 1; absent when none runs.");
  private final Gauge lastReconcile =
      watchOnly(
          Gauge.builder()
              .name("poolform_last_reconcile_timestamp_seconds")
              .help("When the fleet was last read successfully (Unix time).")
              .unit(Unit.SECONDS)
              .build());
  private final Counter refreshFailures =
      watchOnly(
          Counter.builder()
              .name("poolform_refresh_failures")
              .help("Refreshes that could not read a cloud or the state.")
              .build());
  private final Histogram refreshDuration =
      watchOnly(
          Histogram.builder()
              .name("poolform_refresh_duration_seconds")
              .help("How long one refresh of every cloud took.")
              .unit(Unit.SECONDS)
              .classicOnly()
              .classicUpperBounds(REFRESH_BUCKETS)
              .build());
  private final Histogram applyDuration =
      Histogram.builder()
          .name("poolform_apply_duration_seconds")
          .help("How long an apply (of pool apply, or of the watch) took, by outcome (ok, failed).")
          .unit(Unit.SECONDS)
          .labelNames("outcome")
          .classicOnly()
          .classicUpperBounds(STEP_BUCKETS)
          .register(registry);
  private final Histogram stepDuration =
      Histogram.builder()
          .name("poolform_pool_step_duration_seconds")
          .help(
              "How long one pool's change took in an apply, by action and outcome (ok, failed,"
                  + " interrupted).")
          .unit(Unit.SECONDS)
          .labelNames("action", "outcome")
          .classicOnly()
          .classicUpperBounds(STEP_BUCKETS)
          .register(registry);
  private final Counter events =
      watchOnly(
          Counter.builder()
              .name("poolform_watch_events")
              .help("Events pool watch raised, by type (docs/operate.md#events).")
              .labelNames("type")
              .build());
  private final Counter machinesRetired =
      Counter.builder()
          .name("poolform_machines_retired")
          .help("Machines Poolform terminated, by why (rollout, repair, failed).")
          .labelNames("why")
          .register(registry);

  private final Counter requests =
      cloudCounter(
          "poolform_cloud_requests",
          "Requests to a cloud's API, each attempt counted, by cloud and operation.");
  private final Counter throttled =
      cloudCounter(
          "poolform_cloud_throttled_requests",
          "Requests a cloud refused for its rate (throttled), by cloud and operation.");
  private final Counter failed =
      cloudCounter(
          "poolform_cloud_request_errors",
          "Requests a cloud answered with another error, or did not answer, by cloud and operation.");

  private final Map<String, String> shown = new HashMap<>();

  private FleetMetrics(boolean watch) {
    this.watch = watch;
    for (Collector c :
        List.<Collector>of(
            applyDuration, stepDuration, machinesRetired, requests, throttled, failed)) {
      applyRegistry.register(c);
    }
  }

  /** Every series: a watch's refreshes, its applies and the clouds' requests. */
  public static FleetMetrics forWatch() {
    return new FleetMetrics(true);
  }

  /** What one apply makes: its duration, its steps, machines retired, the clouds' requests. */
  public static FleetMetrics forApply() {
    return new FleetMetrics(false);
  }

  private final Map<String, Instant> started = new ConcurrentHashMap<>();

  public PrometheusRegistry registry() {
    return watch ? registry : applyRegistry;
  }

  private Counter cloudCounter(String name, String help) {
    return Counter.builder()
        .name(name)
        .help(help)
        .labelNames("cloud", "operation")
        .register(registry);
  }

  @Override
  public void completed(String cloud, String operation, Outcome outcome) {
    requests.labelValues(cloud, operation).inc();
    switch (outcome) {
      case THROTTLED -> throttled.labelValues(cloud, operation).inc();
      case ERROR -> failed.labelValues(cloud, operation).inc();
      case OK -> {}
    }
  }

  private Gauge poolGauge(String name, String help) {
    return watchOnly(Gauge.builder().name(name).help(help).labelNames("pool", "cloud").build());
  }

  private <T extends Collector> T watchOnly(T metric) {
    registry.register(metric);
    return metric;
  }

  private List<Gauge> poolGauges() {
    return List.of(
        desired, instances, ready, unhealthy, outdated, drifted, healthy, pending, rollout);
  }

  @Override
  public void on(WatchEvent event) {
    events.labelValues(event.kind().text()).inc();
  }

  @Override
  public synchronized void observed(FleetStatus s, Duration took) {
    refreshDuration.observe(took.toNanos() / 1e9);
    lastReconcile.set(s.at().toEpochMilli() / 1000.0);
    Set<String> now = new HashSet<>();
    for (PoolStatus p : s.pools()) {
      now.add(p.address());
      String cloud = shown.put(p.address(), p.cloud());
      if (cloud != null && !cloud.equals(p.cloud())) forget(p.address(), cloud);
      String[] l = {p.address(), p.cloud()};
      desired.labelValues(l).set((double) p.desired());
      instances.labelValues(l).set(p.instances());
      if (p.machines().isPresent()) {
        MachineCounts m = p.machines().get();
        ready.labelValues(l).set(m.ready());
        unhealthy.labelValues(l).set(m.unhealthy());
        outdated.labelValues(l).set(m.outdated());
      } else {
        ready.remove(l);
        unhealthy.remove(l);
        outdated.remove(l);
      }
      drifted.labelValues(l).set(p.drift().isEmpty() ? 0 : 1);
      healthy.labelValues(l).set(p.healthy() ? 1 : 0);
      pending.labelValues(l).set(p.action().equals("noop") && p.owed().isEmpty() ? 0 : 1);
      if (p.rollout().isPresent()) rollout.labelValues(l).set(p.rollout().get().percent() / 100.0);
      else rollout.remove(l);
    }
    for (String gone : new HashSet<>(shown.keySet())) {
      if (!now.contains(gone)) forget(gone, shown.remove(gone));
    }
  }

  private void forget(String address, String cloud) {
    for (Gauge g : poolGauges()) g.remove(address, cloud);
  }

  @Override
  public void refreshFailed(List<Problem> problems) {
    refreshFailures.inc();
  }

  @Override
  public void applied(boolean ok, Duration took) {
    applyDuration.labelValues(ok ? "ok" : "failed").observe(took.toNanos() / 1e9);
  }

  /** Step durations and retired machines from an apply's events. */
  @Override
  public ApplyListener steps() {
    return e -> {
      if (e instanceof ApplyEvent.PoolStarted s) {
        started.put(s.address(), s.at());
      } else if (e instanceof ApplyEvent.PoolFinished f) {
        step(f.address(), f.action(), "ok", f.at());
      } else if (e instanceof ApplyEvent.PoolFailed f) {
        step(f.address(), f.action(), "failed", f.at());
      } else if (e instanceof ApplyEvent.PoolInterrupted i) {
        step(i.address(), i.action(), "interrupted", i.at());
      } else if (e instanceof ApplyEvent.MachineRetired m) {
        machinesRetired.labelValues(m.why()).inc();
      }
    };
  }

  private void step(String address, String action, String outcome, Instant end) {
    Instant s = started.remove(address);
    if (s == null) return;
    stepDuration.labelValues(action, outcome).observe(Duration.between(s, end).toNanos() / 1e9);
  }
}
