package dev.poolform.ir;

import java.util.List;
import java.util.Optional;

/**
 * The evaluated configuration: what the runtime plans against and what {@code pool compile --emit
 * ir} prints (docs/json.md#ir). Pools are sorted by address.
 *
 * @param variables the values of the input variables, sorted by name; the runtime does not read
 *     them (pools already hold what they made), they say what the configuration was compiled with
 * @param backend the {@code state} block: it says where the runtime keeps the state, not what the
 *     clouds should hold, so it is not part of the IR's JSON nor of a plan's configuration hash
 */
public record IrConfig(
    int version, List<IrPool> pools, List<IrVariable> variables, Optional<IrBackend> backend) {
  public static final int VERSION = 1;

  public IrConfig {
    pools = List.copyOf(pools);
    variables = List.copyOf(variables);
  }

  /** A configuration without variables nor a {@code state} block (the local state file). */
  public IrConfig(int version, List<IrPool> pools) {
    this(version, pools, List.of(), Optional.empty());
  }
}
