package dev.poolform.ir.rollout;

import dev.poolform.ir.IntOrPercent;
import dev.poolform.ir.IrCapacity;
import dev.poolform.ir.IrRollout;
import dev.poolform.stdlib.value.Literals;
import java.util.ArrayList;
import java.util.List;

/**
 * How a pool's portable rollout maps onto each cloud's own mechanism, and what that cannot do
 * exactly. The table is docs/rollout.md.
 *
 * <p>AWS instance refresh: {@code MinHealthyPercentage = 100 - max_unavailable%}, {@code
 * MaxHealthyPercentage = 100 + max_surge%} (100..200), differing by at most 100; {@code min_ready}
 * is the instance warm-up, {@code auto_rollback} is AutoRollback, {@code alarms} the
 * AlarmSpecification ({@link #alarms} says where they cannot be honoured).
 *
 * <p>Azure rolling upgrade: surge is a boolean ({@code maxSurge}: new machines first, a batch at a
 * time) and batches are {@code maxBatchInstancePercent} (5..100) of the scale set; {@code pause} is
 * pauseTimeBetweenBatches.
 *
 * <p>Counts become percentages of {@code desired}, or of {@code min} under {@code desired =
 * external}: the compiler cannot know the size an autoscaler will have chosen, so it states the
 * conversion against the one size it knows, and the providers send exactly what it stated.
 *
 * <p>The local cloud simulates a cloud engine that honours every setting exactly.
 */
public final class RolloutMapping {
  private RolloutMapping() {}

  /**
   * The portable rollout of one pool with the machine count its counts convert against.
   *
   * @param base desired, or min when desired is external (at least 1)
   * @param externalDesired whether desired is owned by an autoscaler
   */
  private record Request(IrRollout rollout, long base, boolean externalDesired) {
    IntOrPercent maxSurge() {
      return rollout.maxSurge();
    }

    IntOrPercent maxUnavailable() {
      return rollout.maxUnavailable();
    }

    long minReadyMillis() {
      return rollout.minReady().toMillis();
    }

    long pauseMillis() {
      return rollout.pause().toMillis();
    }

    String deleteOrder() {
      return rollout.deleteOrder().text();
    }

    boolean autoRollback() {
      return rollout.autoRollback();
    }
  }

  /**
   * One finding about one rollout attribute.
   *
   * @param error true: the cloud cannot honour it (E0407); false: approximated (W0502)
   * @param attribute the rollout attribute it is about, e.g. {@code max_surge}
   * @param message one sentence, ending in a period
   * @param fallback for an error, one sentence saying what the mapped settings hold instead (for
   *     callers that cannot refuse, like the Cluster API output); empty for approximations
   */
  public record Finding(boolean error, String attribute, String message, String fallback) {
    static Finding approximation(String attribute, String message) {
      return new Finding(false, attribute, message, "");
    }
  }

  /**
   * AWS StartInstanceRefresh preferences.
   *
   * @param alarms the CloudWatch alarms of {@code AlarmSpecification}; empty: none sent
   */
  public record AwsRefresh(
      int minHealthyPercentage,
      int maxHealthyPercentage,
      long instanceWarmupSeconds,
      long checkpointDelaySeconds,
      boolean autoRollback,
      List<String> alarms) {
    public AwsRefresh {
      alarms = List.copyOf(alarms);
    }
  }

  /** AWS watches at most this many alarms in one instance refresh (AlarmSpecification). */
  public static final int AWS_MAX_ALARMS = 10;

  /** The longest CloudWatch alarm name AlarmSpecification takes. */
  public static final int AWS_MAX_ALARM_NAME = 255;

