/**
 * The {@code azure} cloud of the provider SPI: one virtual machine scale set per pool, driven
 * through the azure-resourcemanager-compute SDK's generated clients (connect.ScaleSetApi), with
 * batched reads (one paged list per resource group), the SDK's long-running-operation pollers, and
 * errors mapped to {@code ProviderException}s that point at pool attributes.
 */
package dev.poolform.provider.azure;
