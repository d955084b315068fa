package dev.poolform.provider.aws.rollout;

import dev.poolform.ir.IrCapacity;
import dev.poolform.ir.IrRollout;
import dev.poolform.provider.aws.connect.AwsClients;
import dev.poolform.provider.aws.errors.AwsErrors;
import dev.poolform.runtime.provider.CloudRolloutStatus;
import dev.poolform.runtime.provider.CloudRolloutStatus.Phase;
import dev.poolform.runtime.provider.CloudRollouts;
import dev.poolform.runtime.provider.GroupRef;
import dev.poolform.runtime.provider.ProviderException;
import java.time.Duration;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.waiters.Waiter;
import software.amazon.awssdk.core.waiters.WaiterAcceptor;
import software.amazon.awssdk.core.waiters.WaiterOverrideConfiguration;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.autoscaling.model.CancelInstanceRefreshRequest;
import software.amazon.awssdk.services.autoscaling.model.DescribeInstanceRefreshesRequest;
import software.amazon.awssdk.services.autoscaling.model.DesiredConfiguration;
import software.amazon.awssdk.services.autoscaling.model.InstanceRefresh;
import software.amazon.awssdk.services.autoscaling.model.LaunchTemplateSpecification;
import software.amazon.awssdk.services.autoscaling.model.StartInstanceRefreshRequest;

/**
 * Instance refresh as a {@link CloudRollouts}. The engine calls {@code updateModel} first, which
 * makes the new template version and leaves the group launching from the old one; the refresh names
 * the new version as its desired configuration ({@link Target}), so AWS replaces every instance not
 * launched from it (SkipMatching: instances already on it stay), sets the group to it when the
 * refresh succeeds, and with AutoRollback puts back the old version if it fails.
 *
 * <p>AWS runs one refresh per group and refuses another with {@code InstanceRefreshInProgress}.
 * When the running one goes where this one would (the same launch template version: an apply that
 * crashed after starting it), its id is returned and the apply resumes waiting on it. When it goes
 * elsewhere (a refresh to an earlier spec, left by an interrupted apply, or someone else's),
 * waiting on it would end on the wrong version and state would record the new one: it is cancelled,
 * and once AWS reports it no longer active (Cancelling lasts while in-flight instances finish),
 * ours starts. Instances it already replaced are not on our version either, so ours replaces them
 * too.
 */
public final class InstanceRefreshes implements CloudRollouts {
  /** Statuses in which AWS refuses another StartInstanceRefresh. */
  private static final java.util.Set<String> ACTIVE =
      java.util.Set.of("Pending", "InProgress", "Cancelling", "Baking", "RollbackInProgress");

  private final AwsClients aws;
  private final Target target;
  private final Duration poll;
  private final Duration cancelWait;

  /** The launch template version a refresh of the group should end on. */
  @FunctionalInterface
  public interface Target {
    Optional<LaunchTemplateSpecification> of(GroupRef ref) throws ProviderException;
  }

  /**
   * @param poll how often to look while a cancelled refresh winds down
   * @param cancelWait how long to wait for that before failing (transient: the next apply goes on)
   */
  public InstanceRefreshes(AwsClients aws, Target target, Duration poll, Duration cancelWait) {
    this.aws = aws;
    this.target = target;
    this.poll = poll;
    this.cancelWait = cancelWait;
  }

  /**
   * Starts the refresh. The desired configuration is the group's launch template (or mixed
   * instances policy) as it is now with the {@link Target} version in it: AWS accepts AutoRollback
   * only with a desired configuration naming a numbered version.
   */
  @Override
  public String start(GroupRef ref, IrRollout rollout, IrCapacity capacity)
      throws ProviderException {
    var b =
        StartInstanceRefreshRequest.builder()
            .autoScalingGroupName(ref.cloudId())
            .strategy("Rolling")
            .preferences(RefreshPreferencesMapping.of(rollout, capacity));
    Optional<DesiredConfiguration> desired = desiredConfiguration(ref);
    desired.ifPresent(b::desiredConfiguration);
    var req = b.build();
    Optional<String> started = tryStart(ref, req);
    if (started.isPresent()) return started.get();
    Optional<InstanceRefresh> running = latest(ref);
    if (running.isPresent()
        && sameTarget(running.get().desiredConfiguration(), desired.orElse(null))) {
      return running.get().instanceRefreshId();
    }
    cancel(ref);
    awaitInactive(ref);
    return tryStart(ref, req)
        .orElseThrow(
            () ->
                new ProviderException(
                    ProviderException.Kind.TRANSIENT,
                    "another instance refresh of "
                        + ref.address()
                        + " started while Poolform cancelled the one before it; run apply again."));
  }

