/**
 * End-to-end tests: the {@code pool} commands driven as a user would, in-process for speed, on the
 * local cloud, on moto (AWS) and on the ARM emulator (Azure); and the crash tests, which SIGKILL
 * real {@code pool apply} processes ({@link dev.poolform.cli.e2e.ChildApply}) by one procedure
 * ({@link dev.poolform.cli.e2e.CrashRun}) on the local cloud and on moto. All are slow, so their
 * classes end in {@code IT}: Failsafe runs them in {@code verify}, and {@code test} leaves them
 * out.
 */
package dev.poolform.cli.e2e;
