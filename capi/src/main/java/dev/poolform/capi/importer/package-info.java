/**
 * Cluster API manifests back to a {@code .pool} file ({@code pool import capi}): one pool per
 * MachinePool or MachineDeployment, its provider object, and a matching MachineHealthCheck. Every
 * field that is not understood is listed in a warning; nothing is dropped silently.
 */
package dev.poolform.capi.importer;
