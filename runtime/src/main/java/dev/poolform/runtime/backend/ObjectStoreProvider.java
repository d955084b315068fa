package dev.poolform.runtime.backend;

import dev.poolform.ir.IrBackend;
import dev.poolform.runtime.state.StateException;
import java.util.Map;

/**
 * Opens the {@link ObjectStore} of a {@code state} block's kind ({@code s3}, {@code azurerm}): the
 * cloud modules provide one each through {@link java.util.ServiceLoader}, as they provide clouds,
 * so the runtime needs no cloud SDK.
 */
public interface ObjectStoreProvider {

  /** The {@code state} block kind this provider serves. */
  String kind();

  /**
   * @param environment where the SDK's settings are read from (endpoint overrides)
   * @throws StateException of kind {@code IO} when the store cannot be opened (no credentials)
   */
  ObjectStore open(IrBackend spec, Map<String, String> environment) throws StateException;
}
