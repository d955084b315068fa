/**
 * The engine: {@link Planner} (refresh with one batched read per cloud, adopt what a crashed run
 * created, diff configuration vs state vs live into a {@link dev.poolform.runtime.plan.Plan}),
 * {@link Applier} (a DAG of changes run with bounded parallelism, state persisted after every step,
 * write-ahead intents around every mutating call), {@link RolloutEngine} (Poolform's own rolling
 * replacement, the same on every cloud, through the provider SPI only), cloud-run rollouts and
 * health repair. Providers are found with {@link java.util.ServiceLoader} ({@link
 * ProviderRegistry}); everything a user can get wrong comes back as a {@link Problem}, never an
 * uncaught exception.
 */
package dev.poolform.runtime.engine;
