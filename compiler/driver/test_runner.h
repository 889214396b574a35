// `missive test`: runs the `test` blocks of templates (given a record, expect a channel, a value, a
// reject reason, text on the pages, a page count) and reports each one.
#pragma once

#include <string>
#include <vector>

#include "compiler/native/native.h"

namespace missive::driver {

/// Exit code: 0 every test passed, 1 a test failed or a template has errors, 2 usage or I/O error.
int RunTemplateTests(const std::vector<std::string>& files, const native::Options& options, bool verbose);

}  // namespace missive::driver
