package dev.poolform.ir;

import java.util.List;

/**
 * The evaluated configuration: what the runtime plans against and what {@code pool compile --emit
 * ir} prints (docs/json.md#ir). Pools are sorted by address.
 */
public record IrConfig(int version, List<IrPool> pools) {
  public static final int VERSION = 1;

  public IrConfig {
    pools = List.copyOf(pools);
  }
}
