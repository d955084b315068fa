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
}
