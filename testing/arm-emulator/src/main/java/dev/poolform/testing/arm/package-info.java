/**
 * A small stateful emulator of Azure Resource Manager's Microsoft.Compute scale set surface, for
 * tests only. No public emulator serves virtualMachineScaleSets without Docker, so the provider is
 * proven against this one, which follows the REST spec (2025-11-01) and Microsoft's official
 * examples (replayed by {@code SpecExampleReplayTest}), and enforces what ARM refuses, limits,
 * throttling and the health rolling upgrades wait for, each rule citing its source beside it
 * (checked by {@code ArmRulesTest}). It serves plain HTTP on loopback; the provider reaches it in
 * its explicit emulator mode (loopback endpoint plus {@code POOLFORM_AZURE_TEST_TOKEN}), and the
 * emulator checks that bearer token on every request. For the production credential path it can
 * also serve https ({@code SelfSignedTls}) together with the identity platform's token endpoint
 * ({@code TokenIssuer}), which issues the one bearer token it then accepts.
 */
package dev.poolform.testing.arm;
