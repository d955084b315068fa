/**
 * {@code pool fmt}: the canonical layout of a {@code .pool} file, keeping every comment.
 *
 * <p>{@link dev.poolform.compiler.format.Formatter} parses the file (with its comments) and {@link
 * dev.poolform.compiler.format.Layout} prints the AST again, placing each comment by its source
 * position. Before a result is returned it is parsed again and compared with the input ({@link
 * dev.poolform.compiler.format.AstShape}): same declarations and values, same comments in the same
 * order. If not (a comment in a place the layout does not model), the input is returned unchanged:
 * fmt must never change what a file means or lose a comment.
 */
package dev.poolform.compiler.format;
