package dev.poolform.capi.emit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * The provider's half of a pool: its document, what the core object's {@code infrastructureRef}
 * names, and the zones the core object carries as failure domains.
 */
record Infra(ObjectNode document, String apiVersion, String kind, List<String> failureDomains) {
  Infra {
    failureDomains = List.copyOf(failureDomains);
  }
}
