// Shared by the batch and policy readers: turn (pointer, node) into a Problem with line and
// column, and show an offending JSON value inside a message. Internal to the core.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "json_doc.h"
#include "problems.h"

namespace it2 {

class ProblemReporter {
public:
    ProblemReporter(std::string file, Problems& out) : file_(std::move(file)), out_(out) {}

    // The text positions refer to (set once the text is known; may be re-set after a re-parse).
    void set_text(std::string_view text) {
        if (text.data() != text_.data() || text.size() != text_.size()) lines_.reset();
        text_ = text;
    }

    // offset: byte offset in the text, or npos for "no position".
    Problem& add(Severity severity, std::string pointer, uint32_t offset, std::string zh, std::string en,
                 std::string teacher_id = {});
    TextPosition position(uint32_t offset);

    const std::string& file() const { return file_; }
    Problems& problems() { return out_; }

private:
    std::string file_;
    Problems& out_;
    std::string_view text_;
    std::unique_ptr<LineIndex> lines_;  // built at the first problem that needs a position
};

// The value at `node` as it might be quoted in a message: "28.5" (with quotes), -3, null, 一个对象.
std::string shown_value(const JsonDoc& doc, uint32_t node, std::string_view original_text, Lang lang);

// A JSON syntax error's reason (JsonParse::detail, English) in Chinese.
std::string json_detail_zh(std::string_view en);

// Adds `zh` and `en` problems for a file-level JSON failure (not UTF-8, syntax, too deep, …).
void report_json_error(ProblemReporter& reporter, const JsonParse& parse, std::string_view what_zh,
                       std::string_view what_en);

}  // namespace it2
