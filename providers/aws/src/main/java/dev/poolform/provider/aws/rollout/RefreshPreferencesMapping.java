package dev.poolform.provider.aws.rollout;

import dev.poolform.ir.IrCapacity;
import dev.poolform.ir.IrRollout;
import dev.poolform.ir.rollout.RolloutMapping;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.autoscaling.model.AlarmSpecification;
import software.amazon.awssdk.services.autoscaling.model.RefreshPreferences;
import software.amazon.awssdk.services.autoscaling.model.ScaleInProtectedInstances;
import software.amazon.awssdk.services.autoscaling.model.StandbyInstances;

/**
 * The portable rollout as instance refresh preferences, through the same mapping the compiler warns
 * with ({@link RolloutMapping}): {@code MinHealthyPercentage = 100 - max_unavailable%}, {@code
 * MaxHealthyPercentage = 100 + max_surge%}, {@code InstanceWarmup = min_ready}, {@code AutoRollback
 * = auto_rollback}, {@code AlarmSpecification.Alarms = alarms} (when any), {@code SkipMatching =
 * true} (machines already on the pinned version stay), and {@code pause} as checkpoints after every
 * batch's share of the machines.
 */
public final class RefreshPreferencesMapping {
  private RefreshPreferencesMapping() {}

  /**
   * The preferences for a pool's rollout and capacity. Counts convert against the configured
   * desired count, or {@code min} under {@code desired = external}, as the compiler's W0502 told
   * the user; never against the live size an autoscaler happens to have set.
   */
  public static RefreshPreferences of(IrRollout r, IrCapacity capacity) {
    RolloutMapping.AwsRefresh aws = RolloutMapping.map("aws", r, capacity).aws();
    var b =
        RefreshPreferences.builder()
            .minHealthyPercentage(aws.minHealthyPercentage())
            .maxHealthyPercentage(aws.maxHealthyPercentage())
            .instanceWarmup((int) aws.instanceWarmupSeconds())
            .skipMatching(true)
            .autoRollback(aws.autoRollback())
            .scaleInProtectedInstances(ScaleInProtectedInstances.REFRESH)
            .standbyInstances(StandbyInstances.TERMINATE);
    if (!aws.alarms().isEmpty()) {
      b.alarmSpecification(AlarmSpecification.builder().alarms(aws.alarms()).build());
    }
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
}
