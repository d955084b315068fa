/*
 * Parser for the .pool language (docs/language.md, "Declarations" and "Expressions").
 *
 * Newlines are plain whitespace: no expression can be followed directly by another one or by
 * a name, so `capacity { min = 1 max = 5 }` and the one-per-line form parse alike, and commas
 * between body items are optional.
 *
 * Rules are left-factored (bodyItem, nameOrCall) so that every decision is made on one token;
 * that keeps SLL prediction fast and gives the error reporter exact "expected" sets
 * ("Expected `=` or `{` after `capacity`, found `}`.").
 *
 * Lexer error tokens (ERROR_CHAR, BAD_NUMBER) are accepted as expressions so that a bad
 * character or literal costs one diagnostic, not a cascade; UNTERMINATED_STRING and
 * UNTERMINATED_HEREDOC end a string that never closed.
 */
parser grammar PoolParser;

options { tokenVocab = PoolLexer; }

@parser::members {
  /** Whether the next token is the name `type`: in a variable body its value is a type. */
  private boolean typeAttribute() {
    return "type".equals(_input.LT(1).getText());
  }

  // `pool.NAME` where a value belongs is taken only to be reported (an address is not a value);
  // `pool` followed by anything else is the start of a declaration after an unfinished one.
  private boolean poolAddress() {
    return _input.LA(2) == DOT;
  }
}

file : decl* EOF ;

decl
  : importDecl
  | cloudDecl
  | letDecl
  | templateDecl
  | poolDecl
  | movedDecl
  | forDecl
  | ifDecl
  | stateDecl
  | variableDecl
  ;

importDecl   : IMPORT string ;
cloudDecl    : CLOUD kind=IDENT name=IDENT body ;
stateDecl    : STATE kind=IDENT body ;
letDecl      : LET IDENT ASSIGN expr ;
templateDecl : TEMPLATE IDENT fromClause? body ;
poolDecl     : POOL expr fromClause? ON expr body ;

// `moved { from = pool.old  to = pool.new }`. An address is `pool.` and the pool's name as
// written; a name with `-` lexes as several tokens (`web-prod`, `web-1`, `api-2m`), which the
// builder joins and requires to touch (docs/language.md#moved).
movedDecl    : MOVED LBRACE (movedItem COMMA?)* RBRACE ;
movedItem    : key=(FROM | IDENT) ASSIGN movedAddress ;
movedAddress : POOL DOT movedWord (MINUS movedWord)* ;
movedWord    : IDENT | INT | DURATION | BYTES | BAD_NUMBER ;
fromClause   : FROM IDENT (COMMA IDENT)* ;
forDecl      : FOR first=IDENT (COMMA second=IDENT)? IN expr declBlock ;
ifDecl       : IF expr declBlock (ELSE (declBlock | ifDecl))? ;
declBlock    : LBRACE decl* RBRACE ;

body     : LBRACE (bodyItem COMMA?)* RBRACE ;
bodyItem : IDENT (ASSIGN expr | body) ;

// Precedence from highest (first) to lowest (last), as in docs/language.md#operators.
expr
  : primary                                          # primaryExpr
  | expr DOT IDENT                                   # memberExpr
  | expr LBRACK expr RBRACK                          # indexExpr
  | op=(MINUS | NOT) expr                            # unaryExpr
  | expr op=(STAR | SLASH | PERCENT_OP) expr         # binaryExpr
  | expr op=(PLUS | MINUS) expr                      # binaryExpr
  | expr op=(LT | LE | GT | GE) expr                 # binaryExpr
  | expr op=(EQ | NE) expr                           # binaryExpr
  | expr op=AND expr                                 # binaryExpr
  | expr op=OR expr                                  # binaryExpr
  | <assoc=right> expr QUESTION expr COLON expr      # conditionalExpr
  ;

primary
  : lit=(INT | NUMBER | DURATION | PERCENT | BYTES | TRUE | FALSE | NULL | EXTERNAL)  # literal
  | string                                                    # stringPrimary
  | heredoc                                                   # heredocPrimary
  | LBRACK (expr (COMMA expr)* COMMA?)? RBRACK                # listLiteral
  | LBRACE (mapEntry COMMA?)* RBRACE                          # mapLiteral
  | IDENT (LPAREN (expr (COMMA expr)* COMMA?)? RPAREN)?       # nameOrCall
  | VAR DOT IDENT                                             # varRef
  | {poolAddress()}? POOL DOT IDENT                           # poolAddress
  | LPAREN expr RPAREN                                        # parenExpr
  | bad=(BAD_NUMBER | ERROR_CHAR)                             # badPrimary
  ;

mapEntry : (IDENT | string) ASSIGN expr ;

string  : STRING_START stringPart* (STRING_END | UNTERMINATED_STRING) ;
heredoc : HEREDOC_START stringPart* (HEREDOC_END | UNTERMINATED_HEREDOC) ;

stringPart
  : TEXT                       # textPart
  | ESCAPE                     # escapePart
  | DOLLAR_ESCAPE              # dollarEscapePart
  | INTERP_START expr RBRACE   # interpolationPart
  ;

// ---------------------------------------------------------------------------------------------
// Input variables (docs/language.md#variables). `type` is the one attribute whose value is not an
// expression but a type (`list<string>`): `list<string>` would otherwise read as a comparison.
// `type` stays an ordinary name everywhere else (`disk { type = "gp3" }`).

variableDecl : VARIABLE string variableBody ;
variableBody : LBRACE (variableItem COMMA?)* RBRACE ;
variableItem
  : {typeAttribute()}? IDENT ASSIGN typeExpr   # variableType
  | bodyItem                                   # variableOther
  ;
typeExpr : IDENT (LT typeExpr GT)? ;

// A `.poolvars` file: `name = value` assignments, values in the expression syntax.
varsFile      : (varAssignment COMMA?)* EOF ;
varAssignment : IDENT ASSIGN expr ;

// One value alone (`--var name=VALUE`, `POOL_VAR_name=VALUE`).
valueOnly : expr EOF ;
