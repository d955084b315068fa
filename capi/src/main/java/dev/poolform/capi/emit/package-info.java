/**
 * IR to Cluster API manifests: one multi-document YAML file per pool (MachinePool or
 * MachineDeployment, the provider's machine pool or machine template, and a MachineHealthCheck).
 * Settings Cluster API cannot express are reported as W0503 warnings that say what was dropped or
 * approximated; pools that cannot be emitted at all get a located E0410.
 */
package dev.poolform.capi.emit;
