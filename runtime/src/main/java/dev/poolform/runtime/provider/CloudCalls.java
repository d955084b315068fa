package dev.poolform.runtime.provider;

/**
 * Where a provider reports every request it sends to a cloud's API, each attempt counted (a request
 * the SDK retries after a throttle is two requests): {@code pool watch --metrics} and {@code pool
 * apply --metrics} turn them into counters by cloud and operation. Each provider reports from the
 * one place all its requests pass (the AWS SDK's metric publisher, the Azure SDK's HTTP pipeline),
 * so no call can be missed. Called from the SDKs' threads: implementations must be thread-safe and
 * quick.
 */
@FunctionalInterface
public interface CloudCalls {
  /** How one request ended. */
  enum Outcome {
    /** The cloud answered with success. */
    OK,
    /** The cloud refused it for its rate (AWS {@code Throttling}, ARM HTTP 429). */
    THROTTLED,
    /** Any other error answer, or no answer (a timeout, a dropped connection). */
    ERROR
  }

  /**
   * @param cloud the cloud block, {@code kind.name}
   * @param operation the API operation ({@code DescribeAutoScalingGroups}; for ARM, the method and
   *     the resource path without names, {@code GET virtualMachineScaleSets/*})
   */
  void completed(String cloud, String operation, Outcome outcome);

  /** Nobody listens. */
  CloudCalls NONE = (cloud, operation, outcome) -> {};
}