  /** Starts the refresh; empty when AWS answers that one is already running. */
  private Optional<String> tryStart(GroupRef ref, StartInstanceRefreshRequest req)
      throws ProviderException {
    try {
      return Optional.of(aws.asgWrite().startInstanceRefresh(req).instanceRefreshId());
    } catch (SdkException e) {
      if ("InstanceRefreshInProgress".equals(AwsErrors.code(e))) return Optional.empty();
      throw AwsErrors.map("starting an instance refresh of " + ref.address(), e);
    }
  }

  /**
   * Whether a running refresh goes to the same launch template version as {@code ours}: the same
   * template (by id, else by name) and the same version.
   */
  static boolean sameTarget(DesiredConfiguration running, DesiredConfiguration ours) {
    Optional<LaunchTemplateSpecification> a = template(running);
    Optional<LaunchTemplateSpecification> b = template(ours);
    if (a.isEmpty() || b.isEmpty()) return a.isEmpty() && b.isEmpty();
    LaunchTemplateSpecification x = a.get();
    LaunchTemplateSpecification y = b.get();
    boolean sameTemplate =
        (x.launchTemplateId() != null && y.launchTemplateId() != null)
            ? x.launchTemplateId().equals(y.launchTemplateId())
            : java.util.Objects.equals(x.launchTemplateName(), y.launchTemplateName());
    return sameTemplate && java.util.Objects.equals(x.version(), y.version());
  }

  private static Optional<LaunchTemplateSpecification> template(DesiredConfiguration d) {
    if (d == null) return Optional.empty();
    if (d.launchTemplate() != null) return Optional.of(d.launchTemplate());
    if (d.mixedInstancesPolicy() != null && d.mixedInstancesPolicy().launchTemplate() != null)
      return Optional.ofNullable(
          d.mixedInstancesPolicy().launchTemplate().launchTemplateSpecification());
    return Optional.empty();
  }

  /**
   * Cancels the group's refresh if one is active and waits, bounded, until AWS no longer reports it
   * active. For writes AWS refuses while a refresh runs: UpdateAutoScalingGroup of the launch
   * template or mixed instances policy, which the refresh's desired configuration owns until it
   * ends (docs/providers/aws.md#real-cloud-notes).
   *
   * @return whether a refresh was active (and is now over)
   */
  public boolean stopActive(GroupRef ref) throws ProviderException {
    Optional<InstanceRefresh> r = latest(ref);
    if (r.isEmpty() || !ACTIVE.contains(r.get().statusAsString())) return false;
    cancel(ref);
    awaitInactive(ref);
    return true;
  }

  /** One look at the group's latest refresh, or the error the look met. */
  private record Look(Optional<InstanceRefresh> refresh, ProviderException error) {
    boolean over() {
      return error != null || refresh.isEmpty() || !ACTIVE.contains(refresh.get().statusAsString());
    }
  }

  /**
   * Waits, bounded by {@code cancelWait}, until the group's latest refresh is no longer active: the
   * SDK's waiter polls every {@code poll} (Cancelling lasts while in-flight instances finish).
   */
  private void awaitInactive(GroupRef ref) throws ProviderException {
    Waiter<Look> waiter =
        Waiter.builder(Look.class)
            .addAcceptor(WaiterAcceptor.successOnResponseAcceptor(Look::over))
            .addAcceptor(WaiterAcceptor.retryOnResponseAcceptor(l -> !l.over()))
            .overrideConfiguration(
                WaiterOverrideConfiguration.builder()
                    .maxAttempts(Integer.MAX_VALUE)
                    .backoffStrategyV2(BackoffStrategy.fixedDelay(poll))
                    .waitTimeout(cancelWait)
                    .build())
            .build();
    Look[] last = {null};
    try {
      waiter.run(
          () -> {
            try {
              last[0] = new Look(latest(ref), null);
            } catch (ProviderException e) {
              last[0] = new Look(Optional.empty(), e);
            }
            return last[0];
          });
    } catch (SdkException e) {
      // The wait ran out (or was interrupted): the refresh is still winding down.
      String status =
          last[0] == null
              ? "active"
              : last[0].refresh().map(InstanceRefresh::statusAsString).orElse("active");
      throw new ProviderException(
          ProviderException.Kind.TRANSIENT,
          "the instance refresh of "
              + ref.address()
              + " was cancelled but is still "
              + status
              + " after "
              + cancelWait.toMinutes()
              + " minutes; run apply again to keep waiting.");
    }
    if (last[0] != null && last[0].error() != null) throw last[0].error();
  }

