/**
 * What the server knows about the user's files: the open buffers, which configuration each file
 * belongs to, and the latest analysis of each configuration, recompiled on a worker thread as the
 * user types.
 */
package dev.poolform.lsp.workspace;
