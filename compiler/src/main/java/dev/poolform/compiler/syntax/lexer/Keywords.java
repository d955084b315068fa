package dev.poolform.compiler.syntax.lexer;

import static dev.poolform.grammar.PoolLexer.*;

/**
 * The reserved words. In the grammar each is a rule listed before {@code IDENT}, so a name spelled
 * like one (and no longer) is that keyword.
 */
final class Keywords {
  private Keywords() {}

  /** The token type of the name {@code word}: a keyword's, or {@code IDENT}. */
  static int type(String word) {
    switch (word) {
      case "import":
        return IMPORT;
      case "cloud":
        return CLOUD;
      case "template":
        return TEMPLATE;
      case "pool":
        return POOL;
      case "let":
        return LET;
      case "from":
        return FROM;
      case "on":
        return ON;
      case "moved":
        return MOVED;
      case "for":
        return FOR;
      case "in":
        return IN;
      case "if":
        return IF;
      case "else":
        return ELSE;
      case "true":
        return TRUE;
      case "false":
        return FALSE;
      case "null":
        return NULL;
      case "external":
        return EXTERNAL;
      case "variable":
        return VARIABLE;
      case "var":
        return VAR;
      case "state":
        return STATE;
      default:
        return IDENT;
    }
  }
}
