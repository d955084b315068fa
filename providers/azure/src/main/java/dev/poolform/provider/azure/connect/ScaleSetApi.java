package dev.poolform.provider.azure.connect;

import com.azure.core.management.exception.ManagementException;
import com.azure.core.management.polling.PollResult;
import com.azure.core.util.Context;
import com.azure.core.util.polling.LongRunningOperationStatus;
import com.azure.core.util.polling.PollResponse;
import com.azure.core.util.polling.SyncPoller;
import com.azure.resourcemanager.compute.fluent.ComputeManagementClient;
import com.azure.resourcemanager.compute.fluent.models.RollingUpgradeStatusInfoInner;
import com.azure.resourcemanager.compute.fluent.models.VirtualMachineInner;
import com.azure.resourcemanager.compute.fluent.models.VirtualMachineScaleSetInner;
import com.azure.resourcemanager.compute.fluent.models.VirtualMachineScaleSetVMInner;
import com.azure.resourcemanager.compute.models.ExpandTypeForListVMs;
import com.azure.resourcemanager.compute.models.VirtualMachineScaleSetUpdate;
import com.azure.resourcemanager.compute.models.VirtualMachineScaleSetVMInstanceRequiredIDs;
import dev.poolform.provider.azure.errors.ArmErrors;
import dev.poolform.provider.azure.errors.Retrier;
import dev.poolform.provider.azure.mapping.ScaleSetId;
import dev.poolform.runtime.provider.ProviderException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The scale set calls Poolform makes, each one a retried step (see {@link Retrier}) that waits for
 * its long-running operation through the SDK's poller ({@code Azure-AsyncOperation} / {@code
 * Location}, honouring {@code Retry-After}).
 */
public final class ScaleSetApi {
  private final ComputeManagementClient client;
  private final Retrier retrier;
  private final RateBudget budget;

  public ScaleSetApi(ComputeManagementClient client, Retrier retrier, RateBudget budget) {
    this.client = client;
    this.retrier = retrier;
    this.budget = budget;
  }

  /** Reads keep their pace ({@link RateBudget#beforeRead}): never more than half of a bucket. */
  private void paced(String scope) throws ProviderException {
    try {
      budget.beforeRead(scope);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ProviderException(
          ProviderException.Kind.TRANSIENT, "interrupted while pacing reads");
    }
  }

  private static String scope(ScaleSetId id) {
    return RateBudget.scope(id.id());
  }

  public RateBudget budget() {
    return budget;
  }

  private static boolean notFound(ManagementException e) {
    return e.getResponse() != null && e.getResponse().getStatusCode() == 404;
  }

  /**
   * Waits for the operation's end. A failed or cancelled operation (ARM's {@code "status":
   * "Failed"} with an error body) becomes a ProviderException of the error's kind.
   */
  private static <T, U> U await(String what, SyncPoller<PollResult<T>, U> poller)
      throws ProviderException {
    awaitEnd(what, poller);
    return poller.getFinalResult();
  }

  /**
   * {@link #await} without the resource's final state: the SDK's poller reads that with one more
   * GET, which a caller that does not use it need not pay for.
   */
  private static <T, U> void awaitEnd(String what, SyncPoller<PollResult<T>, U> poller)
      throws ProviderException {
    PollResponse<PollResult<T>> last;
    try {
      last = poller.waitForCompletion(OPERATION_LIMIT);
    } catch (RuntimeException e) {
      if (!timedOut(e)) throw e;
      // An operation ARM never ends must not hold the apply forever without a word.
      throw new ProviderException(
          ProviderException.Kind.OTHER,
          what
              + ": ARM's operation did not end within "
              + OPERATION_LIMIT.toMinutes()
              + " minutes; it may still be running (see the scale set's activity log), and the"
              + " next plan reads what it left");
    }
    failIfFailed(what, last);
  }

