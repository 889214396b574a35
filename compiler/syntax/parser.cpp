// Parse: decode, lex, check tokens, parse (fast SLL first, recovering LL on errors), build the AST.
#include "compiler/syntax/parser.h"

#include "compiler/syntax/syntax_internal.h"

namespace missive::syntax {
namespace {

/// An input stream over code points we decoded ourselves (invalid UTF-8 already replaced).
class CodePointStream : public antlr4::ANTLRInputStream {
 public:
  explicit CodePointStream(std::u32string data) {
    _data = std::move(data);
    p = 0;
  }
};

std::unique_ptr<ast::Module> EmptyModule(const source::SourceFile& file, source::FileId id) {
  auto module = std::make_unique<ast::Module>();
  module->file = id;
  module->span = {id, 0, static_cast<std::uint32_t>(file.text().size())};
  return module;
}

}  // namespace

std::unique_ptr<ast::Module> Parse(const source::SourceManager& sources, source::FileId file, diag::Sink& sink) {
  const source::SourceFile& src = sources.file(file);
  const DecodedText text = DecodeUtf8(src.text());
  Reporter reporter(src, file, text, sink);
  DepthGuard guard;
  try {
    CodePointStream input(text.code_points);
    Lexer lexer(&input);
    lexer.removeErrorListeners();
    std::vector<std::unique_ptr<antlr4::Token>> all = lexer.getAllTokens();
    if (all.empty()) {  // only whitespace; ListTokenSource refuses an empty list
      CheckTokens({}, text, reporter);
      return EmptyModule(src, file);
    }
    InsertCellSeparators(all, lexer);
    antlr4::ListTokenSource source(std::move(all));
    antlr4::CommonTokenStream tokens(&source);
    tokens.fill();
    if (!CheckTokens(tokens.getTokens(), text, reporter)) return EmptyModule(src, file);

    antlr4::ParserRuleContext* tree = nullptr;
    MissiveParser parser(&tokens);
    parser.removeErrorListeners();
    parser.addParseListener(&guard);
    try {
      // Most files are valid: SLL prediction with bail-out is many times faster than full LL.
      parser.getInterpreter<antlr4::atn::ParserATNSimulator>()->setPredictionMode(antlr4::atn::PredictionMode::SLL);
      parser.setErrorHandler(std::make_shared<antlr4::BailErrorStrategy>());
      tree = parser.module();
    } catch (const antlr4::ParseCancellationException&) {
      tree = nullptr;
    }
    if (tree == nullptr) {
      tokens.seek(0);
      parser.reset();
      guard.Reset();
      parser.getInterpreter<antlr4::atn::ParserATNSimulator>()->setPredictionMode(antlr4::atn::PredictionMode::LL);
      parser.setErrorHandler(MakeErrorStrategy(reporter));
      tree = parser.module();
    }
    return BuildModule(dynamic_cast<MissiveParser::ModuleContext*>(tree), reporter);
  } catch (const TooDeep&) {
    reporter.Report(diag::Kind::NestingTooDeep, reporter.SpanOf(guard.deepest_index, guard.deepest_index + 1),
                    "nesting is deeper than " + std::to_string(kMaxNesting) + " levels");
  } catch (...) {  // the runtime throws std::exceptions and, in places, plain strings
    reporter.Report(diag::Kind::UnexpectedToken, {file, 0, 0}, "the file could not be parsed");
  }
  return EmptyModule(src, file);
}

}  // namespace missive::syntax
