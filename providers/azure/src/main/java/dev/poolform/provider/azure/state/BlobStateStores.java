package dev.poolform.provider.azure.state;

import dev.poolform.ir.IrBackend;
import dev.poolform.runtime.backend.ObjectStore;
import dev.poolform.runtime.backend.ObjectStoreProvider;
import dev.poolform.runtime.state.StateException;
import java.util.Map;

/** Serves {@code state azurerm { ... }} blocks (found by {@link java.util.ServiceLoader}). */
public final class BlobStateStores implements ObjectStoreProvider {
  @Override
  public String kind() {
    return "azurerm";
  }

  @Override
  public ObjectStore open(IrBackend spec, Map<String, String> environment) throws StateException {
    return BlobStateStore.open(spec, environment);
  }
}
