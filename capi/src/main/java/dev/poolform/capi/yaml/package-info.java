/**
 * YAML in and out for Cluster API manifests: a deterministic multi-document writer and a safe
 * loader for untrusted input (alias, size and nesting limits). Both use jackson-dataformat-yaml.
 */
package dev.poolform.capi.yaml;
