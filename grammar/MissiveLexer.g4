// The Missive lexer: keywords, literals, punctuation, and strings with `{expr}` interpolation.
//
// Braces push and pop lexer modes so that an interpolation may itself hold quoted strings:
// `"Statement {format(month, "MMMM yyyy")}"`. Every `{` pushes DEFAULT_MODE and every `}` pops,
// so the `}` that closes an interpolation returns to STRING mode. The C++ lexer subclass makes a
// `}` without an open brace harmless (the parser reports it).
//
// Lexical errors never reach the parser as unexpected tokens: invalid characters go to the ERRORS
// channel, and malformed numbers, escapes and unterminated strings are tokens the parser accepts
// and the C++ side reports (codes M0103–M0107).
lexer grammar MissiveLexer;

channels { ERRORS }

// Emitted by the C++ lexer when the file ends inside a string.
tokens { STR_EOF }

// ── hard keywords: never names ─────────────────────────────────────────────
IF        : 'if';
THEN      : 'then';
ELSE      : 'else';
WHERE     : 'where';
AND       : 'and';
OR        : 'or';
NOT       : 'not';
TRUE      : 'true';
FALSE     : 'false';
NONE      : 'none';
LET       : 'let';
REQUIRE   : 'require';
REJECT    : 'reject';
FOR       : 'for';
IN        : 'in';
LEFT      : 'left';
RIGHT     : 'right';
CENTER    : 'center';
JUSTIFY   : 'justify';
OTHERWISE : 'otherwise';
WHEN      : 'when';

// ── soft keywords: keywords where a construct starts, names everywhere else ──
COMMUNICATION : 'communication';
VERSION       : 'version';
IMPORT        : 'import';
AS            : 'as';
SCHEMA        : 'schema';
RECORD        : 'record';
INPUT         : 'input';
LOCALE        : 'locale';
RULES         : 'rules';
FN            : 'fn';
STYLE         : 'style';
COMPONENT     : 'component';
LAYOUT        : 'layout';
PAGE          : 'page';
MARGIN        : 'margin';
DUPLEX        : 'duplex';
BACKGROUND    : 'background';
HEADER        : 'header';
FOOTER        : 'footer';
FIRST         : 'first';
SUBJECT       : 'subject';
TITLE         : 'title';
BODY          : 'body';
TEXT          : 'text';
ROW           : 'row';
COLUMN        : 'column';
BOX           : 'box';
KEEP          : 'keep';
FILL          : 'fill';
SPACE         : 'space';
LINE          : 'line';
PAGEBREAK     : 'pagebreak';
INDEX         : 'index';
TABLE         : 'table';
COLUMNS       : 'columns';
REPEAT        : 'repeat';
ZEBRA         : 'zebra';
PLACE         : 'place';
AT            : 'at';
WIDTH         : 'width';
HEIGHT        : 'height';
OVERFLOW      : 'overflow';
IMAGE         : 'image';
FIT           : 'fit';
ALT           : 'alt';
BARCODE       : 'barcode';
CHANNELS      : 'channels';
TEST          : 'test';
GIVEN         : 'given';
EXPECT        : 'expect';
CONTAINS      : 'contains';
TO            : 'to';
FROM          : 'from';
REPLY_TO      : 'reply_to';
PREHEADER     : 'preheader';
UNSUBSCRIBE   : 'unsubscribe';
ATTACH        : 'attach';
LINK          : 'link';
BUTTON        : 'button';
MAX           : 'max';
SEGMENTS      : 'segments';
DATA          : 'data';
COLLAPSE      : 'collapse';
TTL           : 'ttl';

// ── literals ───────────────────────────────────────────────────────────────
LENGTH   : DIGITS ('.' DIGITS)? ('pt' | 'mm' | 'cm' | 'in');
FRACTION : DIGITS ('.' DIGITS)? 'fr';
DECIMAL  : DIGITS '.' DIGITS;
INT      : DIGITS;
// `10px`, `3.5.1`: one token so the error is one diagnostic, reported by the C++ side.
BAD_NUMBER : DIGITS ('.' DIGITS)? [a-zA-Z_0-9.]+;
COLOR    : '#' [a-zA-Z0-9_]*;
IDENT    : [a-zA-Z_] [a-zA-Z0-9_]*;

// ── punctuation ────────────────────────────────────────────────────────────
LBRACE   : '{' -> pushMode(DEFAULT_MODE);
RBRACE   : '}' -> popMode;
LPAREN   : '(';
RPAREN   : ')';
LBRACK   : '[';
RBRACK   : ']';
COMMA    : ',';
SEMI     : ';';
COLON    : ':';
DOT      : '.';
QUESTION : '?';
AT_SIGN  : '@';
EQ       : '==';
NE       : '!=';
LE       : '<=';
GE       : '>=';
LT       : '<';
GT       : '>';
ASSIGN   : '=';
PLUS     : '+';
MINUS    : '-';
STAR     : '*';
SLASH    : '/';
PERCENT  : '%';
DQUOTE   : '"' -> pushMode(STRING);

// ── trivia ─────────────────────────────────────────────────────────────────
WS            : [ \t\r\n\f]+ -> skip;
LINE_COMMENT  : '//' ~[\r\n]* -> channel(HIDDEN);
BLOCK_COMMENT : '/*' .*? '*/' -> channel(HIDDEN);
// Without its `*/` the comment runs to the end of the file (the longer match wins otherwise).
UNTERMINATED_COMMENT : '/*' (~'*' | '*'+ ~[*/])* '*'* -> channel(HIDDEN);
ERROR_CHAR    : . -> channel(ERRORS);

fragment DIGITS : [0-9]+;

// ── inside "…" ─────────────────────────────────────────────────────────────
mode STRING;
STR_TEXT    : ~["\\{\r\n]+;
STR_ESCAPE  : '\\' ('u{' [0-9a-zA-Z]* '}'? | ~[\r\n])?;
STR_LBRACE  : '{' -> pushMode(DEFAULT_MODE);
STR_END     : '"' -> popMode;
// A line break ends the string (strings are one line): the parser accepts it as the end, the C++
// side reports the unterminated string.
STR_NEWLINE : ('\r'? '\n' | '\r') -> popMode;
