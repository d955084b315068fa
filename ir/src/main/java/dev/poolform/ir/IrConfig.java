package dev.poolform.ir;

import java.util.List;

/**
 * The evaluated configuration: what the runtime plans against and what {@code pool compile --emit
 * ir} prints (docs/json.md#ir). Pools are sorted by address; the renames the configuration declares
 * (its move blocks) are sorted by their old address.
 */
public record IrConfig(int version, List<IrPool> pools, List<IrMove> moves) {
  public static final int VERSION = 1;

  public IrConfig {
    pools = List.copyOf(pools);
    moves = List.copyOf(moves);
  }

  /** A configuration without {@code moved} blocks. */
  public IrConfig(int version, List<IrPool> pools) {
    this(version, pools, List.of());
  }
}
