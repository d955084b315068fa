package dev.poolform.runtime.engine;

import dev.poolform.ir.IrCloud;
import dev.poolform.runtime.plan.PoolChange;
import dev.poolform.runtime.plan.StrayGroup;
import dev.poolform.runtime.provider.CloudSession;
import dev.poolform.runtime.provider.GroupRef;
import dev.poolform.runtime.provider.ProviderException;
import dev.poolform.runtime.state.ResourceState;
import dev.poolform.runtime.state.StateException;
import java.util.Optional;

/**
 * Deleting groups: a pool's own group, and the strays an interrupted apply created and never
 * recorded. A group already gone counts as deleted, so a retried delete converges.
 */
final class DeleteSteps {
  private final ChangeContext cc;

  DeleteSteps(ChangeContext cc) {
    this.cc = cc;
  }

  /**
   * Deletes the groups an interrupted apply created and never recorded, first, so the change's own
   * work starts from a cloud that holds only what state knows (and the adopted group, if any).
   */
  String strays(PoolChange c) throws ProviderException, StateException {
    for (StrayGroup stray : c.strays()) {
      IrCloud cloud = cc.cloud(stray.cloud());
      if (cloud == null) {
        throw new ProviderException(
            ProviderException.Kind.CONFIGURATION,
            "cloud " + stray.cloud() + " of stray group " + stray.group().name() + " is unknown");
      }
      CloudSession session = cc.sessions.open(cloud);
      cc.ctx
          .intents()
          .call(
              "delete",
              c.address(),
              stray.group().name(),
              null,
              t -> {
                ChangeContext.deleteIgnoringMissing(session, stray.group());
                return Boolean.TRUE;
              },
              (s, r) -> s);
    }
    return switch (c.strays().size()) {
      case 0 -> "";
      case 1 -> "deleted stray group " + c.strays().get(0).group().name();
      default -> "deleted " + c.strays().size() + " stray groups";
    };
  }

  /** Deletes the pool's group and its state entry in one intent. */
  String delete(PoolChange c) throws ProviderException, StateException {
    String address = c.address();
    Optional<ResourceState> st = cc.ctx.intents().persister().current().resource(address);
    GroupRef ref = st.map(ResourceState::group).or(c::group).orElseThrow();
    IrCloud cloud = st.map(r -> cc.cloudOf(r.cloud())).orElseGet(() -> cc.cloud(c.cloud()));
    if (cloud == null)
      throw new ProviderException(
          ProviderException.Kind.CONFIGURATION, "cloud " + c.cloud() + " is unknown");
    CloudSession session = cc.sessions.open(cloud);
    boolean[] existed = {true};
    cc.ctx
        .intents()
        .call(
            "delete",
            address,
            ref.name(),
            null,
            t -> {
              existed[0] = ChangeContext.deleteIgnoringMissing(session, ref);
              return Boolean.TRUE;
            },
            (s, r) -> s.withoutResource(address));
    return existed[0]
        ? "deleted group " + ref.name()
        : "group " + ref.name() + " was already gone; removed from state";
  }
}
