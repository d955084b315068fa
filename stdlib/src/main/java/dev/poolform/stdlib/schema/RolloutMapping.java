package dev.poolform.stdlib.schema;

import dev.poolform.stdlib.value.Literals;
import java.util.ArrayList;
import java.util.List;

/**
 * How {@code rollout { engine = "cloud" }} maps the portable rollout onto each cloud's own
 * mechanism, and what it cannot do exactly (docs/language.md#engine--cloud).
 *
 * <p>AWS instance refresh: {@code MinHealthyPercentage = 100 - max_unavailable%}, {@code
 * MaxHealthyPercentage = 100 + max_surge%} (100..200), differing by at most 100; {@code min_ready}
 * is the instance warm-up, {@code auto_rollback} is AutoRollback.
 *
 * <p>Azure rolling upgrade: surge is a boolean ({@code maxSurge}: new machines first, a batch at a
 * time) and batches are {@code maxBatchInstancePercent} (5..100) of the scale set; {@code pause} is
 * pauseTimeBetweenBatches.
 *
 * <p>The local cloud simulates a cloud engine that honours every setting exactly.
 */
public final class RolloutMapping {
  private RolloutMapping() {}

  /** A count or a percentage (of desired capacity). */
  public record Amount(double value, boolean percent) {
    public static Amount count(long n) {
      return new Amount(n, false);
    }

    public static Amount percentOf(double p) {
      return new Amount(p, true);
    }

    String text() {
      return percent ? Literals.formatNumber(value) + "%" : Long.toString((long) value);
    }
  }

  /**
   * The portable rollout of one pool.
   *
   * @param base the machine count percentages are taken of: desired, or min when desired is
   *     external
   * @param externalDesired whether desired is owned by an autoscaler (counts then convert against
   *     min)
   */
  public record Request(
      Amount maxSurge,
      Amount maxUnavailable,
      long minReadyMillis,
      long pauseMillis,
      String deleteOrder,
      boolean autoRollback,
      long base,
      boolean externalDesired) {}

  /**
   * One finding about one rollout attribute.
   *
   * @param error true: the cloud cannot honour it (E0407); false: approximated (W0502)
   * @param attribute the rollout attribute it is about, e.g. {@code max_surge}
   * @param message one sentence, ending in a period
   */
  public record Finding(boolean error, String attribute, String message) {}

  /** AWS StartInstanceRefresh preferences. */
  public record AwsRefresh(
      int minHealthyPercentage,
      int maxHealthyPercentage,
      long instanceWarmupSeconds,
      long checkpointDelaySeconds,
      boolean autoRollback) {}

  /** Azure rolling upgrade policy. */
  public record AzureRolling(
      int maxBatchInstancePercent,
      boolean maxSurge,
      long pauseTimeBetweenBatchesSeconds,
      boolean rollbackFailedInstancesOnPolicyBreach) {}

  /** The mapping for one cloud kind: findings plus the settings the provider sends. */
  public record Result(List<Finding> findings, AwsRefresh aws, AzureRolling azure) {
    public Result {
      findings = List.copyOf(findings);
    }

    public boolean hasErrors() {
      return findings.stream().anyMatch(Finding::error);
    }
  }

  /** Maps a request for a cloud kind; unknown and {@code local} kinds map exactly. */
  public static Result map(String kind, Request r) {
    return switch (kind) {
      case "aws" -> aws(r);
      case "azure" -> azure(r);
      default -> new Result(List.of(), null, null);
    };
  }

  /** The amount as a percentage of the base, and whether that conversion is exact. */
  private static double percent(Amount a, long base) {
    if (a.percent()) return a.value();
    return a.value() * 100.0 / Math.max(1, base);
  }

  private static boolean integral(double d) {
    return Math.abs(d - Math.rint(d)) < 1e-9;
  }

  private static String pct(double d) {
    return Literals.formatNumber(Math.round(d * 100) / 100.0) + "%";
  }

  private static void countNote(
      List<Finding> out,
      String attr,
      Amount a,
      Request r,
      double asPercent,
      long used,
      String cloudWord) {
    if (a.value() == 0) return; // zero is zero whatever the base
    if (!a.percent() && r.externalDesired()) {
      out.add(
          new Finding(
              false,
              attr,
              "With `desired = external` "
                  + cloudWord
                  + " sees only percentages, so `"
                  + attr
                  + " = "
                  + a.text()
                  + "` is converted against `min` ("
                  + r.base()
                  + "): "
                  + used
                  + "%."));
    } else if (!integral(asPercent)) {
      out.add(
          new Finding(
              false,
              attr,
              cloudWord
                  + " takes whole percentages, so `"
                  + attr
                  + " = "
                  + a.text()
                  + "` ("
                  + pct(asPercent)
                  + " of "
                  + r.base()
                  + " machines) becomes "
                  + used
                  + "%."));
    }
  }

