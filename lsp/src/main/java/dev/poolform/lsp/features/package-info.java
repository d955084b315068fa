/**
 * The answers to the editor's requests, one concept a class: diagnostics, hover, completion,
 * navigation (definition, references, rename), the outline, formatting and quick fixes. Each takes
 * an analysis snapshot and returns lsp4j values; none of them parses or checks anything itself.
 */
package dev.poolform.lsp.features;
