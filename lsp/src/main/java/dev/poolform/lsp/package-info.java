/**
 * The Poolform language server ({@code pool lsp}): the LSP lifecycle, the capabilities it
 * announces, and the dispatch of each request to {@code features} under a guard, so that a failing
 * request answers with an error and the server carries on. Speaks JSON-RPC through lsp4j.
 */
package dev.poolform.lsp;
