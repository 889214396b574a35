// The URLs a message may carry (links, buttons, unsubscribe, images by address): http, https, mailto
// and tel only, without spaces, control characters, quotes or angle brackets.
#pragma once

#include <string>
#include <string_view>

namespace missive::value {

/// Empty when `url` may go into a message, else why not ("the scheme `javascript:` is not allowed…").
std::string CheckUrl(std::string_view url);

/// Whether `s` starts with `http://` or `https://` (an image by address rather than a file).
bool IsWebUrl(std::string_view s);

}  // namespace missive::value
