// Loading a communication and its imports: files relative to the importer, `std.x` from the stdlib dir.
#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "compiler/sema/check.h"
#include "compiler/syntax/parser.h"

namespace missive::sema {

namespace {

namespace fs = std::filesystem;

std::optional<std::string> ReadFile(const fs::path& path) {
  std::error_code ec;
  if (!fs::is_regular_file(path, ec)) return std::nullopt;
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) return std::nullopt;
  return text.str();
}

std::string StdlibDir(const Options& options) {
  if (!options.stdlib_dir.empty()) return options.stdlib_dir;
  if (const char* env = std::getenv("MISSIVE_STDLIB"); env != nullptr && *env != '\0') return env;
  return MISSIVE_STDLIB_DIR;
}

std::string Key(const fs::path& path) {
  std::error_code ec;
  fs::path canonical = fs::weakly_canonical(path, ec);
  return ec ? path.lexically_normal().string() : canonical.string();
}

class Loader {
 public:
  Loader(Program& program, const Options& options, diag::Sink& sink)
      : program_(program), stdlib_dir_(StdlibDir(options)), sink_(sink) {}

  /// Parses `file` (already in the SourceManager) as module `name`, then its imports. Returns its index.
  std::size_t AddModule(source::FileId file, const std::string& name, const std::string& key) {
    const std::size_t index = program_.modules.size();
    program_.modules.push_back(LoadedModule{syntax::Parse(program_.sources, file, sink_), name, {}, {}});
    state_[key] = index;
    stack_.push_back({key, program_.sources.file(file).path()});
    // Imports are resolved after the module is in place: the vector may grow, so index, not reference.
    const std::size_t import_count = program_.modules[index].ast ? program_.modules[index].ast->imports.size() : 0;
    for (std::size_t i = 0; i < import_count; ++i) ResolveImport(index, i);
    stack_.pop_back();
    return index;
  }

  void SetMainDir(const fs::path& dir) { main_dir_ = dir; }

 private:
  std::string Display(const std::string& path) const {
    if (main_dir_.empty()) return path;
    const fs::path rel = fs::path(path).lexically_relative(main_dir_);
    return rel.empty() ? path : rel.string();
  }

  void ResolveImport(std::size_t importer, std::size_t i) {
    const ast::Import& imp = program_.modules[importer].ast->imports[i];
    fs::path target;
    std::string name;
    if (!imp.std_path.empty()) {
      std::string dotted;
      for (const auto& part : imp.std_path) dotted += (dotted.empty() ? "" : ".") + part.name;
      if (imp.std_path.size() != 2 || imp.std_path[0].name != "std" ||
          !fs::is_regular_file(fs::path(stdlib_dir_) / "std" / (imp.std_path[1].name + ".msv"))) {
        auto& d = sink_.report(diag::Kind::UnknownModule, imp.path_span.valid() ? imp.path_span : imp.span,
                               "unknown module `" + dotted + "`");
        const auto available = AvailableStd();
        std::string list;
        for (const auto& m : available) list += (list.empty() ? "`" : ", `") + m + "`";
        d.notes.push_back(available.empty() ? "no std modules are installed in " + stdlib_dir_
                                            : "available modules: " + list);
        std::vector<std::string> names = available;
        if (auto best = diag::closest_name(dotted, names)) d.notes.push_back("did you mean `" + *best + "`?");
        return;
      }
      target = fs::path(stdlib_dir_) / "std" / (imp.std_path[1].name + ".msv");
      name = dotted;
    } else {
      const fs::path importer_path = program_.sources.file(program_.modules[importer].ast->file).path();
      target = (importer_path.parent_path() / imp.file_path).lexically_normal();
      name = target.string();
    }
    const std::string key = Key(target);
    // A cycle: the target is still being loaded further up the stack.
    const auto on_stack = std::find_if(stack_.begin(), stack_.end(), [&](const auto& e) { return e.first == key; });
    std::size_t index = 0;
    if (on_stack != stack_.end()) {
      std::string chain;
      for (auto it = on_stack; it != stack_.end(); ++it) chain += Display(it->second) + " → ";
      chain += Display(on_stack->second);
      sink_.report(diag::Kind::ImportCycle, imp.path_span.valid() ? imp.path_span : imp.span, "import cycle: " + chain);
      return;
    }
    if (auto found = state_.find(key); found != state_.end()) {
      index = found->second;
    } else {
      auto text = ReadFile(target);
      if (!text) {
        sink_
            .report(diag::Kind::ImportNotFound, imp.path_span.valid() ? imp.path_span : imp.span,
                    "cannot find imported file `" + imp.file_path + "`")
            .notes.push_back("looked for " + Display(target.string()));
        return;
      }
      const source::FileId file = program_.sources.add(target.string(), std::move(*text));
      index = AddModule(file, name, key);
    }
    LoadedModule& module = program_.modules[importer];
    if (!imp.std_path.empty()) {
      if (std::find(module.std_imports.begin(), module.std_imports.end(), index) == module.std_imports.end()) {
        module.std_imports.push_back(index);
      }
    } else if (imp.alias) {
      module.aliases.emplace(imp.alias->name, index);
    }
  }

  std::vector<std::string> AvailableStd() const {
    std::vector<std::string> names;
    std::error_code ec;
    for (fs::directory_iterator it(fs::path(stdlib_dir_) / "std", ec), end; !ec && it != end; it.increment(ec)) {
      if (it->path().extension() == ".msv") names.push_back("std." + it->path().stem().string());
    }
    std::sort(names.begin(), names.end());
    return names;
  }

  Program& program_;
  std::string stdlib_dir_;
  diag::Sink& sink_;
  fs::path main_dir_;
  std::map<std::string, std::size_t> state_;
  std::vector<std::pair<std::string, std::string>> stack_;  ///< (key, display path) of modules being loaded
};

std::unique_ptr<Program> LoadFrom(const std::string& path, std::string text, const Options& options, diag::Sink& sink) {
  auto program = std::make_unique<Program>();
  Loader loader(*program, options, sink);
  loader.SetMainDir(fs::path(path).parent_path());
  const source::FileId file = program->sources.add(path, std::move(text));
  loader.AddModule(file, path, Key(path));
  return program;
}

}  // namespace

std::unique_ptr<Program> Load(const std::string& path, const Options& options, diag::Sink& sink) {
  auto text = ReadFile(path);
  if (!text) {
    sink.report(diag::Kind::CannotReadFile, {}, "cannot read `" + path + "`");
    return nullptr;
  }
  return LoadFrom(path, std::move(*text), options, sink);
}

std::unique_ptr<Program> LoadText(const std::string& path, std::string text, const Options& options, diag::Sink& sink) {
  return LoadFrom(path, std::move(text), options, sink);
}

}  // namespace missive::sema
