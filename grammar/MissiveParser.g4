// The Missive parser grammar. compiler/syntax turns its parse tree into the AST of ast.h.
//
// Newlines are not tokens: items are separated by `;` or by nothing, so every item of a block
// starts with a keyword, a string or a name that cannot continue the previous item. No two
// expressions are ever adjacent (lists need their commas, table cells their `;`): with SLL
// prediction the follow of an expression is global, and `a .b` or `a -b` as two items would make
// every `.` and `-` an ambiguity needing unbounded lookahead. Record literals and parameter lists
// are permissive (`(item | ',')*`, their items start with `name:`) and the AST builder reports a
// missing or doubled comma, which lets error recovery resume inside them.
// Expressions use loops, not left recursion: a long chain of operators, prefix operators or
// `else if` costs no stack depth.
parser grammar MissiveParser;

options { tokenVocab = MissiveLexer; }

module
  : item* EOF
  ;

item
  : header
  | importDecl
  | schemaDecl
  | inputDecl
  | localeDecl
  | rulesDecl
  | fnDecl
  | styleDecl
  | componentDecl
  | layoutDecl
  | channelsDecl
  | testDecl
  | SEMI
  ;

header     : COMMUNICATION ident (VERSION string)? ;
importDecl : IMPORT (qualifiedName | string) (AS ident)? ;
inputDecl  : INPUT typeRef ;
localeDecl : LOCALE expr ;

// ── schema ───────────────────────────────────────────────────────────────
schemaDecl : SCHEMA LBRACE (recordDecl | SEMI)* RBRACE ;
recordDecl : RECORD ident LBRACE (fieldDecl | SEMI)* RBRACE ;
fieldDecl  : ident COLON typeRef fieldExtra* ;
fieldExtra : annotation | ASSIGN expr ;
annotation : AT_SIGN ident (LPAREN (expr (COMMA expr)* COMMA?)? RPAREN)? ;
typeRef    : (qualifiedName | LBRACK typeRef RBRACK) QUESTION? ;
qualifiedName : ident (DOT ident)* ;

// ── rules and functions ──────────────────────────────────────────────────
rulesDecl : RULES LBRACE (ruleItem | SEMI)* RBRACE ;
ruleItem
  : LET ident ASSIGN expr             # letRule
  | REQUIRE expr ELSE REJECT expr     # requireRule
  ;

fnDecl : FN ident LPAREN (param | COMMA)* RPAREN (COLON typeRef)? ASSIGN expr ;
param  : ident COLON typeRef ;

// ── styles ───────────────────────────────────────────────────────────────
styleDecl  : STYLE ident LBRACE (styleProp | SEMI)* RBRACE ;
styleProp  : ident COLON styleValue+ ;
styleValue
  : MINUS? (INT | DECIMAL | LENGTH | FRACTION | BAD_NUMBER)
  | COLOR
  | string
  | TRUE
  | FALSE
  | NONE
  | align
  | ident callArgs?
  ;

// ── components and layouts ───────────────────────────────────────────────
componentDecl : COMPONENT ident LPAREN (param | COMMA)* RPAREN block ;

// `layout sms max 2 segments else reject { … }`: a segment budget and what an over-budget message does.
layoutDecl  : LAYOUT ident layoutLimit? LBRACE (layoutItem | SEMI)* RBRACE ;
layoutLimit : MAX expr SEGMENTS (ELSE REJECT)? ;
layoutItem
  : pageSetup                                                     # pageItem
  | SUBJECT expr                                                  # subjectItem
  | TITLE expr                                                    # titleItem
  | BODY block                                                    # bodyItem
  | (FROM | REPLY_TO | PREHEADER | UNSUBSCRIBE | COLLAPSE | TTL) expr  # fieldItem
  | ATTACH ident AS expr                                          # attachItem
  | DATA LBRACE (fieldInit | COMMA | SEMI)* RBRACE                # dataItem
  | stmt                                                          # stmtItem
  ;

pageSetup  : PAGE ident pageOption* styleRef? pageBlock? ;
pageOption : (MARGIN | WIDTH | HEIGHT | DUPLEX | BACKGROUND) expr ;
pageBlock  : LBRACE (pageSlot | firstSlots | SEMI)* RBRACE ;
pageSlot   : (HEADER | FOOTER) styleRef? block ;
firstSlots : FIRST LBRACE (pageSlot | SEMI)* RBRACE ;

block    : LBRACE (stmt | SEMI)* RBRACE ;
styleRef : STYLE ident ;
align    : LEFT | RIGHT | CENTER | JUSTIFY ;
option   : (WIDTH | HEIGHT | ALT) expr | (OVERFLOW | FIT) (ident | REJECT) ;

stmt
  : TEXT align? expr styleRef?                                  # textStmt
  | string styleRef?                                            # stringStmt
  | (ROW | COLUMN | BOX | KEEP) styleRef? block                 # containerStmt
  | FILL                                                        # fillStmt
  | SPACE expr                                                  # spaceStmt
  | LINE                                                        # lineStmt
  | PAGEBREAK                                                   # pagebreakStmt
  | IF expr block elseIf* (ELSE block)?                         # ifStmt
  | FOR ident (INDEX ident)? IN expr block                      # forStmt
  | TABLE expr AS ident (INDEX ident)? tableBody                # tableStmt
  | IDENT (DOT ident)* callArgs                                 # callStmt
  | PLACE AT LPAREN expr COMMA expr RPAREN option* block        # placeStmt
  | IMAGE expr option*                                          # imageStmt
  | BARCODE ident expr option*                                  # barcodeStmt
  | (LINK | BUTTON) expr TO expr styleRef?                      # linkStmt
  ;