  /**
   * What is wrong with a rollout's {@code alarms} on a cloud of {@code kind}: only an AWS instance
   * refresh watches alarms ({@code AlarmSpecification}: "You can specify up to 10 alarms", names of
   * 1 to 255 characters,
   * https://docs.aws.amazon.com/autoscaling/ec2/APIReference/API_AlarmSpecification.html), so
   * anywhere else, or with Poolform's own engine, a safety net the user asked for would silently
   * not exist: an error, never an approximation.
   */
  public static List<Finding> alarms(String kind, IrRollout rollout) {
    List<String> alarms = rollout.alarms();
    if (alarms.isEmpty()) return List.of();
    List<Finding> out = new ArrayList<>();
    if (!kind.equals("aws") || rollout.engine() != IrRollout.Engine.CLOUD) {
      String where =
          kind.equals("aws")
              ? "Poolform's own engine watches no alarms"
              : "only an AWS instance refresh watches alarms, not " + cloudName(kind);
      out.add(
          new Finding(
              true,
              "alarms",
              "`alarms` cannot be honoured: "
                  + where
                  + "; use `engine = \"cloud\"` on an AWS pool, or remove `alarms`.",
              "No alarm is watched."));
      return out;
    }
    if (alarms.size() > AWS_MAX_ALARMS) {
      out.add(
          new Finding(
              true,
              "alarms",
              "An AWS instance refresh watches at most "
                  + AWS_MAX_ALARMS
                  + " alarms; `alarms` names "
                  + alarms.size()
                  + ".",
              "Only the first " + AWS_MAX_ALARMS + " alarms are watched."));
    }
    for (String a : alarms) {
      if (a.isEmpty() || a.length() > AWS_MAX_ALARM_NAME) {
        out.add(
            new Finding(
                true,
                "alarms",
                "CloudWatch alarm names are 1 to "
                    + AWS_MAX_ALARM_NAME
                    + " characters; one in `alarms` has "
                    + a.length()
                    + ".",
                "The alarm is not watched."));
        break;
      }
    }
    return out;
  }

  private static String cloudName(String kind) {
    return switch (kind) {
      case "azure" -> "an Azure rolling upgrade";
      case "local" -> "the local cloud";
      default -> "a " + kind + " cloud";
    };
  }

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

  /**
   * Maps a pool's rollout for a cloud kind; unknown and {@code local} kinds map exactly. This is
   * the one way a mapping is made: the compiler, the providers and the Cluster API output all call
   * it with the pool's rollout and capacity.
   */
  public static Result map(String kind, IrRollout rollout, IrCapacity capacity) {
    Request r =
        new Request(
            rollout, Math.max(1, capacity.desired().orElse(capacity.min())), capacity.external());
    return switch (kind) {
      case "aws" -> aws(r);
      case "azure" -> azure(r);
      default -> new Result(List.of(), null, null);
    };
  }

  /**
   * Whether Azure rolls failed machines back: {@code rollbackFailedInstancesOnPolicyBreach} is
   * documented for Uniform scale sets only
   * (https://learn.microsoft.com/azure/virtual-machine-scale-sets/virtual-machine-scale-sets-configure-rolling-upgrades).
   */
  public static boolean azureRollsBack(IrRollout rollout, boolean flexible) {
    return rollout.autoRollback() && !flexible;
  }

  /**
   * What Azure's orchestration mode takes from the rollout: on a Flexible scale set, {@code
   * auto_rollback} with {@code engine = "cloud"} cannot be honoured (E0407).
   */
  public static java.util.Optional<Finding> azureOrchestration(
      IrRollout rollout, boolean flexible) {
    if (rollout.engine() != IrRollout.Engine.CLOUD || !rollout.autoRollback() || !flexible)
      return java.util.Optional.empty();
    return java.util.Optional.of(
        new Finding(
            true,
            "auto_rollback",
            "Azure rolls failed machines back only on Uniform scale sets"
                + " (`rollbackFailedInstancesOnPolicyBreach`): on a Flexible scale set"
                + " `auto_rollback` cannot be honoured with `engine = \"cloud\"`; use"
                + " `orchestration = \"uniform\"` or `engine = \"poolform\"`.",
            "Failed machines are not rolled back."));
  }

  /** The amount as a percentage of the base, and whether that conversion is exact. */
  private static double percent(IntOrPercent a, long base) {
    if (a.percent()) return a.value();
    return a.value() * 100.0 / Math.max(1, base);
  }

  /** Whole seconds, rounded up: a cloud never waits less than asked. */
  private static long secondsUp(long millis) {
    return (millis + 999) / 1000;
  }

  private static boolean integral(double d) {
    return Math.abs(d - Math.rint(d)) < 1e-9;
  }

