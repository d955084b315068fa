/*
 * Lexer for the .pool language (docs/language.md#lexical-structure).
 *
 * Why a separate lexer grammar: strings with interpolation ("web-${env}", "${ f("x") }") and
 * heredocs need lexer modes, and ANTLR allows modes only in lexer grammars, so the grammar is
 * split into PoolLexer.g4 and PoolParser.g4 (the generated classes keep the names a combined
 * grammar `Pool` would have had: PoolLexer, PoolParser).
 *
 * Error tokens: the lexer never fails. Input it cannot make sense of becomes a token the parse
 * facade (dev.poolform.compiler.syntax) turns into a diagnostic:
 *   ERROR_CHAR            E0105 invalid character (`@`, a lone `$`, control characters, non-ASCII
 *                         outside strings and comments)
 *   BAD_NUMBER            E0104 malformed literal (`12abc`, `5mins`, `1.2.3`)
 *   UNTERMINATED_COMMENT  E0102 (a block comment running to the end of the file)
 *   UNTERMINATED_STRING / UNTERMINATED_HEREDOC  E0102; the lexer also records where the string
 *                         started (unterminated()) so the message points at the opening quote.
 * ESCAPE tokens are checked when the string is decoded (E0103). Integer overflow is found when
 * the literal is decoded (E0104).
 *
 * This grammar is the specification of the lexer; the compiler reads with a hand-written copy of
 * it (dev.poolform.compiler.syntax.lexer, which does not interpret an ATN at start-up), and its
 * LexerConformanceTest compares the two token for token. Change both together.
 */
lexer grammar PoolLexer;

tokens { UNTERMINATED_STRING, UNTERMINATED_HEREDOC, INTERP_START }

@lexer::members {
  /** An unterminated string or heredoc: where its opening delimiter is (code point offsets). */
  public record Unterminated(int start, int stop, boolean heredoc, boolean atEof) {}

  /** Open strings and heredocs, innermost last: {start, stop, heredoc ? 1 : 0}. */
  private final java.util.ArrayDeque<int[]> openStrings = new java.util.ArrayDeque<>();
  /** Markers of the open heredocs, innermost first. */
  private final java.util.ArrayDeque<String> heredocMarkers = new java.util.ArrayDeque<>();
  private final java.util.List<Unterminated> unterminated = new java.util.ArrayList<>();
  private Token pendingEof;

  /** Strings and heredocs that never ended, in the order they were found. */
  public java.util.List<Unterminated> unterminated() {
    return unterminated;
  }

  private void openString() {
    openStrings.push(new int[] {_tokenStartCharIndex, _tokenStartCharIndex, 0});
  }

  private void openHeredoc() {
    String text = getText();
    int i = text.startsWith("<<-") ? 3 : 2;
    int j = i;
    while (j < text.length() && (Character.isLetterOrDigit(text.charAt(j)) || text.charAt(j) == '_')) j++;
    heredocMarkers.push(text.substring(i, j));
    openStrings.push(new int[] {_tokenStartCharIndex, _tokenStartCharIndex + j - 1, 1});
  }

  private void closeString() {
    int[] o = openStrings.poll();
    if (o != null && o[2] == 1) heredocMarkers.poll();
  }

  /** A string broken by a line end: record it, leave string mode. */
  private void breakString() {
    int[] o = openStrings.poll();
    if (o != null) unterminated.add(new Unterminated(o[0], o[1], false, false));
  }

  /** A `}` closes an interpolation or a brace pushed by `{`; a stray one must not empty the stack. */
  private void popBrace() {
    if (!_modeStack.isEmpty()) popMode();
  }

  /** The closing marker of the innermost heredoc: alone on its line, indentation allowed. */
  private boolean atHeredocEnd() {
    String marker = heredocMarkers.peek();
    if (marker == null) return false;
    int start = _tokenStartCharIndex;
    if (start > 0) {
      String before = _input.getText(org.antlr.v4.runtime.misc.Interval.of(start - 1, start - 1));
      if (!before.equals("\n")) return false;
    }
    String text = _input.getText(org.antlr.v4.runtime.misc.Interval.of(start, _input.index() - 1));
    if (!text.strip().equals(marker)) return false;
    int next = _input.LA(1);
    return next == '\n' || next == '\r' || next == IntStream.EOF;
  }

  /**
   * `25%` is a percentage, but `a%b` and `10%(x)` are modulo: after digits, `%` belongs to the
   * literal unless a name, a digit or `(` follows right away.
   */
  private boolean percentHere() {
    int next = _input.LA(1);
    return !(Character.isLetterOrDigit(next) || next == '_' || next == '(');
  }

  /** At the end of input, report every string or heredoc still open as an error token first. */
  @Override
  public Token nextToken() {
    Token t = pendingEof != null ? pendingEof : super.nextToken();
    if (t.getType() == Token.EOF && !openStrings.isEmpty()) {
      pendingEof = t;
      int[] o = openStrings.poll();
      if (o[2] == 1) heredocMarkers.poll();
      unterminated.add(new Unterminated(o[0], o[1], o[2] == 1, true));
      CommonToken err = new CommonToken(_tokenFactorySourcePair,
          o[2] == 1 ? UNTERMINATED_HEREDOC : UNTERMINATED_STRING, Token.DEFAULT_CHANNEL,
          t.getStartIndex(), t.getStartIndex() - 1);
      err.setText("");
      err.setLine(t.getLine());
      err.setCharPositionInLine(t.getCharPositionInLine());
      return err;
    }
    pendingEof = null;
    return t;
  }
}

