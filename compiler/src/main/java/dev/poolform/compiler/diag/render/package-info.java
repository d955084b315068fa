/**
 * Turns diagnostics into text for people ({@link dev.poolform.compiler.diag.render.TextRenderer})
 * and JSON for tools and editors ({@link dev.poolform.compiler.diag.render.JsonRenderer}).
 * Renderers return strings; only the CLI prints them. Golden {@code .err} files are the text form
 * without colour, so a change here shows up in every golden case.
 */
package dev.poolform.compiler.diag.render;
