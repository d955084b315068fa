/**
 * The immutable syntax tree: sealed records with spans. Built by {@code syntax} from the parse
 * tree; no ANTLR type appears here. Resolution and type results live in side tables of later
 * phases, never in these nodes.
 */
package dev.poolform.compiler.ast;
