package dev.poolform.ir;

import java.util.List;
import java.util.Optional;

/**
 * The evaluated configuration: what the runtime plans against and what {@code pool compile --emit
 * ir} prints (docs/json.md#ir). Pools are sorted by address.
 *
 * <p>{@code backend} is the {@code state} block: it says where the runtime keeps the state, not
 * what the clouds should hold, so it is not part of the IR's JSON nor of a plan's configuration
 * hash.
 */
public record IrConfig(int version, List<IrPool> pools, Optional<IrBackend> backend) {
  public static final int VERSION = 1;

  public IrConfig {
    pools = List.copyOf(pools);
  }

  /** A configuration without a {@code state} block (the local state file). */
  public IrConfig(int version, List<IrPool> pools) {
    this(version, pools, Optional.empty());
  }
}
