package dev.poolform.runtime.local;

import dev.poolform.stdlib.value.MapValue;
import java.util.List;

/**
 * What a group launches new machines from, like an ASG's launch template version or a VMSS model.
 *
 * @param version raised by every model update, starting at 1
 * @param specHash the engine's hash of the machine spec; stamped on every machine launched
 * @param machine the machine attributes (size, image, zones), secrets as digests only
 */
public record LocalModel(long version, String specHash, MapValue machine) {
  /** {@code machine.zones}, in the order given; empty when the pool names none. */
  public List<String> zones() {
    return machine.get("zones").isPresent()
        ? machine.strings("zones").orElse(List.of())
        : List.of();
  }
}
