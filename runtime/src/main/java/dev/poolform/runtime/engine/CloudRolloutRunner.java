package dev.poolform.runtime.engine;

import dev.poolform.ir.IrCapacity;
import dev.poolform.ir.IrRollout;
import dev.poolform.runtime.event.ApplyEvent;
import dev.poolform.runtime.provider.CapacityRequest;
import dev.poolform.runtime.provider.CloudRolloutStatus;
import dev.poolform.runtime.provider.CloudRollouts;
import dev.poolform.runtime.provider.CloudSession;
import dev.poolform.runtime.provider.GroupRef;
import dev.poolform.runtime.provider.ProviderException;
import dev.poolform.runtime.state.RolloutProgress;
import dev.poolform.runtime.state.StateException;
import java.time.Instant;
import java.util.Optional;

/**
 * {@code engine = "cloud"}: the cloud replaces the machines (AWS instance refresh, Azure rolling
 * upgrade). Starts it (or picks up the one an interrupted apply started, whose id state kept),
 * polls its status until done or {@code rollout.timeout}, and cancels it on timeout.
 */
final class CloudRolloutRunner {
  private final StepContext ctx;
  private final CloudSession session;
  private final CloudRollouts rollouts;

  CloudRolloutRunner(StepContext ctx, CloudSession session, CloudRollouts rollouts) {
    this.ctx = ctx;
    this.session = session;
    this.rollouts = rollouts;
  }

  /**
   * @param configured the pool's configured capacity: what the cloud's rollout settings are mapped
   *     against (docs/rollout.md)
   * @param desired the size rolled at, for progress events (the live size under external)
   */
  String run(
      GroupRef ref,
      IrRollout rollout,
      IrCapacity configured,
      long desired,
      CapacityRequest capacity,
      RolloutProgress progress)
      throws ProviderException, StepFailure, StateException {
    String address = ref.address();
    ctx.intents()
        .run("set-capacity", address, ref.name(), () -> session.setCapacity(ref, capacity));
    String id = startOrResume(ref, rollout, configured, progress);
    return await(ref, rollout, desired, id);
  }

  /** The id of the cloud rollout: the one state remembers if it still runs, else a new one. */
  private String startOrResume(
      GroupRef ref, IrRollout rollout, IrCapacity configured, RolloutProgress progress)
      throws ProviderException, StateException {
    String address = ref.address();
    Optional<CloudRolloutStatus> running = Optional.empty();
    if (progress.cloudRolloutId().isPresent()) {
      running =
          rollouts
              .status(ref)
              .filter(s -> s.id().equals(progress.cloudRolloutId().get()) && !s.done());
    }
    String id;
    if (running.isPresent()) {
      id = running.get().id();
      ctx.emit(new ApplyEvent.Message(ctx.now(), address, "resuming cloud rollout " + id));
    } else {
      id =
          ctx.intents()
              .call(
                  "cloud-rollout",
                  address,
                  ref.name(),
                  null,
                  t -> rollouts.start(ref, rollout, configured),
                  (s, started) ->
                      s.resource(address)
                          .map(
                              r ->
                                  s.withResource(
                                      r.withRollout(
                                          Optional.of(progress.withCloudRolloutId(started)))))
                          .orElse(s));
      ctx.emit(new ApplyEvent.Message(ctx.now(), address, "started cloud rollout " + id));
    }
    return id;
  }

  /** Polls until the cloud says the rollout ended; past the timeout, cancels it and fails. */
  private String await(GroupRef ref, IrRollout rollout, long desired, String id)
      throws ProviderException, StepFailure, StateException {
    String address = ref.address();
    Instant deadline = ctx.now().plus(rollout.timeout());
    int lastPercent = -1;
    while (true) {
      Optional<CloudRolloutStatus> st = rollouts.status(ref);
      if (st.isPresent()) {
        CloudRolloutStatus s = st.get();
        if (s.percentComplete() != lastPercent) {
          lastPercent = s.percentComplete();
          ctx.emit(
              new ApplyEvent.RolloutProgress(
                  ctx.now(), address, 0, 0, 0, desired, s.percentComplete(), true));
        }
        if (s.done()) {
          if (s.phase() == CloudRolloutStatus.Phase.SUCCEEDED)
            return "cloud rollout " + id + " finished";
          throw new StepFailure(
              "cloud rollout "
                  + id
                  + " ended "
                  + s.phase().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ')
                  + (s.message() == null || s.message().isBlank() ? "" : ": " + s.message()),
              "rollout");
        }
      }
      if (ctx.now().isAfter(deadline)) {
        ctx.intents().run("cancel-cloud-rollout", address, ref.name(), () -> rollouts.cancel(ref));
        throw new StepFailure(
            "cloud rollout "
                + id
                + " did not finish within rollout.timeout ("
                + Durations.text(rollout.timeout())
                + "); it was cancelled",
            "rollout.timeout");
      }
      ctx.pause(ctx.options().pollInterval());
    }
  }
}
