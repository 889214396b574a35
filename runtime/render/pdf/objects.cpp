// Object offsets, stream framing and the PDF 1.5 cross-reference stream.
#include "runtime/render/pdf/objects.h"

#include <openssl/evp.h>

#include "runtime/render/pdf/deflate.h"
#include "runtime/render/pdf/syntax.h"

namespace missive::pdf {

namespace {

/// Streams shorter than this are stored: deflate would not make them smaller.
constexpr std::size_t kMinDeflateSize = 128;

void AppendBigEndian(std::string& out, std::uint64_t value, int bytes) {
  for (int i = bytes - 1; i >= 0; --i) out.push_back(static_cast<char>((value >> (8 * i)) & 0xFF));
}

}  // namespace

ObjectWriter::ObjectWriter() : hash_(EVP_MD_CTX_new()) {
  if (hash_ != nullptr) EVP_DigestInit_ex(hash_, EVP_sha256(), nullptr);
  // The comment's bytes above 127 tell transfer tools the file is binary.
  out_ = "%PDF-1.7\n%\xE2\xE3\xCF\xD3\n";
}

ObjectWriter::~ObjectWriter() { EVP_MD_CTX_free(hash_); }

std::uint32_t ObjectWriter::Reserve() {
  offsets_.push_back(0);
  return static_cast<std::uint32_t>(offsets_.size() - 1);
}

std::string& ObjectWriter::Begin(std::uint32_t number) {
  offsets_[number] = bytes_written();
  AppendInt(out_, number);
  out_ += " 0 obj\n";
  return out_;
}

void ObjectWriter::End() { out_ += "\nendobj\n"; }

void ObjectWriter::Stream(std::uint32_t number, std::string_view dict, std::string_view data, bool deflated) {
  Begin(number);
  out_ += "<<";
  out_ += dict;
  out_ += "/Length ";
  AppendInt(out_, static_cast<std::int64_t>(data.size()));
  if (deflated) out_ += "/Filter/FlateDecode";
  out_ += ">>\nstream\n";
  out_ += data;
  out_ += "\nendstream";
  End();
}

void ObjectWriter::CompressedStream(std::uint32_t number, std::string_view dict, std::string_view data,
                                    Deflater& deflater) {
  std::string_view deflated = data.size() >= kMinDeflateSize ? deflater.Compress(data) : std::string_view();
  if (!deflated.empty()) {
    Stream(number, dict, deflated, true);
  } else {
    Stream(number, dict, data, false);
  }
}

void ObjectWriter::ObjectStream(const std::vector<std::pair<std::uint32_t, std::string>>& objects, Deflater& deflater) {
  if (objects.empty()) return;
  const std::uint32_t stream = Reserve();
  if (containers_.size() < offsets_.size()) containers_.resize(offsets_.size(), 0);
  std::string header, body;
  for (std::size_t i = 0; i < objects.size(); ++i) {
    const auto& [number, text] = objects[i];
    if (i > 0) header += ' ';
    AppendInt(header, number);
    header += ' ';
    AppendInt(header, static_cast<std::int64_t>(body.size()));
    body += text;
    body += '\n';
    containers_[number] = stream;
    offsets_[number] = i;
  }
  header += '\n';
  std::string dict = "/Type/ObjStm/N ";
  AppendInt(dict, static_cast<std::int64_t>(objects.size()));
  dict += "/First ";
  AppendInt(dict, static_cast<std::int64_t>(header.size()));
  CompressedStream(stream, dict, header + body, deflater);
}

void ObjectWriter::Hash() {
  if (hash_ != nullptr && !finished_) EVP_DigestUpdate(hash_, out_.data() + hashed_, out_.size() - hashed_);
  hashed_ = out_.size();
}

std::string ObjectWriter::Take() {
  Hash();
  taken_ += out_.size();
  hashed_ = 0;
  std::string bytes;
  bytes.swap(out_);
  out_.reserve(bytes.capacity());  // the next page's bytes are about as many
  return bytes;
}

void ObjectWriter::Finish(std::uint32_t root, std::uint32_t info, Deflater& deflater) {
  // The document ID is a digest of everything before the cross-reference stream: the same content
  // always gives the same ID, and different content practically never does.
  Hash();
  unsigned char digest[EVP_MAX_MD_SIZE] = {};
  unsigned digest_size = 0;
  if (hash_ != nullptr) EVP_DigestFinal_ex(hash_, digest, &digest_size);
  finished_ = true;

  std::uint32_t xref = Reserve();
  std::uint64_t xref_offset = bytes_written();
  offsets_[xref] = xref_offset;
  int offset_bytes = xref_offset < (std::uint64_t{1} << 32) ? 4 : 8;
  std::string table;
  table.reserve(offsets_.size() * (3u + offset_bytes));
  for (std::size_t i = 0; i < offsets_.size(); ++i) {
    if (i < containers_.size() && containers_[i] != 0) {
      // type 2: in object stream `containers_[i]`, at index `offsets_[i]`
      table.push_back(2);
      AppendBigEndian(table, containers_[i], offset_bytes);
      AppendBigEndian(table, offsets_[i], 2);
      continue;
    }
    bool written = offsets_[i] != 0;
    table.push_back(written ? 1 : 0);
    AppendBigEndian(table, offsets_[i], offset_bytes);
    AppendBigEndian(table, i == 0 ? 65535 : 0, 2);
  }
  std::string dict = "/Type/XRef/Size ";
  AppendInt(dict, static_cast<std::int64_t>(offsets_.size()));
  dict += "/W[1 ";
  AppendInt(dict, offset_bytes);
  dict += " 2]/Root ";
  AppendInt(dict, root);
  dict += " 0 R/Info ";
  AppendInt(dict, info);
  dict += " 0 R/ID[<";
  std::string id;
  for (unsigned i = 0; i < 16 && i < digest_size; ++i) AppendHexByte(id, digest[i]);
  dict += id;
  dict += "><";
  dict += id;
  dict += ">]";
  CompressedStream(xref, dict, table, deflater);
  out_ += "startxref\n";
  AppendInt(out_, static_cast<std::int64_t>(xref_offset));
  out_ += "\n%%EOF\n";
}

}  // namespace missive::pdf
