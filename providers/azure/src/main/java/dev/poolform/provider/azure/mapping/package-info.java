/**
 * The mapping between a pool and a scale set: the scale set model built from the IR's machine block
 * (SKU, image, zones, subnet, user data, OS disk, Spot), the tags Poolform keeps on it, and the way
 * back from what ARM returns to the IR's shape for drift and the engine's view of machines.
 */
package dev.poolform.provider.azure.mapping;