  private static Result aws(Request r) {
    List<Finding> out = new ArrayList<>();
    double surge = percent(r.maxSurge(), r.base());
    double unavail = percent(r.maxUnavailable(), r.base());
    long surgeUsed = (long) Math.ceil(surge - 1e-9);
    long unavailUsed = (long) Math.floor(unavail + 1e-9);
    countNote(
        out, "max_surge", r.maxSurge(), r, surge, Math.min(100, surgeUsed), "AWS instance refresh");
    countNote(
        out,
        "max_unavailable",
        r.maxUnavailable(),
        r,
        unavail,
        Math.min(100, unavailUsed),
        "AWS instance refresh");
    if (surgeUsed > 100) {
      out.add(
          new Finding(
              false,
              "max_surge",
              "AWS instance refresh launches at most 100% extra machines"
                  + " (MaxHealthyPercentage 200), so `max_surge = "
                  + r.maxSurge().text()
                  + "` is capped at 100%."));
      surgeUsed = 100;
    }
    unavailUsed = Math.min(100, unavailUsed);
    if (surgeUsed + unavailUsed > 100) {
      out.add(
          new Finding(
              true,
              "max_surge",
              "AWS instance refresh needs MaxHealthyPercentage - MinHealthyPercentage"
                  + " <= 100, but `max_surge` ("
                  + surgeUsed
                  + "%) plus `max_unavailable` ("
                  + unavailUsed
                  + "%) is "
                  + (surgeUsed + unavailUsed)
                  + "%."));
    }
    long warmup = (r.minReadyMillis() + 999) / 1000;
    if (r.minReadyMillis() % 1000 != 0) {
      out.add(
          new Finding(
              false,
              "min_ready",
              "AWS instance warm-up is in whole seconds, so `min_ready` becomes " + warmup + "s."));
    }
    long checkpoint = 0;
    if (r.pauseMillis() > 0) {
      checkpoint = (r.pauseMillis() + 999) / 1000;
      out.add(
          new Finding(
              false,
              "pause",
              "AWS instance refresh cannot pause between batches; `pause` becomes a"
                  + " checkpoint delay of "
                  + checkpoint
                  + "s after every "
                  + Math.max(1, Math.max(surgeUsed, unavailUsed))
                  + "% of the machines."));
    }
    if (!r.deleteOrder().equals("oldest")) {
      out.add(
          new Finding(
              false,
              "delete_order",
              "AWS instance refresh chooses which machines to replace itself;"
                  + " `delete_order = \""
                  + r.deleteOrder()
                  + "\"` applies only when the group scales in."));
    }
    AwsRefresh prefs =
        new AwsRefresh(
            (int) (100 - unavailUsed),
            (int) (100 + surgeUsed),
            warmup,
            checkpoint,
            r.autoRollback());
    return new Result(out, prefs, null);
  }

  private static Result azure(Request r) {
    List<Finding> out = new ArrayList<>();
    double surge = percent(r.maxSurge(), r.base());
    double unavail = percent(r.maxUnavailable(), r.base());
    boolean maxSurge = surge > 0;
    int batch;
    if (maxSurge) {
      long used = Math.min(100, (long) Math.ceil(surge - 1e-9));
      countNote(out, "max_surge", r.maxSurge(), r, surge, used, "Azure rolling upgrade");
      if (used < 5) {
        out.add(
            new Finding(
                false,
                "max_surge",
                "Azure upgrades at least 5% of the machines per batch, so `max_surge = "
                    + r.maxSurge().text()
                    + "` ("
                    + pct(surge)
                    + ") becomes batches of 5%."));
        used = 5;
      }
      if (surge > 100 + 1e-9) {
        out.add(
            new Finding(
                false,
                "max_surge",
                "Azure surges at most one batch of 100%, so `max_surge = "
                    + r.maxSurge().text()
                    + "` is capped at 100%."));
      }
      if (unavail > 0) {
        out.add(
            new Finding(
                false,
                "max_unavailable",
                "Azure rolling upgrades with surge keep every old machine until"
                    + " its replacement is up, so `max_unavailable = "
                    + r.maxUnavailable().text()
                    + "` is not used."));
      }
      batch = (int) used;
    } else {
      long used = Math.min(100, (long) Math.floor(unavail + 1e-9));
      if (used < 5) {
        out.add(
            new Finding(
                true,
                "max_unavailable",
                "Azure upgrades at least 5% of the machines per batch, more than"
                    + " `max_unavailable = "
                    + r.maxUnavailable().text()
                    + "` ("
                    + pct(unavail)
                    + ") allows."));
        used = 5;
      } else {
        countNote(
            out, "max_unavailable", r.maxUnavailable(), r, unavail, used, "Azure rolling upgrade");
      }
      batch = (int) used;
    }
    if (r.minReadyMillis() > 0) {
      out.add(
          new Finding(
              false,
              "min_ready",
              "Azure rolling upgrades wait for the health probe of each new machine"
                  + " instead of a fixed warm-up, so `min_ready` is not applied by the cloud."));
    }
    if (!r.deleteOrder().equals("oldest")) {
      out.add(
          new Finding(
              false,
              "delete_order",
              "Azure rolling upgrades choose which machines to replace themselves;"
                  + " `delete_order = \""
                  + r.deleteOrder()
                  + "\"` applies only when the scale set scales in."));
    }
    long pause = (r.pauseMillis() + 999) / 1000;
    if (r.pauseMillis() % 1000 != 0) {
      out.add(
          new Finding(
              false,
              "pause",
              "Azure pauses between batches in whole seconds, so `pause` becomes " + pause + "s."));
    }
    return new Result(out, null, new AzureRolling(batch, maxSurge, pause, r.autoRollback()));
  }
}
