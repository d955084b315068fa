package dev.poolform.compiler.syntax.lexer;

import static dev.poolform.grammar.PoolLexer.*;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.antlr.v4.runtime.CharStream;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonToken;
import org.antlr.v4.runtime.CommonTokenFactory;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.TokenFactory;
import org.antlr.v4.runtime.TokenSource;
import org.antlr.v4.runtime.misc.Pair;

/**
 * The tokens of PoolLexer.g4, read by hand (see the package doc for why). Three modes as in the
 * grammar: the default one (declarations and expressions, also inside an interpolation), inside a
 * quoted string and inside a heredoc. An opening brace and an interpolation's opener push the
 * default mode, so that the brace closing an interpolation returns to the string it came from.
 *
 * <p>Indexes, lines and columns count code points, as ANTLR's do. Tokens carry no text of their own
 * (ANTLR's reads it from the character stream), except the empty error tokens reported for strings
 * still open at the end of the file.
 */
public final class Lexer implements TokenSource {
  private static final int DEFAULT_MODE = 0;
  private static final int STR = 1;
  private static final int HEREDOC = 2;

  private final CharStream input;
  private final Pair<TokenSource, CharStream> source;
  private final int[] cp;
  private int pos;
  private int line = 1;
  private int column;
  private int mode = DEFAULT_MODE;
  private int[] modes = new int[8];
  private int depth;

  /** Open strings and heredocs, innermost first: {start, stop, heredoc ? 1 : 0}. */
  private final ArrayDeque<int[]> openStrings = new ArrayDeque<>();

  /** Markers of the open heredocs, innermost first. */
  private final ArrayDeque<String> heredocMarkers = new ArrayDeque<>();

  private final List<Unterminated> unterminated = new ArrayList<>();
  private Token pendingEof;

  /** A lexer of {@code text}; {@code sourceName} is what the tokens' stream is called. */
  public Lexer(String text, String sourceName) {
    this.input = CharStreams.fromString(text, sourceName);
    this.source = new Pair<>(this, input);
    this.cp = codePoints(input);
  }

  /** The stream's code points, read once: the same ones ANTLR's lexer sees, lone surrogates too. */
  private static int[] codePoints(CharStream input) {
    int[] out = new int[input.size()];
    for (int i = 0; i < out.length; i++) out[i] = input.LA(i + 1);
    return out;
  }

  /** Strings and heredocs that never ended, in the order they were found. */
  public List<Unterminated> unterminated() {
    return unterminated;
  }

  /** The next token; at the end of the input, each string or heredoc still open first. */
  @Override
  public Token nextToken() {
    Token t = pendingEof != null ? pendingEof : next();
    if (t.getType() == Token.EOF && !openStrings.isEmpty()) {
      pendingEof = t;
      int[] o = openStrings.poll();
      if (o[2] == 1) heredocMarkers.poll();
      unterminated.add(new Unterminated(o[0], o[1], o[2] == 1, true));
      CommonToken err =
          new CommonToken(
              source,
              o[2] == 1 ? UNTERMINATED_HEREDOC : UNTERMINATED_STRING,
              Token.DEFAULT_CHANNEL,
              t.getStartIndex(),
              t.getStartIndex() - 1);
      err.setText("");
      err.setLine(t.getLine());
      err.setCharPositionInLine(t.getCharPositionInLine());
      return err;
    }
    pendingEof = null;
    return t;
  }

  /** The next token of the input (white space skipped), or the end-of-file token. */
  private Token next() {
    while (true) {
      if (pos >= cp.length) return eof();
      Token t;
      switch (mode) {
        case STR:
          t = inString();
          break;
        case HEREDOC:
          t = inHeredoc();
          break;
        default:
          t = inDefault();
          break;
      }
      if (t != null) return t;
    }
  }

  private int at(int i) {
    return i < cp.length ? cp[i] : Chars.EOF;
  }

  /** A token from {@code pos} to {@code end} (exclusive) on the default channel, moving past it. */
  private Token token(int type, int end) {
    return token(type, Token.DEFAULT_CHANNEL, end);
  }

  private Token token(int type, int channel, int end) {
    CommonToken t = new CommonToken(source, type, channel, pos, end - 1);
    t.setLine(line);
    t.setCharPositionInLine(column);
    advance(end);
    return t;
  }

  /** The end-of-file token: empty, at the end. */
  private Token eof() {
    CommonToken t = new CommonToken(source, Token.EOF, Token.DEFAULT_CHANNEL, pos, pos - 1);
    t.setLine(line);
    t.setCharPositionInLine(column);
    return t;
  }

  /** Moves to {@code end}, counting lines as ANTLR does: only {@code \n} starts one. */
  private void advance(int end) {
    for (; pos < end; pos++) {
      if (cp[pos] == '\n') {
        line++;
        column = 0;
      } else {
        column++;
      }
    }
  }

  private void pushMode(int m) {
    if (depth == modes.length) modes = Arrays.copyOf(modes, depth * 2);
    modes[depth++] = mode;
    mode = m;
  }

