// CSV decoding (RFC 4180): a header row maps dotted, indexed column names onto the schema (docs/data.md).
#include <charconv>
#include <map>

#include "runtime/data/decode.h"
#include "runtime/data/scalar.h"

namespace missive::data {
namespace {

// Splits one row into cells; false with `error` set when the quoting is broken.
bool SplitRow(std::string_view line, std::vector<std::string>& cells, std::string& error) {
  cells.clear();
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  std::size_t i = 0;
  while (true) {
    std::string& cell = cells.emplace_back();
    if (i < line.size() && line[i] == '"') {
      ++i;
      while (true) {
        if (i >= line.size()) {
          error = "malformed CSV (unterminated quoted field)";
          return false;
        }
        if (line[i] == '"') {
          if (i + 1 < line.size() && line[i + 1] == '"') {
            cell += '"';
            i += 2;
            continue;
          }
          ++i;
          break;
        }
        cell += line[i++];
      }
      if (i < line.size() && line[i] != ',') {
        error = "malformed CSV (text after a closing quote)";
        return false;
      }
    } else {
      std::size_t end = line.find(',', i);
      if (end == std::string_view::npos) end = line.size();
      std::string_view raw = line.substr(i, end - i);
      if (raw.find('"') != std::string_view::npos) {
        error = "malformed CSV (quote inside an unquoted field)";
        return false;
      }
      cell.assign(raw);
      i = end;
    }
    if (i >= line.size()) return true;
    ++i;  // the comma
  }
}

// Where the columns of a row go: a record's fields, a list's elements, or one cell.
struct Node {
  int column = -1;
  std::vector<std::unique_ptr<Node>> fields;              // by field index, for records
  std::map<std::size_t, std::unique_ptr<Node>> elements;  // by list index, for lists
};

std::vector<std::string_view> SplitDots(std::string_view name) {
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  while (true) {
    std::size_t dot = name.find('.', start);
    parts.push_back(name.substr(start, dot == std::string_view::npos ? std::string_view::npos : dot - start));
    if (dot == std::string_view::npos) return parts;
    start = dot + 1;
  }
}

bool AllEmpty(const Node& node, const std::vector<std::string>& cells) {
  if (node.column >= 0) return cells[static_cast<std::size_t>(node.column)].empty();
  for (const auto& f : node.fields)
    if (f && !AllEmpty(*f, cells)) return false;
  for (const auto& [index, e] : node.elements)
    if (!AllEmpty(*e, cells)) return false;
  return true;
}

}  // namespace

struct CsvDecoder::Impl {
  const RecordDesc& root;
  Node tree;
  std::size_t column_count = 0;
  std::vector<Violation> header_errors;
  std::vector<std::string> cells;
  std::vector<Violation> violations;
  std::string path;

  explicit Impl(const RecordDesc& r) : root(r) {}

  void HeaderError(std::string message) { header_errors.push_back(Violation{"", std::move(message)}); }

  // Places column `column` named `name` in the tree.
  void AddColumn(std::string_view name, int column) {
    auto parts = SplitDots(name);
    Node* node = &tree;
    const RecordDesc* desc = &root;
    const TypeDesc* type = nullptr;
    for (std::size_t p = 0; p < parts.size(); ++p) {
      std::string_view part = parts[p];
      if (desc != nullptr) {
        int idx = desc->Find(std::string(part));
        if (idx < 0) return HeaderError("unknown column `" + std::string(name) + "`");
        if (node->fields.size() < desc->fields.size()) node->fields.resize(desc->fields.size());
        auto& child = node->fields[static_cast<std::size_t>(idx)];
        if (!child) child = std::make_unique<Node>();
        node = child.get();
        type = &desc->fields[static_cast<std::size_t>(idx)].type;
      } else {
        std::size_t index = 0;
        auto [end, ec] = std::from_chars(part.data(), part.data() + part.size(), index);
        if (ec != std::errc() || end != part.data() + part.size() || part.empty())
          return HeaderError("column `" + std::string(name) + "` needs a list index where `" + std::string(part) +
                             "` is");
        auto& child = node->elements[index];
        if (!child) child = std::make_unique<Node>();
        node = child.get();
        type = type->element.get();
      }
      // What the next part must name: a field of a record, an index of a list, or nothing.
      desc = nullptr;
      if (type->type == Type::Record) {
        desc = type->record;
        if (p + 1 == parts.size()) return HeaderError("column `" + std::string(name) + "` names a record, not a value");
      } else if (type->type == Type::List) {
        if (p + 1 == parts.size()) return HeaderError("column `" + std::string(name) + "` names a list, not a value");
      } else if (p + 1 != parts.size()) {
        return HeaderError("unknown column `" + std::string(name) + "`");
      }
    }
    if (node->column >= 0) return HeaderError("duplicate column `" + std::string(name) + "`");
    node->column = column;
  }