  /** An operation that ended other than well becomes a ProviderException of its error's kind. */
  private static <T> void failIfFailed(String what, PollResponse<PollResult<T>> last)
      throws ProviderException {
    if (!LongRunningOperationStatus.SUCCESSFULLY_COMPLETED.equals(last.getStatus())) {
      PollResult.Error error = last.getValue() == null ? null : last.getValue().getError();
      String body = error == null || error.getResponseBody() == null ? "" : error.getResponseBody();
      java.util.regex.Matcher m = CODE.matcher(body);
      String code = m.find() ? m.group(1) : null;
      // The SDK's own message is a generic "Long running operation is Failed or Cancelled."; ARM's
      // (what the user can act on: which quota, which property) is the body's error.message.
      java.util.regex.Matcher said = MESSAGE.matcher(body);
      String message =
          said.find()
              ? said.group(1).replace("\\\"", "\"")
              : error == null ? "the operation ended " + last.getStatus() : error.getMessage();
      throw ArmErrors.failedOperation(what, code, message);
    }
  }

  /**
   * A write ARM has accepted (its answer came, so a refusal would have thrown) whose long-running
   * operation the caller need not poll: the SDK's poller remembers its {@code Azure-AsyncOperation}
   * URL for {@link #consult} (one read of it) and {@link #await} (polls to its end).
   */
  public static final class Operation {
    private final String what;
    private final SyncPoller<? extends PollResult<?>, ?> poller;

    Operation(String what, SyncPoller<? extends PollResult<?>, ?> poller) {
      this.what = what;
      this.poller = poller;
    }

    /**
     * One read of the operation's status.
     *
     * @return true when it ended well, false while it runs
     * @throws ProviderException the operation's error when it failed, as {@link #await} reports it
     */
    public boolean consult() throws ProviderException {
      try {
        return ended(poller.poll());
      } catch (RuntimeException e) {
        throw ArmErrors.map(what, e);
      }
    }

    @SuppressWarnings("unchecked")
    private boolean ended(PollResponse<? extends PollResult<?>> r) throws ProviderException {
      if (!r.getStatus().isComplete()) return false;
      failIfFailed(what, (PollResponse<PollResult<Object>>) r);
      return true;
    }

    /** Polls the operation to its end; throws its error if it failed. */
    @SuppressWarnings("unchecked")
    public void await() throws ProviderException {
      try {
        awaitEnd(what, (SyncPoller<PollResult<Object>, Object>) poller);
      } catch (RuntimeException e) {
        throw ArmErrors.map(what, e);
      }
    }
  }

