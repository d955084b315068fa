package dev.poolform.ir;

import java.util.List;
import java.util.Optional;

/**
 * The evaluated configuration: what the runtime plans against and what {@code pool compile --emit
 * ir} prints (docs/json.md#ir). Pools are sorted by address; the renames the configuration declares
 * (its move blocks) are sorted by their old address.
 *
 * @param variables the values of the input variables, sorted by name; the runtime does not read
 *     them (pools already hold what they made), they say what the configuration was compiled with
 * @param backend the {@code state} block: it says where the runtime keeps the state, not what the
 *     clouds should hold, so it is not part of the IR's JSON nor of a plan's configuration hash
 */
public record IrConfig(
    int version,
    List<IrPool> pools,
    List<IrVariable> variables,
    List<IrMove> moves,
    Optional<IrBackend> backend) {
  public static final int VERSION = 1;

  public IrConfig {
    pools = List.copyOf(pools);
    variables = List.copyOf(variables);
    moves = List.copyOf(moves);
  }

  /** A configuration without variables, {@code moved} blocks nor a {@code state} block. */
  public IrConfig(int version, List<IrPool> pools) {
    this(version, pools, List.of(), List.of(), Optional.empty());
  }
}
