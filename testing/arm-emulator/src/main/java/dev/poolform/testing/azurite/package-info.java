/**
 * Azurite, Microsoft's storage emulator (from the npm registry), started on a free loopback port
 * for the azurerm state backend's tests: the blob service with leases and ETag conditions as Azure
 * Storage serves them.
 */
package dev.poolform.testing.azurite;