elseIf : ELSE IF expr block ;

tableBody : LBRACE (tableItem | SEMI)* RBRACE ;
tableItem
  : COLUMNS expr                              # columnsItem
  | HEADER REPEAT? styleRef? cellBlock        # headerItem
  | ROW ZEBRA? styleRef? cellBlock            # rowItem
  ;
// Cells are expressions, so they need their `;`: `a; -b` is two cells, `a -b` one. The C++ side
// inserts that `;` at a line break between two cells (InsertCellSeparators).
cellBlock : LBRACE cell? (SEMI cell?)* RBRACE ;
cell      : align? expr styleRef? ;

// ── channels and tests ───────────────────────────────────────────────────
channelsDecl : CHANNELS LBRACE (channelEntry | SEMI)* RBRACE ;
channelEntry
  : ident (TO expr)? (WHEN expr)?  # channelItem
  | OTHERWISE REJECT expr     # otherwiseItem
  ;

testDecl : TEST string LBRACE (testItem | SEMI)* RBRACE ;
testItem
  : GIVEN expr                # givenItem
  | EXPECT REJECT expr        # expectReject
  | EXPECT (TEXT | SUBJECT | TITLE | ident) CONTAINS expr # expectText
  | EXPECT expr               # expectValue
  ;

// ── expressions, lowest precedence first ─────────────────────────────────
// `if a then b else if c then d else e` is one loop: the else-branches do not nest the parser.
expr      : ifPrefix* whereExpr ;
ifPrefix  : IF expr THEN expr ELSE ;
whereExpr : orExpr (WHERE orExpr)* ;
orExpr    : andExpr (OR andExpr)* ;
andExpr   : notExpr (AND notExpr)* ;
notExpr   : NOT* cmpExpr ;
cmpExpr   : addExpr ((EQ | NE | LT | LE | GT | GE) addExpr)* ;
addExpr   : mulExpr ((PLUS | MINUS) mulExpr)* ;
mulExpr   : unaryExpr ((STAR | SLASH | PERCENT) unaryExpr)* ;
unaryExpr : MINUS* postfixExpr ;
postfixExpr : primary postfixOp* ;
postfixOp
  : DOT ident                 # memberOp
  | LBRACK expr RBRACK        # indexOp
  | callArgs                  # callOp
  ;
callArgs : LPAREN (arg (COMMA arg)* COMMA?)? RPAREN ;
arg      : (ident COLON)? expr ;

primary
  : INT                                   # intLit
  | DECIMAL                               # decimalLit
  | BAD_NUMBER                            # badNumberLit
  | LENGTH                                # lengthLit
  | FRACTION                              # fractionLit
  | COLOR                                 # colorLit
  | string                                # stringLit
  | (TRUE | FALSE)                        # boolLit
  | NONE                                  # noneLit
  | exprName                              # nameRef
  | DOT ident                             # implicitMember
  | LPAREN expr RPAREN                    # parenExpr
  | LBRACE (fieldInit | COMMA)* RBRACE    # recordLit
  | LBRACK (expr (COMMA expr)* COMMA?)? RBRACK  # listLit
  ;
fieldInit : ident COLON expr ;

string     : DQUOTE stringPart* (STR_END | STR_NEWLINE | STR_EOF) ;
stringPart
  : STR_TEXT                  # strText
  | STR_ESCAPE                # strEscape
  | STR_LBRACE expr RBRACE    # strInterp
  ;

// Soft keywords are names wherever a name is expected.
ident
  : IDENT
  | COMMUNICATION | VERSION | IMPORT | AS | SCHEMA | RECORD | INPUT | LOCALE | RULES | FN | STYLE
  | COMPONENT | LAYOUT | PAGE | MARGIN | DUPLEX | BACKGROUND | HEADER | FOOTER | FIRST | SUBJECT | TITLE | BODY
  | TEXT | ROW | COLUMN | BOX | KEEP | FILL | SPACE | LINE | PAGEBREAK | INDEX | TABLE | COLUMNS
  | REPEAT | ZEBRA | PLACE | AT | WIDTH | HEIGHT | OVERFLOW | IMAGE | FIT | ALT | BARCODE | CHANNELS
  | TEST | GIVEN | EXPECT | CONTAINS | LINK | BUTTON | TO | FROM | REPLY_TO | PREHEADER | UNSUBSCRIBE | ATTACH | MAX | SEGMENTS | DATA | COLLAPSE | TTL
  ;

// A name in an expression: not a word that starts a layout statement, so that a statement whose
// expression is missing (`text` at the end of a line) does not swallow the next statement.
exprName
  : IDENT
  | COMMUNICATION | VERSION | IMPORT | AS | SCHEMA | RECORD | INPUT | LOCALE | RULES | FN | STYLE
  | COMPONENT | LAYOUT | PAGE | MARGIN | DUPLEX | BACKGROUND | HEADER | FOOTER | FIRST | SUBJECT | TITLE | BODY
  | INDEX | COLUMNS | REPEAT | ZEBRA | AT | WIDTH | HEIGHT | OVERFLOW | FIT | CHANNELS | TEST | GIVEN
  | EXPECT | CONTAINS | TO | FROM | REPLY_TO | PREHEADER | UNSUBSCRIBE | ATTACH | MAX | SEGMENTS | DATA | COLLAPSE | TTL
  ;
