// What many test areas need: temporary folders, whole-file reads and writes, running a command.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

namespace missive::testing {

/// A fresh directory under the system temp dir, removed by the destructor.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  [[nodiscard]] const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

void WriteFile(const std::filesystem::path& path, std::string_view bytes);
std::string ReadFile(const std::filesystem::path& path);

struct CommandResult {
  int status = -1;     ///< exit status (-1 when it did not exit normally)
  std::string output;  ///< stdout and stderr together
};

/// Runs a shell command, capturing its output.
CommandResult Run(const std::string& command);

}  // namespace missive::testing
