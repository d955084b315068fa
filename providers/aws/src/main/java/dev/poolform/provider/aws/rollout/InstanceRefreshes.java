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
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
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
 * <p>Starting while a refresh runs is not an error here: AWS answers {@code
 * InstanceRefreshInProgress}, and the running refresh's id is returned, so an apply that crashed
 * after starting one resumes waiting on it instead of failing.
 */
public final class InstanceRefreshes implements CloudRollouts {
  private final AwsClients aws;
  private final Target target;

  /** The launch template version a refresh of the group should end on. */
  @FunctionalInterface
  public interface Target {
    Optional<LaunchTemplateSpecification> of(GroupRef ref) throws ProviderException;
  }

  public InstanceRefreshes(AwsClients aws, Target target) {
    this.aws = aws;
    this.target = target;
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
    desiredConfiguration(ref).ifPresent(b::desiredConfiguration);
    var req = b.build();
    try {
      return aws.asgWrite().startInstanceRefresh(req).instanceRefreshId();
    } catch (SdkException e) {
      if ("InstanceRefreshInProgress".equals(AwsErrors.code(e))) {
        Optional<InstanceRefresh> running = latest(ref);
        if (running.isPresent()) return running.get().instanceRefreshId();
      }
      throw AwsErrors.map("starting an instance refresh of " + ref.address(), e);
    }
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
