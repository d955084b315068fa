package dev.poolform.runtime.provider;

import dev.poolform.ir.IrPool;
import java.util.Map;

/**
 * What a group should look like, as the engine asks a provider to create or update it.
 *
 * @param pool the evaluated pool
 * @param specHash a hash of the machine spec ({@code pool.machine()}); tagged on machines (AWS
 *     instance TagSpecifications, Azure tags, local records) so each machine's generation is known
 *     from the machine itself
 * @param tags labels plus {@code poolform:address}, {@code poolform:lineage}, {@code
 *     poolform:spec-hash}
 */
public record GroupSpec(IrPool pool, String specHash, Map<String, String> tags) {
  public GroupSpec {
    tags = Map.copyOf(tags);
  }

  public String name() {
    return pool.name();
  }

  public String address() {
    return pool.address();
  }
}
