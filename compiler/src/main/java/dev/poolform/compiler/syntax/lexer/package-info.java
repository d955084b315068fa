/**
 * The compiler's lexer: {@code .pool} text to the token stream ANTLR's parser reads, written by
 * hand so that a cold {@code pool validate} does not deserialise and interpret the generated
 * lexer's ATN (building its DFA while it reads cost about as much as the rest of the compiler's own
 * phases; docs/BENCHMARKS.md#cold-start).
 *
 * <p>{@code grammar/.../PoolLexer.g4} stays the specification: {@link
 * dev.poolform.compiler.syntax.lexer.Lexer} produces exactly its tokens (types, text, channels,
 * line and column, code point indexes, modes, semantic predicates, error tokens and the list of
 * unterminated strings), and the tests compare the two token for token on every {@code .pool} file
 * of the repository and on many thousands of generated and mutated inputs. A change to the
 * grammar's lexer rules must be made here too; those tests fail until it is.
 *
 * <p>Pieces: {@link dev.poolform.compiler.syntax.lexer.Lexer} (the modes, their stacks and the
 * tokens), {@link dev.poolform.compiler.syntax.lexer.Chars} (the character classes), {@link
 * dev.poolform.compiler.syntax.lexer.Numbers} (which literal starting with a digit is longest),
 * {@link dev.poolform.compiler.syntax.lexer.Keywords} and {@link
 * dev.poolform.compiler.syntax.lexer.Unterminated}.
 */
package dev.poolform.compiler.syntax.lexer;
