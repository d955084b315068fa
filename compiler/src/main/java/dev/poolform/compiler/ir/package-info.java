/**
 * The provider-neutral intermediate representation: every pool evaluated, checked and filled with
 * defaults. The runtime, the providers and Cluster API output read only this, never the AST.
 */
package dev.poolform.compiler.ir;
