package dev.poolform.compiler.syntax.lexer;

/**
 * A string or heredoc that never ended: where its opening delimiter is, in code point offsets
 * ({@code stop} is the last character of a heredoc's marker), and whether the end of the file or a
 * line end cut it off.
 */
public record Unterminated(int start, int stop, boolean heredoc, boolean atEof) {}
