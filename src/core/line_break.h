// Line breaking for Chinese text mixed with Latin words and numbers (a small part of UAX #14,
// with the Chinese 避头尾 rules), as a pure function the UI draws with its own text widths.
//
//   - a line may end between any two Chinese characters (and between Chinese and Latin);
//   - never before closing punctuation ，。、；：？！）》」』】”’…% and their ASCII forms;
//   - never after opening punctuation （《「『【“‘ and ( [ {;
//   - Latin words and numbers stay whole: they break only at spaces (and after a hyphen);
//   - a line breaks after '\n' always;
//   - a word longer than the line is cut between characters, as the last resort.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string_view>
#include <vector>

namespace it2 {

// Byte offsets where a new line may start (never 0 or the end; in order).
std::vector<size_t> break_positions(std::string_view utf8);

struct TextLine {
    size_t begin = 0;  // byte offset of the line's first character (spaces at a break are skipped)
    size_t end = 0;    // one past its last character, trailing spaces and '\n' left out
    float width = 0;   // sum of the advances of [begin, end)
};

// The lines of `utf8` at most `max_width` wide, where `advance(code_point)` is a character's width.
// Every character lands on exactly one line; a line is never empty unless the text has an empty
// line ("a\n\nb").
std::vector<TextLine> wrap_lines(std::string_view utf8, float max_width, const std::function<float(uint32_t)>& advance);

}  // namespace it2
