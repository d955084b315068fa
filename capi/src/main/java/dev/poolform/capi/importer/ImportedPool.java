package dev.poolform.capi.importer;

import java.util.Optional;

/**
 * One pool read back from manifests, before clouds are named.
 *
 * @param location the Azure location from the manifest, if any
 * @param zoneHint an AWS availability zone, to guess the region from
 */
record ImportedPool(
    String name,
    String cloudKind,
    String cluster,
    Optional<String> location,
    Optional<String> zoneHint,
    Block body) {}
