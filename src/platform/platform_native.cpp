// platform.h for native builds. The native targets (the `it2` command line, unit tests) have no
// window: these do nothing, so shared code links without #ifdef.
#include "platform.h"

namespace it2::platform {

bool setup_fonts(float) { return false; }

// Without a window there is no font: only ASCII is assumed printable (to a terminal).
bool can_render(char32_t codepoint) { return codepoint < 0x80; }

bool has_demo() { return false; }
void request_demo_load() {}
void set_clipboard_text(const std::string&) {}
void set_text_input(bool, float, float, float) {}
void notify_first_frame() {}
void mark_startup(const char*) {}
void report_fatal(const std::string&) {}

}  // namespace it2::platform
