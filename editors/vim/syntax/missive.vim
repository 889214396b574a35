" Vim syntax for Missive (.msv): keywords as grammar/MissiveLexer.g4 defines them.
if exists("b:current_syntax")
  finish
endif

syn keyword missiveHeader    communication version import as
syn keyword missiveSection   schema record input locale rules fn style component layout channels test
syn keyword missiveRule      let require reject otherwise when given expect contains
syn keyword missiveControl   if then else for in where
syn keyword missiveOperator  and or not
syn keyword missiveConstant  true false none
syn keyword missiveLayout    page margin duplex background header footer first subject title body
syn keyword missiveLayout    text row column box keep fill space line pagebreak table columns repeat zebra index
syn keyword missiveLayout    place at width height overflow image fit alt barcode
syn keyword missiveAlign     left right center justify
syn keyword missiveType      String Bool Int Decimal Date DateTime Email Phone Locale Currency Country

syn match   missiveAnnotation "@\h\w*"
syn match   missiveLength     "\<\d\+\(\.\d\+\)\=\(pt\|mm\|cm\|in\|fr\)\>"
syn match   missiveNumber     "\<\d\+\(\.\d\+\)\=\>"
syn match   missiveColor      "#\x\{6}\>"
syn region  missiveInterp     contained matchgroup=missiveDelimiter start="{" end="}" contains=TOP
syn region  missiveString     start=+"+ skip=+\\.+ end=+"+ contains=missiveInterp,missiveEscape
syn match   missiveEscape     contained "\\\([nt"\\{}]\|u{\x\+}\)"
syn match   missiveComment    "//.*$" contains=@Spell
syn region  missiveComment    start="/\*" end="\*/" contains=@Spell

hi def link missiveHeader     PreProc
hi def link missiveSection    Structure
hi def link missiveRule       Statement
hi def link missiveControl    Conditional
hi def link missiveOperator   Operator
hi def link missiveConstant   Constant
hi def link missiveLayout     Keyword
hi def link missiveAlign      Keyword
hi def link missiveType       Type
hi def link missiveAnnotation PreProc
hi def link missiveLength     Number
hi def link missiveNumber     Number
hi def link missiveColor      Constant
hi def link missiveString     String
hi def link missiveEscape     SpecialChar
hi def link missiveDelimiter  Delimiter
hi def link missiveComment    Comment

let b:current_syntax = "missive"