  private Optional<DesiredConfiguration> desiredConfiguration(GroupRef ref)
      throws ProviderException {
    try {
      var groups =
          aws.asgRead()
              .describeAutoScalingGroups(b -> b.autoScalingGroupNames(ref.cloudId()))
              .autoScalingGroups();
      if (groups.isEmpty()) return Optional.empty();
      var g = groups.get(0);
      Optional<LaunchTemplateSpecification> to = target.of(ref);
      if (g.mixedInstancesPolicy() != null && g.mixedInstancesPolicy().launchTemplate() != null) {
        var mixed = g.mixedInstancesPolicy();
        if (to.isPresent()) {
          mixed =
              mixed.toBuilder()
                  .launchTemplate(
                      mixed.launchTemplate().toBuilder()
                          .launchTemplateSpecification(to.get())
                          .build())
                  .build();
        }
        return Optional.of(DesiredConfiguration.builder().mixedInstancesPolicy(mixed).build());
      }
      if (to.isPresent() || g.launchTemplate() != null) {
        return Optional.of(
            DesiredConfiguration.builder().launchTemplate(to.orElse(g.launchTemplate())).build());
      }
      return Optional.empty();
    } catch (SdkException e) {
      throw AwsErrors.map("reading " + ref.address() + " before an instance refresh", e);
    }
  }

  @Override
  public Optional<CloudRolloutStatus> status(GroupRef ref) throws ProviderException {
    return latest(ref).map(InstanceRefreshes::status);
  }

  private Optional<InstanceRefresh> latest(GroupRef ref) throws ProviderException {
    try {
      return aws
          .asgRead()
          .describeInstanceRefreshes(
              DescribeInstanceRefreshesRequest.builder()
                  .autoScalingGroupName(ref.cloudId())
                  .maxRecords(1)
                  .build())
          .instanceRefreshes()
          .stream()
          .findFirst();
    } catch (SdkException e) {
      throw AwsErrors.map("reading the instance refreshes of " + ref.address(), e);
    }
  }

  static CloudRolloutStatus status(InstanceRefresh r) {
    Phase phase =
        switch (r.statusAsString() == null ? "" : r.statusAsString()) {
          case "Pending" -> Phase.PENDING;
          case "InProgress", "Baking", "RollbackInProgress" -> Phase.IN_PROGRESS;
          case "Successful" -> Phase.SUCCEEDED;
          case "Cancelling" -> Phase.CANCELLING;
          case "Cancelled" -> Phase.CANCELLED;
          case "RollbackSuccessful" -> Phase.ROLLED_BACK;
          default -> Phase.FAILED; // Failed, RollbackFailed, anything new
        };
    int pct = r.percentageComplete() == null ? 0 : r.percentageComplete();
    String msg = r.statusReason() == null ? r.statusAsString() : r.statusReason();
    return new CloudRolloutStatus(r.instanceRefreshId(), phase, pct, msg);
  }

  @Override
  public void cancel(GroupRef ref) throws ProviderException {
    try {
      aws.asgWrite()
          .cancelInstanceRefresh(
              CancelInstanceRefreshRequest.builder().autoScalingGroupName(ref.cloudId()).build());
    } catch (SdkException e) {
      if ("ActiveInstanceRefreshNotFound".equals(AwsErrors.code(e))) return; // finished meanwhile
      throw AwsErrors.map("cancelling the instance refresh of " + ref.address(), e);
    }
  }
}
