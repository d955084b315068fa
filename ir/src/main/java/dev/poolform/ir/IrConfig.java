package dev.poolform.ir;

import java.util.List;

/**
 * The evaluated configuration: what the runtime plans against and what {@code pool compile --emit
 * ir} prints (docs/json.md#ir). Pools are sorted by address.
 *
 * @param variables the values of the input variables, sorted by name; the runtime does not read
 *     them (pools already hold what they made), they say what the configuration was compiled with
 */
public record IrConfig(int version, List<IrPool> pools, List<IrVariable> variables) {
  public static final int VERSION = 1;

  public IrConfig {
    pools = List.copyOf(pools);
    variables = List.copyOf(variables);
  }

  /** A configuration without variables. */
  public IrConfig(int version, List<IrPool> pools) {
    this(version, pools, List.of());
  }
}
