package dev.poolform.provider.azure.rollout;

import com.azure.resourcemanager.compute.fluent.models.RollingUpgradeStatusInfoInner;
import com.azure.resourcemanager.compute.models.RollingUpgradeActionType;
import com.azure.resourcemanager.compute.models.RollingUpgradeStatusCode;
import dev.poolform.runtime.provider.CloudEvent;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;

/**
 * A scale set's latest rolling upgrade ({@code rollingUpgrades/latest}) as the event {@code pool
 * status} shows. ARM keeps only the latest upgrade and records when it started and when its last
 * action (Start or Cancel) was taken, not when it ended: a running, completed or failed upgrade is
 * dated by its start, a cancelled one by its cancel. The progress counts and ARM's error say how
 * far it got and why it stopped.
 */
public final class RollingUpgradeEvents {
  private RollingUpgradeEvents() {}

  /** The event for {@code info} on scale set {@code cloudId}, if it is dated at or after since. */
  public static Optional<CloudEvent> of(
      String cloudId, RollingUpgradeStatusInfoInner info, Instant since) {
    var running = info.runningStatus();
    if (running == null || running.startTime() == null) return Optional.empty();
    RollingUpgradeStatusCode code = running.code();
    String what;
    OffsetDateTime time = running.startTime();
    if (RollingUpgradeStatusCode.COMPLETED.equals(code)) what = "rolling upgrade completed";
    else if (RollingUpgradeStatusCode.FAULTED.equals(code)) what = "rolling upgrade failed";
    else if (RollingUpgradeStatusCode.CANCELLED.equals(code)) {
      what = "rolling upgrade cancelled";
      if (RollingUpgradeActionType.CANCEL.equals(running.lastAction())
          && running.lastActionTime() != null) time = running.lastActionTime();
    } else what = "rolling upgrade started";
    Instant at = time.toInstant();
    if (at.isBefore(since)) return Optional.empty();
    String status = code == null ? "Unknown" : code.toString();
    String cause = info.error() == null ? "" : info.error().getMessage();
    return Optional.of(
        new CloudEvent(cloudId, at, status, what + progress(info), cause == null ? "" : cause));
  }

  private static String progress(RollingUpgradeStatusInfoInner info) {
    if (info.progress() == null) return "";
    UpgradeProgress p = UpgradeProgress.of(info.progress());
    return " ("
        + p.successful()
        + " upgraded, "
        + p.failed()
        + " failed, "
        + p.inProgress()
        + " in progress, "
        + p.pending()
        + " pending)";
  }
}
