package dev.poolform.provider.aws.state;

import dev.poolform.ir.IrBackend;
import dev.poolform.runtime.backend.ObjectStore;
import dev.poolform.runtime.backend.ObjectStoreProvider;
import dev.poolform.runtime.state.StateException;
import java.util.Map;

/** Serves {@code state s3 { ... }} blocks (found by {@link java.util.ServiceLoader}). */
public final class S3StateStores implements ObjectStoreProvider {
  @Override
  public String kind() {
    return "s3";
  }

  @Override
  public ObjectStore open(IrBackend spec, Map<String, String> environment) throws StateException {
    return S3StateStore.open(spec, environment);
  }
}