  private static String pct(double d) {
    return Literals.formatPercent(Math.round(d * 100) / 100.0);
  }

  private static void countNote(
      List<Finding> out,
      String attr,
      IntOrPercent a,
      Request r,
      double asPercent,
      long used,
      String cloudWord) {
    if (a.value() == 0) return; // zero is zero whatever the base
    if (!a.percent() && r.externalDesired()) {
      out.add(
          Finding.approximation(
              attr,
              "With `desired = external` "
                  + cloudWord
                  + " sees only percentages, so `"
                  + attr
                  + " = "
                  + a
                  + "` is converted against `min` ("
                  + r.base()
                  + "): "
                  + used
                  + "%."));
    } else if (!integral(asPercent)) {
      out.add(
          Finding.approximation(
              attr,
              cloudWord
                  + " takes whole percentages, so `"
                  + attr
                  + " = "
                  + a
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
          Finding.approximation(
              "max_surge",
              "AWS instance refresh launches at most 100% extra machines"
                  + " (MaxHealthyPercentage 200), so `max_surge = "
                  + r.maxSurge()
                  + "` is capped at 100%."));
      surgeUsed = 100;
    }
    unavailUsed = Math.min(100, unavailUsed);
    if (surgeUsed + unavailUsed > 100) {
      long lowered = 100 - unavailUsed;
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
                  + "%.",
              "`max_surge` is lowered to "
                  + lowered
                  + "% (MaxHealthyPercentage "
                  + (100 + lowered)
                  + ")."));
      surgeUsed = lowered;
    }
    long warmup = secondsUp(r.minReadyMillis());
    if (r.minReadyMillis() % 1000 != 0) {
      out.add(
          Finding.approximation(
              "min_ready",
              "AWS instance warm-up is in whole seconds, so `min_ready` becomes " + warmup + "s."));
    }
    long checkpoint = 0;
    if (r.pauseMillis() > 0) {
      checkpoint = secondsUp(r.pauseMillis());
      out.add(
          Finding.approximation(
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
          Finding.approximation(
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
            r.autoRollback(),
            r.rollout().alarms());
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
            Finding.approximation(
                "max_surge",
                "Azure upgrades at least 5% of the machines per batch, so `max_surge = "
                    + r.maxSurge()
                    + "` ("
                    + pct(surge)
                    + ") becomes batches of 5%."));
        used = 5;
      }
      if (surge > 100 + 1e-9) {
        out.add(
            Finding.approximation(
                "max_surge",
                "Azure surges at most one batch of 100%, so `max_surge = "
                    + r.maxSurge()
                    + "` is capped at 100%."));
      }
      if (unavail > 0) {
        out.add(
            Finding.approximation(
                "max_unavailable",
                "Azure rolling upgrades with surge keep every old machine until"
                    + " its replacement is up, so `max_unavailable = "
                    + r.maxUnavailable()
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
                    + r.maxUnavailable()
                    + "` ("
                    + pct(unavail)
                    + ") allows.",
                "Batches are 5% of the machines."));
        used = 5;
      } else {
        countNote(
            out, "max_unavailable", r.maxUnavailable(), r, unavail, used, "Azure rolling upgrade");
      }
      batch = (int) used;
    }
    if (r.minReadyMillis() > 0) {
      out.add(
          Finding.approximation(
              "min_ready",
              "Azure rolling upgrades wait for the health probe of each new machine"
                  + " instead of a fixed warm-up, so `min_ready` is not applied by the cloud."));
    }
    if (!r.deleteOrder().equals("oldest")) {
      out.add(
          Finding.approximation(
              "delete_order",
              "Azure rolling upgrades choose which machines to replace themselves;"
                  + " `delete_order = \""
                  + r.deleteOrder()
                  + "\"` applies only when the scale set scales in."));
    }
    long pause = secondsUp(r.pauseMillis());
    if (r.pauseMillis() % 1000 != 0) {
      out.add(
          Finding.approximation(
              "pause",
              "Azure pauses between batches in whole seconds, so `pause` becomes " + pause + "s."));
    }
    return new Result(out, null, new AzureRolling(batch, maxSurge, pause, r.autoRollback()));
  }
}
