// StructureWriter: StructElems with marked-content references, a ParentTree array per page, and the
// StructTreeRoot. Elements are written in reading order, the order layout created their nodes in.
#include "runtime/render/pdf/structure.h"

#include <algorithm>
#include <utility>

#include "runtime/render/pdf/objects.h"
#include "runtime/render/pdf/syntax.h"

namespace missive::pdf {

namespace {

void AppendRef(std::string& out, std::uint32_t object) {
  AppendInt(out, object);
  out += " 0 R";
}

bool IsText(frame::Role role) { return role == frame::Role::P || (role >= frame::Role::H1 && role <= frame::Role::H6); }

}  // namespace

const char* RoleName(frame::Role role) {
  switch (role) {
    case frame::Role::Part: return "Part";
    case frame::Role::P: return "P";
    case frame::Role::H1: return "H1";
    case frame::Role::H2: return "H2";
    case frame::Role::H3: return "H3";
    case frame::Role::H4: return "H4";
    case frame::Role::H5: return "H5";
    case frame::Role::H6: return "H6";
    case frame::Role::Table: return "Table";
    case frame::Role::TR: return "TR";
    case frame::Role::TH: return "TH";
    case frame::Role::TD: return "TD";
    case frame::Role::Figure: return "Figure";
  }
  return "Span";
}

StructureWriter::StructureWriter(ObjectWriter& objects, Deflater& deflater) : objects_(objects), deflater_(deflater) {
  root_ = objects_.Reserve();
  document_ = objects_.Reserve();
}

std::uint32_t StructureWriter::AddPage(std::uint32_t page_object, std::vector<frame::StructNode>&& nodes,
                                       std::vector<std::uint32_t>&& marked) {
  for (auto& node : nodes) nodes_.push_back(std::move(node));
  pages_.push_back({page_object, next_key_, std::move(marked)});
  return next_key_++;
}

void StructureWriter::EndRecord() {
  if (nodes_.empty() && pages_.empty()) return;
  // Node ids are 1-based and dense within a record; `index[id]` finds a node.
  std::uint32_t max_id = 0;
  for (const auto& node : nodes_) max_id = std::max(max_id, node.id);
  std::vector<std::int64_t> index(max_id + 1, -1);
  for (std::size_t i = 0; i < nodes_.size(); ++i) index[nodes_[i].id] = static_cast<std::int64_t>(i);
  auto find = [&](std::uint32_t id) -> std::int64_t { return id <= max_id ? index[id] : -1; };
  if (nodes_.empty() || nodes_.front().parent != 0) {
    // pages without any node (cannot come from layout): give their content a root to hang from
    frame::StructNode root;
    root.id = max_id + 1;
    root.role = frame::Role::Part;
    nodes_.insert(nodes_.begin(), root);
    index.push_back(0);
    for (std::size_t i = 1; i < nodes_.size(); ++i) ++index[nodes_[i].id];
    max_id = root.id;
  }
  const std::uint32_t root_id = nodes_.front().id;

  // Marked-content references of each node, in page then MCID order (their reading order).
  struct Mcr {
    std::size_t page;
    std::uint32_t mcid;
  };
  std::vector<std::vector<Mcr>> mcrs(nodes_.size());
  for (std::size_t p = 0; p < pages_.size(); ++p) {
    for (std::size_t m = 0; m < pages_[p].marked.size(); ++m) {
      std::int64_t at = find(pages_[p].marked[m]);
      if (at < 0) at = find(root_id);
      mcrs[static_cast<std::size_t>(at)].push_back({p, static_cast<std::uint32_t>(m)});
    }
  }
  // Children come after their parent: walking backwards, a text element without content is dropped
  // (a clipped or empty paragraph) before its parent counts its kept children.
  std::vector<bool> kept(nodes_.size(), false);
  std::vector<std::vector<std::size_t>> children(nodes_.size());
  for (std::size_t i = nodes_.size(); i-- > 0;) {
    const auto& node = nodes_[i];
    kept[i] = i == 0 || !IsText(node.role) || !mcrs[i].empty() || !children[i].empty();
    if (!kept[i] || i == 0) continue;
    std::int64_t parent = find(node.parent);
    if (parent < 0 || static_cast<std::size_t>(parent) >= i) parent = 0;
    children[static_cast<std::size_t>(parent)].push_back(i);
  }
  std::vector<std::uint32_t> object(nodes_.size(), 0);
  for (std::size_t i = 0; i < nodes_.size(); ++i) {
    if (kept[i]) object[i] = objects_.Reserve();
  }

  for (std::size_t i = 0; i < nodes_.size(); ++i) {
    if (!kept[i]) continue;
    const auto& node = nodes_[i];
    std::string out;
    out += "<</S/";  // /Type is optional (ISO 32000-1 Table 323): 17 bytes less per element
    out += RoleName(node.role);
    out += "/P ";
    if (i == 0) {
      AppendRef(out, document_);
    } else {
      std::int64_t parent = find(node.parent);
      if (parent < 0 || static_cast<std::size_t>(parent) >= i) parent = 0;
      AppendRef(out, object[static_cast<std::size_t>(parent)]);
    }
    const std::size_t first_page = mcrs[i].empty() ? 0 : mcrs[i].front().page;
    if (!mcrs[i].empty()) {
      out += "/Pg ";
      AppendRef(out, pages_[first_page].page_object);
    }
    out += "/K[";
    bool first = true;
    // children are listed from the last to the first: put them back in order
    for (auto it = children[i].rbegin(); it != children[i].rend(); ++it) {
      if (!first) out += ' ';
      first = false;
      AppendRef(out, object[*it]);
    }
    for (const Mcr& mcr : mcrs[i]) {
      if (!first) out += ' ';
      first = false;
      if (mcr.page == first_page) {
        AppendInt(out, mcr.mcid);
      } else {
        out += "<</Type/MCR/Pg ";
        AppendRef(out, pages_[mcr.page].page_object);
        out += "/MCID ";
        AppendInt(out, mcr.mcid);
        out += ">>";
      }
    }
    out += ']';
    if (node.role == frame::Role::TH) out += "/A<</O/Table/Scope/Column>>";
    if (node.role == frame::Role::Figure && !node.alt.empty()) {
      out += "/Alt";
      AppendTextString(out, node.alt);
    }
    if (!node.lang.empty()) {
      out += "/Lang";
      AppendLiteralString(out, node.lang);
    }
    out += ">>";
    Add(object[i], std::move(out));
  }
  parts_.push_back(object[0]);
  if (first_language_.empty()) first_language_ = nodes_.front().lang;

  for (const MarkedPage& page : pages_) {
    const std::uint32_t array = objects_.Reserve();
    std::string out;
    out += '[';
    for (std::size_t m = 0; m < page.marked.size(); ++m) {
      if (m > 0) out += (m % 16 == 0) ? '\n' : ' ';
      std::int64_t at = find(page.marked[m]);
      if (at < 0) at = 0;
      AppendRef(out, object[static_cast<std::size_t>(at)]);
    }
    out += ']';
    Add(array, std::move(out));
    parent_tree_.emplace_back(page.key, array);
  }
  nodes_.clear();
  pages_.clear();
}

void StructureWriter::Add(std::uint32_t number, std::string&& body) {
  pending_.emplace_back(number, std::move(body));
  if (pending_.size() >= ObjectWriter::kMaxPerObjectStream) Flush();
}

void StructureWriter::Flush() {
  objects_.ObjectStream(pending_, deflater_);
  pending_.clear();
}

std::string StructureWriter::Finish() {
  EndRecord();
  Flush();
  std::string& doc = objects_.Begin(document_);
  doc += "<</Type/StructElem/S/Document/P ";
  AppendRef(doc, root_);
  doc += "/K[";
  for (std::size_t i = 0; i < parts_.size(); ++i) {
    if (i > 0) doc += (i % 16 == 0) ? '\n' : ' ';
    AppendRef(doc, parts_[i]);
  }
  doc += "]>>";
  objects_.End();

  std::string& root = objects_.Begin(root_);
  root += "<</Type/StructTreeRoot/K ";
  AppendRef(root, document_);
  root += "/ParentTree<</Nums[";
  for (std::size_t i = 0; i < parent_tree_.size(); ++i) {
    if (i > 0) root += (i % 8 == 0) ? '\n' : ' ';
    AppendInt(root, parent_tree_[i].first);
    root += ' ';
    AppendRef(root, parent_tree_[i].second);
  }
  root += "]>>/ParentTreeNextKey ";
  AppendInt(root, next_key_);
  root += ">>";
  objects_.End();

  std::string entries = "/StructTreeRoot ";
  AppendRef(entries, root_);
  entries += "/MarkInfo<</Marked true>>/ViewerPreferences<</DisplayDocTitle true>>";
  return entries;
}

}  // namespace missive::pdf
