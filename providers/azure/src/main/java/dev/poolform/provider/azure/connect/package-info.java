/**
 * The {@code azure} cloud block and the connection built from it: settings checked before any call,
 * credentials from {@code DefaultAzureCredential} (environment, managed identity, Azure CLI), a
 * custom Resource Manager endpoint for emulators, and the explicit emulator mode (a loopback
 * endpoint plus {@code POOLFORM_AZURE_TEST_TOKEN}) that tests use; and {@link
 * dev.poolform.provider.azure.connect.ScaleSetApi}, every scale set call Poolform makes, each a
 * retried step that waits on its long-running operation.
 */
package dev.poolform.provider.azure.connect;
