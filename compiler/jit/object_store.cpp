// Cache entries: "MSVOBJ1 <sha-256 of the object>\n" then the object bytes.
#include "compiler/jit/object_store.h"

#include <openssl/evp.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace missive::jit {
namespace {

constexpr std::string_view kMagic = "MSVOBJ1 ";
constexpr std::size_t kHeader = kMagic.size() + 64 + 1;

}  // namespace

std::string Sha256Hex(std::string_view data) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  EVP_Digest(data.data(), data.size(), digest, &len, EVP_sha256(), nullptr);
  static const char* const kHex = "0123456789abcdef";
  std::string out;
  for (unsigned int i = 0; i < len; ++i) {
    out += kHex[digest[i] >> 4];
    out += kHex[digest[i] & 15];
  }
  return out;
}

std::string ObjectStore::PathOf(const std::string& key) const { return dir_ + "/" + key + ".o"; }

std::optional<std::string> ObjectStore::Load(const std::string& key, bool& corrupt) const {
  corrupt = false;
  std::ifstream in(PathOf(key), std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream buffer;
  buffer << in.rdbuf();
  std::string bytes = buffer.str();
  if (bytes.size() < kHeader || bytes.compare(0, kMagic.size(), kMagic) != 0 || bytes[kHeader - 1] != '\n' ||
      Sha256Hex(std::string_view(bytes).substr(kHeader)) != bytes.substr(kMagic.size(), 64)) {
    corrupt = true;
    return std::nullopt;
  }
  return bytes.substr(kHeader);
}

bool ObjectStore::Store(const std::string& key, std::string_view object) const {
  static std::atomic<unsigned> counter{0};
  std::error_code ec;
  std::filesystem::create_directories(dir_, ec);
  if (ec) return false;
  const std::string temp =
      PathOf(key) + ".tmp." + std::to_string(::getpid()) + "." + std::to_string(counter.fetch_add(1));
  {
    std::ofstream out(temp, std::ios::binary | std::ios::trunc);
    if (!out) return false;
    out << kMagic << Sha256Hex(object) << '\n';
    out.write(object.data(), static_cast<std::streamsize>(object.size()));
    out.flush();
    if (!out) {
      std::filesystem::remove(temp, ec);
      return false;
    }
  }
  std::filesystem::rename(temp, PathOf(key), ec);
  if (ec) {
    std::error_code ignored;
    std::filesystem::remove(temp, ignored);
    return false;
  }
  return true;
}

}  // namespace missive::jit