  private void popMode() {
    mode = modes[--depth];
  }

  // ---------------------------------------------------------------------------------------------
  // Default mode.

  /** One token of the default mode, or null for white space (skipped). */
  private Token inDefault() {
    int c = cp[pos];
    int p = pos;
    if (Chars.isSpace(c)) {
      int e = p + 1;
      while (e < cp.length && Chars.isSpace(cp[e])) e++;
      advance(e);
      return null;
    }
    if (Chars.isNameStart(c)) {
      int e = p + 1;
      while (e < cp.length && Chars.isNamePart(cp[e])) e++;
      int type = e - p > 8 ? IDENT : Keywords.type(ascii(p, e));
      return token(type, e);
    }
    if (Chars.isDigit(c)) {
      long r = Numbers.scan(cp, p);
      return token((int) (r >>> 32), (int) r);
    }
    int n = at(p + 1);
    switch (c) {
      case '#':
        return lineComment(p + 1);
      case '/':
        if (n == '/') return lineComment(p + 2);
        if (n == '*') return blockComment();
        return token(SLASH, p + 1);
      case '<':
        int h = heredocStart();
        if (h > 0) {
          openHeredoc(h);
          Token t = token(HEREDOC_START, h);
          pushMode(HEREDOC);
          return t;
        }
        return token(n == '=' ? LE : LT, n == '=' ? p + 2 : p + 1);
      case '"':
        openStrings.push(new int[] {p, p, 0});
        Token s = token(STRING_START, p + 1);
        pushMode(STR);
        return s;
      case '{':
        Token l = token(LBRACE, p + 1);
        pushMode(DEFAULT_MODE);
        return l;
      case '}':
        // A `}` closes an interpolation or a brace pushed by `{`; a stray one changes nothing.
        Token r = token(RBRACE, p + 1);
        if (depth > 0) popMode();
        return r;
      case '(':
        return token(LPAREN, p + 1);
      case ')':
        return token(RPAREN, p + 1);
      case '[':
        return token(LBRACK, p + 1);
      case ']':
        return token(RBRACK, p + 1);
      case ',':
        return token(COMMA, p + 1);
      case '.':
        return token(DOT, p + 1);
      case '=':
        return n == '=' ? token(EQ, p + 2) : token(ASSIGN, p + 1);
      case '!':
        return n == '=' ? token(NE, p + 2) : token(NOT, p + 1);
      case '>':
        return n == '=' ? token(GE, p + 2) : token(GT, p + 1);
      case '&':
        return n == '&' ? token(AND, p + 2) : token(ERROR_CHAR, p + 1);
      case '|':
        return n == '|' ? token(OR, p + 2) : token(ERROR_CHAR, p + 1);
      case '+':
        return token(PLUS, p + 1);
      case '-':
        return token(MINUS, p + 1);
      case '*':
        return token(STAR, p + 1);
      case '%':
        return token(PERCENT_OP, p + 1);
      case '?':
        return token(QUESTION, p + 1);
      case ':':
        return token(COLON, p + 1);
      default:
        return token(ERROR_CHAR, p + 1);
    }
  }

  /** The name from {@code start} to {@code end}, all ASCII. */
  private String ascii(int start, int end) {
    char[] chars = new char[end - start];
    for (int i = start; i < end; i++) chars[i - start] = (char) cp[i];
    return new String(chars);
  }

  /** {@code ('#' | '//') ~[\r\n]*}, on the hidden channel; {@code from} is past the opener. */
  private Token lineComment(int from) {
    int e = from;
    while (e < cp.length && cp[e] != '\r' && cp[e] != '\n') e++;
    return token(LINE_COMMENT, Token.HIDDEN_CHANNEL, e);
  }

  /**
   * {@code '/*' .*? '*}{@code /'}, ending at the first {@code *}{@code /} after the opener; without
   * one, the grammar's UNTERMINATED_COMMENT is the longest match, and it runs to the end of the
   * file (it cannot cross a {@code *}{@code /}, and there is none).
   */
  private Token blockComment() {
    for (int i = pos + 2; i + 1 < cp.length; i++) {
      if (cp[i] == '*' && cp[i + 1] == '/') {
        return token(BLOCK_COMMENT, Token.HIDDEN_CHANNEL, i + 2);
      }
    }
    return token(UNTERMINATED_COMMENT, Token.HIDDEN_CHANNEL, cp.length);
  }

  /**
   * {@code '<<' '-'? [A-Za-z_] [A-Za-z0-9_]* [ \t]* '\r'? '\n'}: its end, or -1 (then {@code <} is
   * LT or LE).
   */
  private int heredocStart() {
    int i = pos + 1;
    if (at(i) != '<') return -1;
    i++;
    if (at(i) == '-') i++;
    if (!Chars.isNameStart(at(i))) return -1;
    i++;
    while (Chars.isNamePart(at(i))) i++;
    while (at(i) == ' ' || at(i) == '\t') i++;
    if (at(i) == '\r') i++;
    return at(i) == '\n' ? i + 1 : -1;
  }