// ---------------------------------------------------------------------------------------------
// Default mode: declarations and expressions (also the inside of `${ ... }`).

WS            : [ \t\r\n\f\u000B\uFEFF]+ -> skip ;
LINE_COMMENT  : ('#' | '//') ~[\r\n]* -> channel(HIDDEN) ;
BLOCK_COMMENT : '/*' .*? '*/' -> channel(HIDDEN) ;
// Loses to BLOCK_COMMENT whenever a `*/` exists (it cannot cross one and is then shorter).
UNTERMINATED_COMMENT : '/*' ( ~'*' | '*'+ ~[*/] )* '*'* -> channel(HIDDEN) ;

IMPORT   : 'import' ;
CLOUD    : 'cloud' ;
TEMPLATE : 'template' ;
POOL     : 'pool' ;
LET      : 'let' ;
FROM     : 'from' ;
ON       : 'on' ;
// `moved { from = pool.old  to = pool.new }` (docs/language.md#moved): a pool's new address.
MOVED    : 'moved' ;
FOR      : 'for' ;
IN       : 'in' ;
IF       : 'if' ;
ELSE     : 'else' ;
TRUE     : 'true' ;
FALSE    : 'false' ;
NULL     : 'null' ;
EXTERNAL : 'external' ;
// Input variables: `variable "name" { ... }` declares one, `var.name` reads it.
VARIABLE : 'variable' ;
VAR      : 'var' ;
// `state KIND { ... }`: where the state is kept (docs/language.md#state).
STATE    : 'state' ;

// Literals. Order matters only for equal lengths: the specific forms beat BAD_NUMBER, which
// catches the longest digit-led run of letters, digits and dots (`12abc`, `5mins`, `2h30`).
DURATION : (DIGITS ('ms' | 's' | 'm' | 'h' | 'd'))+ ;
BYTES    : DIGITS ('B' | 'KB' | 'MB' | 'GB' | 'TB' | 'KiB' | 'MiB' | 'GiB' | 'TiB') ;
PERCENT  : DIGITS ('.' DIGITS)? '%' {percentHere()}? ;
NUMBER   : DIGITS '.' DIGITS EXPONENT? | DIGITS EXPONENT ;
INT      : DIGITS ;
BAD_NUMBER : [0-9] [0-9A-Za-z_.]* ;

IDENT : [A-Za-z_] [A-Za-z0-9_]* ;

HEREDOC_START : '<<' '-'? [A-Za-z_] [A-Za-z0-9_]* [ \t]* '\r'? '\n' { openHeredoc(); } -> pushMode(HEREDOC) ;
STRING_START  : '"' { openString(); } -> pushMode(STR) ;

// Braces nest modes so that the `}` closing `${` returns to the string it came from.
LBRACE : '{' -> pushMode(DEFAULT_MODE) ;
RBRACE : '}' { popBrace(); } ;
LPAREN : '(' ;
RPAREN : ')' ;
LBRACK : '[' ;
RBRACK : ']' ;
COMMA  : ',' ;
DOT    : '.' ;
EQ     : '==' ;
NE     : '!=' ;
LE     : '<=' ;
GE     : '>=' ;
LT     : '<' ;
GT     : '>' ;
AND    : '&&' ;
OR     : '||' ;
ASSIGN : '=' ;
NOT    : '!' ;
PLUS   : '+' ;
MINUS  : '-' ;
STAR   : '*' ;
SLASH  : '/' ;
PERCENT_OP : '%' ;
QUESTION   : '?' ;
COLON      : ':' ;

ERROR_CHAR : . ;

fragment DIGITS   : [0-9]+ ;
fragment EXPONENT : [eE] [+-]? [0-9]+ ;

// ---------------------------------------------------------------------------------------------
// Inside "...": text, escapes (validated when decoded), `${` interpolation, `$${` a literal `${`.
mode STR;

STRING_END     : '"' { closeString(); } -> popMode ;
STR_INTERP     : '${' -> type(INTERP_START), pushMode(DEFAULT_MODE) ;
DOLLAR_ESCAPE  : '$${' ;
STR_DOLLAR     : '$' -> type(TEXT) ;
ESCAPE         : '\\' ( 'u{' [0-9A-Za-z]* '}' | ~[\r\n] )? ;
TEXT           : ~["\\$\n]+ ;
// A quoted string may not span lines: the line end terminates it with an error.
STR_NEWLINE    : '\n' { breakString(); } -> type(UNTERMINATED_STRING), popMode ;

// ---------------------------------------------------------------------------------------------
// Inside a heredoc: verbatim lines, `${` interpolation, `$${` a literal `${`, and the end marker.
mode HEREDOC;

HEREDOC_END    : [ \t]* [A-Za-z_] [A-Za-z0-9_]* {atHeredocEnd()}? { closeString(); } -> popMode ;
HD_INTERP      : '${' -> type(INTERP_START), pushMode(DEFAULT_MODE) ;
HD_DOLLAR_ESC  : '$${' -> type(DOLLAR_ESCAPE) ;
HD_DOLLAR      : '$' -> type(TEXT) ;
HD_TEXT        : ~[$\r\n]+ -> type(TEXT) ;
HD_NEWLINE     : ('\r'? '\n' | '\r') -> type(TEXT) ;