  void Violate(std::string message) { violations.push_back(Violation{path, std::move(message)}); }

  value::Value Absent(const FieldDesc& f, const Node* node) {
    if (f.default_value) return *f.default_value;
    if (f.type.optional) return value::Value(value::None{});
    // A required record may still be complete from its fields' defaults.
    if (f.type.type == Type::Record) {
      static const Node empty_node;
      const std::size_t base = path.size();
      AppendPointerStep(path, f.name);
      value::Value out = BuildRecord(node != nullptr ? *node : empty_node, *f.type.record);
      path.resize(base);
      return out;
    }
    if (f.type.type == Type::List && node != nullptr)
      return value::Value(std::shared_ptr<const value::List>(std::make_shared<value::List>()));
    Violate("missing required field `" + f.name + "`");
    return value::Value(value::None{});
  }

  value::Value BuildValue(const Node& node, const TypeDesc& type) {
    value::Value out;
    if (type.type == Type::Record) return BuildRecord(node, *type.record);
    if (type.type == Type::List) {
      auto list = std::make_shared<value::List>();
      const std::size_t base = path.size();
      // Elements whose cells are all empty are left out: rows have different list lengths.
      for (const auto& [index, element] : node.elements) {
        if (AllEmpty(*element, cells)) continue;
        AppendPointerStep(path, std::to_string(list->size()));
        list->push_back(BuildValue(*element, *type.element));
        path.resize(base);
      }
      return value::Value(std::shared_ptr<const value::List>(std::move(list)));
    }
    std::string message;
    if (node.column < 0 || !DecodeText(type.type, cells[static_cast<std::size_t>(node.column)], true, out, message))
      Violate(message.empty() ? "expected " + std::string(Expected(type.type)) : message);
    return out;
  }

  value::Value BuildRecord(const Node& node, const RecordDesc& desc) {
    auto record = std::make_shared<value::Record>();
    record->desc = &desc;
    record->fields.reserve(desc.fields.size());
    const std::size_t base = path.size();
    for (std::size_t i = 0; i < desc.fields.size(); ++i) {
      const FieldDesc& f = desc.fields[i];
      const Node* child = i < node.fields.size() ? node.fields[i].get() : nullptr;
      if (child == nullptr || AllEmpty(*child, cells)) {
        record->fields.push_back(Absent(f, child));
        continue;
      }
      AppendPointerStep(path, f.name);
      record->fields.push_back(BuildValue(*child, f.type));
      path.resize(base);
    }
    return value::Value(std::shared_ptr<const value::Record>(std::move(record)));
  }

  DecodeResult Decode(std::string_view line) {
    violations.clear();
    path.clear();
    DecodeResult result;
    std::string error;
    if (!SplitRow(line, cells, error)) {
      result.violations.push_back(Violation{"", error});
      return result;
    }
    if (cells.size() != column_count) {
      result.violations.push_back(
          Violation{"", "expected " + std::to_string(column_count) + " cells, found " + std::to_string(cells.size())});
      return result;
    }
    value::Value root_value = BuildRecord(tree, root);
    result.violations = std::move(violations);
    violations = {};
    if (result.violations.empty()) result.record = root_value.as<std::shared_ptr<const value::Record>>();
    return result;
  }
};

CsvDecoder::CsvDecoder(const RecordDesc& root, std::string_view header_line) : impl_(std::make_unique<Impl>(root)) {
  std::vector<std::string> names;
  std::string error;
  if (!SplitRow(header_line, names, error)) {
    impl_->HeaderError(error);
    return;
  }
  impl_->column_count = names.size();
  for (std::size_t i = 0; i < names.size(); ++i) impl_->AddColumn(names[i], static_cast<int>(i));
}

CsvDecoder::~CsvDecoder() = default;
const std::vector<Violation>& CsvDecoder::HeaderErrors() const { return impl_->header_errors; }
DecodeResult CsvDecoder::Decode(std::string_view line) { return impl_->Decode(line); }

}  // namespace missive::data
