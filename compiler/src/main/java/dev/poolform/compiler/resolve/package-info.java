/**
 * Name resolution: loading a configuration (one file or a directory, plus imports under the
 * project-root rule), the top-level namespace, scopes of loop and if bodies, duplicates, unknown
 * names and functions with spelling suggestions, cycles between lets and in template inheritance,
 * and unused declarations. Results are side tables; the AST is never changed.
 */
package dev.poolform.compiler.resolve;
