package dev.poolform.runtime.provider;

/**
 * One cloud kind ({@code local}, {@code aws}, {@code azure}). Implementations are found with {@link
 * java.util.ServiceLoader}, so the runtime never names a cloud SDK.
 */
public interface CloudProvider {
  /** The cloud kind this provider serves (docs/language.md#clouds-and-machines). */
  String kind();

  /**
   * Opens a session for one declared cloud. Checks credentials and required settings before any
   * mutating call and fails with a {@link ProviderException} that says what is missing.
   */
  CloudSession connect(CloudTarget cloud, ProviderContext context) throws ProviderException;

  /**
   * Attribute paths (e.g. {@code machine.orchestration}) whose change cannot be rolled out on this
   * cloud: the group must be replaced (created anew, then the old one deleted).
   */
  default java.util.Set<String> immutableAttributes() {
    return java.util.Set.of();
  }

  /**
   * Why changing one attribute of the pool from {@code before} to {@code after} cannot be done in
   * place on this cloud, so the group must be replaced; empty when it can. For the clouds where
   * that depends on the values (an Azure subnet may move within its virtual network, not to
   * another). By default: the path is at or under one of {@link #immutableAttributes()}.
   *
   * @param path the changed attribute, e.g. {@code machine.subnet}
   * @param before its applied value (a missing node when it was not set)
   * @param after its configured value (a missing node when it is no longer set)
   */
  default java.util.Optional<String> replaceReason(
      String path,
      com.fasterxml.jackson.databind.JsonNode before,
      com.fasterxml.jackson.databind.JsonNode after) {
    for (String i : immutableAttributes()) {
      if (path.equals(i) || path.startsWith(i + "."))
        return java.util.Optional.of(path + " changed and cannot change in place");
    }
    return java.util.Optional.empty();
  }
}
