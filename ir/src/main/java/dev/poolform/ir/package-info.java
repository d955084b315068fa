/**
 * The provider-neutral intermediate representation: every pool evaluated, checked and filled with
 * the schema's defaults ({@code IrRollout.of}, {@code IrHealth.of}, {@code IrCapacity.of}); its
 * JSON is {@code ir.json}, the rollout mapping onto the clouds' own rollouts {@code ir.rollout}.
 * The runtime, the providers and Cluster API output read only this, never the AST; it lives in its
 * own module so none of them loads the parser.
 */
package dev.poolform.ir;
