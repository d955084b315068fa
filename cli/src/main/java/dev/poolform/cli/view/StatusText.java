package dev.poolform.cli.view;

import dev.poolform.runtime.observe.FleetStatus;
import dev.poolform.runtime.observe.MachineCounts;
import dev.poolform.runtime.observe.PoolStatus;
import dev.poolform.runtime.observe.RolloutState;
import dev.poolform.runtime.provider.CloudEvent;
import java.time.temporal.ChronoUnit;
import java.util.List;

/** {@code pool status} as text: a block per pool, then one summary line. */
public final class StatusText {
  private StatusText() {}

  public static String render(FleetStatus s, Paint paint) {
    StringBuilder b = new StringBuilder();
    for (PoolStatus p : s.pools()) pool(b, p, paint);
    b.append(summary(s)).append('\n');
    return b.toString();
  }

  private static void pool(StringBuilder b, PoolStatus p, Paint paint) {
    String mark =
        !p.healthy()
            ? paint.red("unhealthy")
            : p.current() ? paint.green("ok") : paint.yellow("not current");
    b.append(paint.bold(p.address()))
        .append("  ")
        .append(p.cloud())
        .append(groupText(p))
        .append("  [")
        .append(mark)
        .append("]\n");
    b.append("  machines: ").append(machines(p)).append('\n');
    if (!p.launchesCurrentSpec() && p.group().isPresent()) {
      b.append("  launches: an older machine spec (apply rolls the new one out)\n");
    }
    p.rollout().ifPresent(r -> b.append("  rollout:  ").append(rollout(r)).append('\n'));
    lines(b, "health:  ", p.health());
    lines(b, "drift:   ", p.drift());
    lines(b, "owed:    ", p.owed());
    for (CloudEvent e : p.events()) {
      b.append("  cloud:    ").append(event(e)).append('\n');
    }
    if (!p.action().equals("noop") || !p.reasons().isEmpty()) {
      b.append("  apply would: ").append(p.action());
      if (!p.reasons().isEmpty()) b.append(" (").append(String.join("; ", p.reasons())).append(')');
      b.append('\n');
    }
    b.append('\n');
  }

  /**
   * The pool's group: the cloud's id; one the state records but the cloud no longer has, said to be
   * missing as a plan shows that drift (not "no group yet", which is for a pool never applied).
   */
  static String groupText(PoolStatus p) {
    if (p.group().isPresent()) return "  group " + p.group().get();
    return p.missingGroup()
        .map(g -> "  group " + g + " missing (deleted outside Poolform; apply creates it again)")
        .orElse("  no group yet");
  }

  static String machines(PoolStatus p) {
    StringBuilder b = new StringBuilder();
    b.append(p.desired()).append(" desired, ").append(p.instances()).append(" in the group");
    if (p.machines().isPresent()) {
      MachineCounts m = p.machines().get();
      b.append(", ")
          .append(m.ready())
          .append(" ready, ")
          .append(m.booting())
          .append(" booting, ")
          .append(m.unhealthy())
          .append(" unhealthy; ")
          .append(m.updated())
          .append(" on the current spec, ")
          .append(m.outdated())
          .append(" older");
    }
    return b.toString();
  }

  static String rollout(RolloutState r) {
    String who = r.engine().equals("cloud") ? "the cloud's" : "Poolform's";
    String s = who + ", " + r.percent() + "% (" + r.phase().replace('_', ' ') + ")";
    return r.message().isEmpty() ? s : s + ": " + r.message();
  }

  /** E.g. "2026-12-05T13:05:12Z Successful: Launching a new EC2 instance: i-0a1 (why)". */
  static String event(CloudEvent e) {
    String s = e.time().truncatedTo(ChronoUnit.SECONDS) + " " + e.status() + ": " + e.description();
    return e.cause().isEmpty() ? s : s + " (" + e.cause() + ")";
  }

  private static void lines(StringBuilder b, String label, List<String> items) {
    for (String i : items) b.append("  ").append(label).append(' ').append(i).append('\n');
  }

  /** E.g. "3 pools: 2 ok, 1 unhealthy, 0 not current." */
  public static String summary(FleetStatus s) {
    long unhealthy = s.pools().stream().filter(p -> !p.healthy()).count();
    long notCurrent = s.pools().stream().filter(p -> p.healthy() && !p.current()).count();
    long ok = s.pools().size() - unhealthy - notCurrent;
    return s.pools().size()
        + (s.pools().size() == 1 ? " pool: " : " pools: ")
        + ok
        + " ok, "
        + unhealthy
        + " unhealthy, "
        + notCurrent
        + " not current.";
  }
}
