/**
 * {@code state azurerm { ... }}: the state kept as one block blob, written only if its ETag is as
 * last read, and locked by an infinite lease on the blob, as Terraform's azurerm backend locks
 * (docs/runtime.md#azurerm).
 */
package dev.poolform.provider.azure.state;
