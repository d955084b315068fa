package dev.poolform.runtime.provider;

/**
 * How to find a group again: the pool's name and the cloud's own id (ASG name or ARN, VMSS resource
 * id, local file name). Persisted in state.
 */
public record GroupRef(String address, String name, String cloudId) {}
