/**
 * The provider-neutral intermediate representation: every pool evaluated, checked and filled with
 * defaults, and its canonical JSON. The runtime, the providers and Cluster API output read only
 * this, never the AST; it lives in its own module so none of them loads the parser.
 */
package dev.poolform.ir;
