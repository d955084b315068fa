package dev.poolform.ir;

import java.util.List;

/**
 * The evaluated configuration: what the runtime plans against and what {@code pool compile --emit
 * ir} prints (docs/json.md#ir). Pools are sorted by address; the renames the configuration declares
 * (its move blocks) are sorted by their old address.
 *
 * @param variables the values of the input variables, sorted by name; the runtime does not read
 *     them (pools already hold what they made), they say what the configuration was compiled with
 */
public record IrConfig(
    int version, List<IrPool> pools, List<IrVariable> variables, List<IrMove> moves) {
  public static final int VERSION = 1;

  public IrConfig {
    pools = List.copyOf(pools);
    variables = List.copyOf(variables);
    moves = List.copyOf(moves);
  }

  /** A configuration without variables or {@code moved} blocks. */
  public IrConfig(int version, List<IrPool> pools) {
    this(version, pools, List.of(), List.of());
  }
}
