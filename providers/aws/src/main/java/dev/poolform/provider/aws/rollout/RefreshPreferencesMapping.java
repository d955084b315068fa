package dev.poolform.provider.aws.rollout;

import dev.poolform.ir.IntOrPercent;
import dev.poolform.ir.IrRollout;
import dev.poolform.stdlib.schema.RolloutMapping;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.autoscaling.model.RefreshPreferences;
import software.amazon.awssdk.services.autoscaling.model.ScaleInProtectedInstances;
import software.amazon.awssdk.services.autoscaling.model.StandbyInstances;

/**
 * The portable rollout as instance refresh preferences, through the same table the compiler uses
 * for its warnings ({@link RolloutMapping}): {@code MinHealthyPercentage = 100 - max_unavailable%},
 * {@code MaxHealthyPercentage = 100 + max_surge%}, {@code InstanceWarmup = min_ready}, {@code
 * AutoRollback = auto_rollback}, {@code SkipMatching = true} (machines already on the pinned
 * version stay), and {@code pause} as checkpoints after every batch's share of the machines.
 */
public final class RefreshPreferencesMapping {
  private RefreshPreferencesMapping() {}

  public static RefreshPreferences of(IrRollout r, long desired, boolean externalDesired) {
    var req =
        new RolloutMapping.Request(
            amount(r.maxSurge()),
            amount(r.maxUnavailable()),
            r.minReady().toMillis(),
            r.pause().toMillis(),
            r.deleteOrder().text(),
            r.autoRollback(),
            desired,
            externalDesired);
    RolloutMapping.AwsRefresh aws = RolloutMapping.map("aws", req).aws();
    var b =
        RefreshPreferences.builder()
            .minHealthyPercentage(aws.minHealthyPercentage())
            .maxHealthyPercentage(aws.maxHealthyPercentage())
            .instanceWarmup((int) aws.instanceWarmupSeconds())
            .skipMatching(true)
            .autoRollback(aws.autoRollback())
            .scaleInProtectedInstances(ScaleInProtectedInstances.REFRESH)
            .standbyInstances(StandbyInstances.TERMINATE);
    if (aws.checkpointDelaySeconds() > 0) {
      int step =
          Math.max(1, Math.max(aws.maxHealthyPercentage() - 100, 100 - aws.minHealthyPercentage()));
      b.checkpointPercentages(checkpoints(step));
      b.checkpointDelay((int) aws.checkpointDelaySeconds());
    }
    return b.build();
  }

  /** Every {@code step} percent up to 100, the last one 100 (AWS requires it to end there). */
  static List<Integer> checkpoints(int step) {
    List<Integer> out = new ArrayList<>();
    for (int p = step; p < 100; p += step) out.add(p);
    out.add(100);
    return out;
  }

  private static RolloutMapping.Amount amount(IntOrPercent v) {
    return v.percent()
        ? RolloutMapping.Amount.percentOf(v.value())
        : RolloutMapping.Amount.count((long) v.value());
  }
}