  private static boolean timedOut(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause())
      if (t instanceof java.util.concurrent.TimeoutException) return true;
    return false;
  }

  /**
   * How long one ARM operation (create, update, delete) may run before Poolform stops waiting for
   * it. Rolling upgrades are not operations of this kind: they run under {@code rollout.timeout}.
   */
  static final java.time.Duration OPERATION_LIMIT = java.time.Duration.ofHours(1);

  private static final java.util.regex.Pattern CODE =
      java.util.regex.Pattern.compile("\"code\"\\s*:\\s*\"([^\"]+)\"");

  /** The first {@code "message"} of an operation's body: the error's, ARM's own words. */
  private static final java.util.regex.Pattern MESSAGE =
      java.util.regex.Pattern.compile("\"message\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");

  private static String what(ScaleSetId id) {
    return "scale set " + id.name();
  }

  public Optional<VirtualMachineScaleSetInner> get(ScaleSetId id) throws ProviderException {
    return retrier.call(
        "read scale set " + id.name(),
        () -> {
          paced(scope(id));
          try {
            return Optional.of(
                client
                    .getVirtualMachineScaleSets()
                    .getByResourceGroup(id.resourceGroup(), id.name()));
          } catch (ManagementException e) {
            if (notFound(e)) return Optional.empty();
            throw e;
          }
        });
  }

  /**
   * Waits while the scale set is being deleted; empty once it is gone. Gives up (returning what is
   * there) after the retry deadline.
   */
  public Optional<VirtualMachineScaleSetInner> awaitGone(ScaleSetId id) throws ProviderException {
    long end = System.nanoTime() + retrier.deadline().toNanos();
    while (true) {
      Optional<VirtualMachineScaleSetInner> s = get(id);
      if (s.isEmpty()
          || !"Deleting".equalsIgnoreCase(s.get().provisioningState())
          || System.nanoTime() > end) return s;
      try {
        Thread.sleep(250);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return s;
      }
    }
  }

  /** Every scale set of a resource group: one paged list, following {@code nextLink}. */
  public List<VirtualMachineScaleSetInner> list(String resourceGroup) throws ProviderException {
    return retrier.call(
        "list scale sets in " + resourceGroup,
        () -> {
          paced("subscription");
          List<VirtualMachineScaleSetInner> out = new ArrayList<>();
          client
              .getVirtualMachineScaleSets()
              .listByResourceGroup(resourceGroup, Context.NONE)
              .forEach(out::add);
          return out;
        });
  }

  public VirtualMachineScaleSetInner put(ScaleSetId id, VirtualMachineScaleSetInner model)
      throws ProviderException {
    return retrier.call(
        "create scale set " + id.name(),
        () ->
            await(
                what(id),
                client
                    .getVirtualMachineScaleSets()
                    .beginCreateOrUpdate(id.resourceGroup(), id.name(), model)));
  }

  /** A PATCH, waited for to its end (not followed by a read of the result: nobody uses it). */
  public void patch(ScaleSetId id, VirtualMachineScaleSetUpdate update, String what)
      throws ProviderException {
    retrier.call(
        what + " " + id.name(),
        () -> {
          awaitEnd(
              what(id),
              client
                  .getVirtualMachineScaleSets()
                  .beginUpdate(id.resourceGroup(), id.name(), update));
          return null;
        });
  }

  /**
   * A PATCH that returns once ARM has accepted it (a refusal throws, retried as every step is): its
   * end is seen by a later read of the scale set, or through the returned operation.
   */
  public Operation patchAccepted(ScaleSetId id, VirtualMachineScaleSetUpdate update, String what)
      throws ProviderException {
    return retrier.call(
        what + " " + id.name(),
        () ->
            new Operation(
                what(id),
                client
                    .getVirtualMachineScaleSets()
                    .beginUpdate(id.resourceGroup(), id.name(), update)));
  }

  /** {@link #deleteInstances} returning once ARM has accepted it, as {@link #patchAccepted}. */
  public Operation deleteInstancesAccepted(ScaleSetId id, List<String> instanceIds)
      throws ProviderException {
    return retrier.call(
        "delete machines of " + id.name(),
        () -> new Operation(what(id), beginDeleteInstances(id, instanceIds)));
  }

  private SyncPoller<PollResult<Void>, Void> beginDeleteInstances(
      ScaleSetId id, List<String> instanceIds) {
    return client
        .getVirtualMachineScaleSets()
        .beginDeleteInstances(
            id.resourceGroup(),
            id.name(),
            new VirtualMachineScaleSetVMInstanceRequiredIDs().withInstanceIds(instanceIds));
  }

  /**
   * A PATCH whose operation is not waited for: on a Rolling scale set the operation of a write that
   * starts a rolling upgrade lasts as long as the upgrade, whose progress is read from {@code
   * rollingUpgrades/latest} instead. ARM's refusal of the write itself still throws.
   */
  public void patchWithoutWaiting(ScaleSetId id, VirtualMachineScaleSetUpdate update, String what)
      throws ProviderException {
    retrier.call(
        what + " " + id.name(),
        () -> {
          client.getVirtualMachineScaleSets().beginUpdate(id.resourceGroup(), id.name(), update);
          return null;
        });
  }

  public void delete(ScaleSetId id) throws ProviderException {
    retrier.call(
        "delete scale set " + id.name(),
        () -> {
          try {
            awaitEnd(
                what(id),
                client.getVirtualMachineScaleSets().beginDelete(id.resourceGroup(), id.name()));
          } catch (ManagementException e) {
            if (!notFound(e)) throw e;
          }
          return null;
        });
  }

  public void deleteInstances(ScaleSetId id, List<String> instanceIds) throws ProviderException {
    retrier.call(
        "delete machines of " + id.name(),
        () -> {
          awaitEnd(what(id), beginDeleteInstances(id, instanceIds));
          return null;
        });
  }

  /** A Uniform scale set's instances: the VMSS-VM list, with instance view. */
  public List<VirtualMachineScaleSetVMInner> instances(ScaleSetId id) throws ProviderException {
    return retrier.call(
        "list machines of " + id.name(),
        () -> {
          paced(scope(id));
          List<VirtualMachineScaleSetVMInner> out = new ArrayList<>();
          client
              .getVirtualMachineScaleSetVMs()
              .list(id.resourceGroup(), id.name(), null, null, "instanceView", Context.NONE)
              .forEach(out::add);
          return out;
        });
  }

  /**
   * A Flexible scale set's machines: real ARM refuses the VMSS-VM API for Flexible scale sets, so
   * they are listed as VM resources of the resource group filtered by the scale set's id (the one
   * filter {@code VirtualMachines_List} accepts), with instance view.
   */
  public List<VirtualMachineInner> virtualMachines(ScaleSetId id) throws ProviderException {
    return retrier.call(
        "list machines of " + id.name(),
        () -> {
          paced("subscription");
          List<VirtualMachineInner> out = new ArrayList<>();
          client
              .getVirtualMachines()
              .listByResourceGroup(
                  id.resourceGroup(),
                  "'virtualMachineScaleSet/id' eq '" + id.id() + "'",
                  ExpandTypeForListVMs.INSTANCE_VIEW,
                  Context.NONE)
              .forEach(out::add);
          return out;
        });
  }

  /**
   * Every VM of a resource group, as models (no instance view: {@code $expand=instanceView} needs a
   * filter by scale set): the machines of all its Flexible scale sets in one paged list.
   */
  public List<VirtualMachineInner> virtualMachinesInGroup(String resourceGroup)
      throws ProviderException {
    return retrier.call(
        "list machines in " + resourceGroup,
        () -> {
          paced("subscription");
          List<VirtualMachineInner> out = new ArrayList<>();
          client
              .getVirtualMachines()
              .listByResourceGroup(resourceGroup, null, null, Context.NONE)
              .forEach(out::add);
          return out;
        });
  }

  /**
   * The run-time status of every VM of the subscription ({@code VirtualMachines_ListAll} with
   * {@code statusOnly=true}): the instance views of all Flexible pools' machines in one paged list.
   */
  public List<VirtualMachineInner> virtualMachineStatuses() throws ProviderException {
    return retrier.call(
        "read the status of the subscription's machines",
        () -> {
          paced("subscription");
          List<VirtualMachineInner> out = new ArrayList<>();
          client.getVirtualMachines().list("true", null, null, Context.NONE).forEach(out::add);
          return out;
        });
  }

  public Optional<RollingUpgradeStatusInfoInner> latestRollingUpgrade(ScaleSetId id)
      throws ProviderException {
    return retrier.call(
        "read rolling upgrade of " + id.name(),
        () -> {
          paced(scope(id));
          try {
            return Optional.of(
                client
                    .getVirtualMachineScaleSetRollingUpgrades()
                    .getLatest(id.resourceGroup(), id.name()));
          } catch (ManagementException e) {
            if (notFound(e)) return Optional.empty();
            throw e;
          }
        });
  }

  public void cancelRollingUpgrade(ScaleSetId id) throws ProviderException {
    retrier.call(
        "cancel rolling upgrade of " + id.name(),
        () -> {
          try {
            await(
                what(id),
                client
                    .getVirtualMachineScaleSetRollingUpgrades()
                    .beginCancel(id.resourceGroup(), id.name()));
          } catch (ManagementException e) {
            int status = e.getResponse() == null ? 0 : e.getResponse().getStatusCode();
            // Nothing running (409) or no scale set (404): nothing to cancel.
            if (status != 409 && status != 404) throw e;
          }
          return null;
        });
  }
}
