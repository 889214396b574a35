// `missive preview --channel email|sms|push`: the record's message as the spool would hold it; an
// email's HTML also drawn by headless Chromium (Debian's package) into a PNG at a chosen width.
#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <vector>

#include "compiler/driver/build.h"
#include "compiler/driver/preview.h"
#include "runtime/render/message/message.h"
#include "runtime/render/png/png.h"
#include "runtime/util/util.h"

namespace missive::driver {

namespace {

namespace fs = std::filesystem;

/// MISSIVE_CHROMIUM, else the first of Debian's and Google's names on PATH ("" when none is).
std::string FindChromium() {
  if (const char* set = std::getenv("MISSIVE_CHROMIUM"); set != nullptr && *set != '\0') return set;
  const char* path = std::getenv("PATH");
  for (const char* name : {"chromium", "chromium-browser", "google-chrome"}) {
    std::string dirs = path != nullptr ? path : "/usr/bin";
    for (std::size_t at = 0; at <= dirs.size();) {
      const std::size_t end = std::min(dirs.find(':', at), dirs.size());
      const fs::path candidate = fs::path(dirs.substr(at, end - at)) / name;
      if (access(candidate.c_str(), X_OK) == 0) return candidate.string();
      at = end + 1;
    }
  }
  return "";
}

/// Runs `args` without a shell, its output discarded; its exit status (-1 when it cannot start).
int RunQuietly(const std::vector<std::string>& args) {
  std::cout.flush();  // the child must not write what this process buffered
  std::fflush(nullptr);
  const pid_t pid = fork();
  if (pid < 0) return -1;
  if (pid == 0) {
    std::vector<char*> argv;
    for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    const int null = open("/dev/null", O_WRONLY);
    dup2(null, STDOUT_FILENO);
    dup2(null, STDERR_FILENO);
    execv(argv[0], argv.data());
    _exit(127);
  }
  int status = 0;
  if (waitpid(pid, &status, 0) < 0) return -1;
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

bool WriteWhole(const std::string& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  return static_cast<bool>(out);
}

/// The email's HTML as a PNG `width` CSS pixels wide, through headless Chromium.
int Screenshot(const std::string& html_path, const std::string& png_path, int width) {
  const std::string chromium = FindChromium();
  if (chromium.empty()) {
    std::cerr << "missive preview: Chromium is not installed (apt install chromium, or set MISSIVE_CHROMIUM): "
                 "the HTML is in "
              << html_path << "\n";
    return kExitUsage;
  }
  const fs::path profile = fs::temp_directory_path() / ("missive-chromium-" + std::to_string(getpid()));
  const int status =
      RunQuietly({chromium, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--no-first-run",
                  "--disable-background-networking", "--disable-extensions", "--force-device-scale-factor=1",
                  "--user-data-dir=" + profile.string(), "--window-size=" + std::to_string(width) + ",4000",
                  "--screenshot=" + png_path, "file://" + fs::absolute(html_path).string()});
  std::error_code ignored;
  fs::remove_all(profile, ignored);
  std::string shot;
  if (status != 0 || !util::ReadFile(png_path, shot)) {
    std::cerr << "missive preview: " << chromium << " could not draw " << html_path << " (exit " << status << ")\n";
    return kExitUsage;
  }
  std::string error;
  const auto trimmed = png::TrimBottom(shot, 24, &error);
  if (!trimmed || !WriteWhole(png_path, *trimmed)) {
    std::cerr << "missive preview: " << png_path << ": " << (trimmed ? "cannot write" : error) << "\n";
    return kExitUsage;
  }
  return kExitOk;
}

}  // namespace

int PreviewMessage(const PreviewOptions& options, const native::Program& program, const native::Outcome& outcome) {
  render::MessageContext context;
  context.idempotency_key = render::IdempotencyKey("preview", options.data_path, outcome.channel);
  context.fonts = &program.fonts();
  context.images = &program.images();
  const render::RenderedMessage m = render::RenderMessage(*outcome.message, context);
  if (!m.error.empty()) {
    std::cerr << "missive preview: the record is rejected:\n  " << m.error << "\n";
    return kExitErrors;
  }
  for (const auto& warning : m.warnings) std::cerr << "missive preview: warning: " << warning << "\n";
  switch (outcome.message->channel) {
    case compose::Channel::Sms: {
      const value::SmsCount& c = *m.sms;
      std::cout << "to:       " << outcome.message->to << "\n"
                << "encoding: " << value::SmsEncodingName(c.encoding)
                << (c.trigger.empty() ? "" : " (because of `" + c.trigger + "`)") << "\n"
                << "segments: " << c.segments << " (" << c.units
                << (c.encoding == value::SmsEncoding::Gsm7 ? " septets" : " UTF-16 units") << ")\n";
      const auto parts = value::SplitSms(m.text);
      for (std::size_t i = 0; i < parts.size(); ++i) std::cout << "--- segment " << i + 1 << "\n" << parts[i] << "\n";
      return kExitOk;
    }
    case compose::Channel::Push: std::cout << m.bytes; return kExitOk;
    case compose::Channel::Email: break;
  }
  if (options.png_path.empty()) {
    std::cout << m.bytes;  // the .eml
    return kExitOk;
  }
  std::string html_path = options.png_path;
  if (html_path.ends_with(".png")) html_path.resize(html_path.size() - 4);
  html_path += ".html";
  if (!WriteWhole(html_path, m.html)) {
    std::cerr << "missive preview: cannot write " << html_path << "\n";
    return kExitUsage;
  }
  std::cout << html_path << "\n";
  const int exit = Screenshot(html_path, options.png_path, options.width);
  if (exit == kExitOk) std::cout << options.png_path << "\n";
  return exit;
}

}  // namespace missive::driver
