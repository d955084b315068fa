/**
 * The parse facade: source text to the immutable AST ({@link dev.poolform.compiler.ast}). This is
 * the only package (with its {@link dev.poolform.compiler.syntax.lexer lexer}) that sees ANTLR
 * types. {@link dev.poolform.compiler.syntax.Parser#parse} never throws: lexical and syntax errors
 * (E0101–E0106) become diagnostics, unparseable pieces become {@link
 * dev.poolform.compiler.ast.Expr.Invalid} or are dropped, and deep nesting is cut off with E0106
 * before it can overflow the stack.
 *
 * <p>{@link dev.poolform.compiler.syntax.Parser#parseWithComments} also returns the comments
 * ({@link dev.poolform.compiler.syntax.Comment}) for {@code pool fmt}.
 *
 * <p>AST conventions decided here: a bare map key ({@code { team = 1 }}) is a constant {@link
 * dev.poolform.compiler.ast.StringExpr} with {@code bareKey} set; a minus directly before an
 * integer or number literal is part of the literal ({@code -3} is {@code Literal(INT, -3L)}); an
 * unterminated string or one with a bad escape is {@link dev.poolform.compiler.ast.Expr.Invalid}.
 *
 * <p>Pieces: {@link dev.poolform.compiler.syntax.lexer.Lexer} (the hand-written lexer, held token
 * for token to the grammar's), {@link dev.poolform.compiler.syntax.Parser} (two-stage SLL/LL
 * driver), {@link dev.poolform.compiler.syntax.SyntaxReporter} (error cap, suppression of follow-on
 * errors), {@link dev.poolform.compiler.syntax.ErrorStrategy} and {@link
 * dev.poolform.compiler.syntax.TokenNames} (readable "Expected …, found …" messages), {@link
 * dev.poolform.compiler.syntax.LexicalErrors} and {@link dev.poolform.compiler.syntax.NestingGuard}
 * (checks on the token stream), and the builders {@link dev.poolform.compiler.syntax.DeclBuilder},
 * {@link dev.poolform.compiler.syntax.ExprBuilder}, {@link
 * dev.poolform.compiler.syntax.StringDecoder}, {@link dev.poolform.compiler.syntax.LiteralDecoder}.
 */
package dev.poolform.compiler.syntax;
