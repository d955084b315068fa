/**
 * How a pool maps onto AWS: resource names, tags, the launch template data built from the {@code
 * machine} block, the Auto Scaling group's launch settings, and the way back (template version and
 * group to machine attributes) for drift. Pure functions over SDK model objects; no calls.
 */
package dev.poolform.provider.aws.mapping;
