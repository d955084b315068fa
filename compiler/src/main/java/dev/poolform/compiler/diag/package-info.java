/**
 * Diagnostics as values: a stable code, a severity, a primary span, one sentence, related notes and
 * a help line. Every phase reports into a {@link dev.poolform.compiler.diag.DiagnosticSink};
 * nothing here prints (renderers live beside the CLI's views).
 */
package dev.poolform.compiler.diag;