  /** Records the heredoc opening at {@code pos} (ending at {@code end}) and its marker. */
  private void openHeredoc(int end) {
    int i = pos + (at(pos + 2) == '-' ? 3 : 2);
    int j = i;
    while (j < end && Chars.isNamePart(cp[j])) j++;
    heredocMarkers.push(ascii(i, j));
    openStrings.push(new int[] {pos, j - 1, 1});
  }

  // ---------------------------------------------------------------------------------------------
  // Inside "...": text, escapes (checked when the string is decoded), `${`, `$${`; a line end
  // ends the string with an error.

  private Token inString() {
    int p = pos;
    int c = cp[p];
    switch (c) {
      case '"':
        closeString();
        Token end = token(STRING_END, p + 1);
        popMode();
        return end;
      case '$':
        return dollar();
      case '\\':
        return token(ESCAPE, escapeEnd());
      case '\n':
        int[] o = openStrings.poll();
        if (o != null) unterminated.add(new Unterminated(o[0], o[1], false, false));
        Token broken = token(UNTERMINATED_STRING, p + 1);
        popMode();
        return broken;
      default:
        int e = p + 1;
        while (e < cp.length) {
          int x = cp[e];
          if (x == '"' || x == '\\' || x == '$' || x == '\n') break;
          e++;
        }
        return token(TEXT, e);
    }
  }

  /** {@code '\\' ( 'u{' [0-9A-Za-z]* '}' | ~[\r\n] )?}: its end. */
  private int escapeEnd() {
    int n = at(pos + 1);
    if (n == Chars.EOF || n == '\r' || n == '\n') return pos + 1;
    if (n == 'u' && at(pos + 2) == '{') {
      int i = pos + 3;
      while (Chars.isAlnum(at(i))) i++;
      if (at(i) == '}') return i + 1;
    }
    return pos + 2;
  }

  /** At a dollar in a string or heredoc: an interpolation, its escape, or a lone one (text). */
  private Token dollar() {
    int p = pos;
    if (at(p + 1) == '{') {
      Token t = token(INTERP_START, p + 2);
      pushMode(DEFAULT_MODE);
      return t;
    }
    if (at(p + 1) == '$' && at(p + 2) == '{') return token(DOLLAR_ESCAPE, p + 3);
    return token(TEXT, p + 1);
  }

  private void closeString() {
    int[] o = openStrings.poll();
    if (o != null && o[2] == 1) heredocMarkers.poll();
  }

  // ---------------------------------------------------------------------------------------------
  // Inside a heredoc: verbatim lines, `${`, `$${`, and the end marker.

  private Token inHeredoc() {
    int p = pos;
    int end = heredocEnd();
    if (end > 0) {
      closeString();
      Token t = token(HEREDOC_END, end);
      popMode();
      return t;
    }
    int c = cp[p];
    switch (c) {
      case '$':
        return dollar();
      case '\r':
        return token(TEXT, at(p + 1) == '\n' ? p + 2 : p + 1);
      case '\n':
        return token(TEXT, p + 1);
      default:
        int e = p + 1;
        while (e < cp.length) {
          int x = cp[e];
          if (x == '$' || x == '\r' || x == '\n') break;
          e++;
        }
        return token(TEXT, e);
    }
  }

  /**
   * {@code [ \t]* [A-Za-z_] [A-Za-z0-9_]* {atHeredocEnd()}?}: the innermost heredoc's marker alone
   * on its line (indentation allowed): its end, or -1. The grammar's predicate holds only where the
   * name is followed by a line end or the end of the file, so only the whole name is tried; at the
   * same length the rule beats the heredoc's text.
   */
  private int heredocEnd() {
    String marker = heredocMarkers.peek();
    if (marker == null) return -1;
    if (pos > 0 && cp[pos - 1] != '\n') return -1;
    int i = pos;
    while (at(i) == ' ' || at(i) == '\t') i++;
    if (!Chars.isNameStart(at(i))) return -1;
    int nameStart = i;
    i++;
    while (Chars.isNamePart(at(i))) i++;
    int next = at(i);
    if (next != '\n' && next != '\r' && next != Chars.EOF) return -1;
    if (i - nameStart != marker.length()) return -1;
    for (int k = 0; k < marker.length(); k++) {
      if (cp[nameStart + k] != marker.charAt(k)) return -1;
    }
    return i;
  }

  // ---------------------------------------------------------------------------------------------
  // TokenSource.

  @Override
  public int getLine() {
    return line;
  }

  @Override
  public int getCharPositionInLine() {
    return column;
  }

  @Override
  public CharStream getInputStream() {
    return input;
  }

  @Override
  public String getSourceName() {
    return input.getSourceName();
  }

  /** Tokens are always {@link CommonToken}s made here; a factory set from outside is not used. */
  @Override
  public void setTokenFactory(TokenFactory<?> factory) {}

  @Override
  public TokenFactory<?> getTokenFactory() {
    return CommonTokenFactory.DEFAULT;
  }
}
