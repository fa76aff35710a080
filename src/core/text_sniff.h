// Recognises bytes that are not UTF-8/GB18030 text at all, so a user hears what the file is
// ("UTF-16", "an Excel workbook") instead of "not UTF-8, perhaps GBK". Used by the JSON
// readers (batch and policy) and the CSV import.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace it2 {

enum class NotText : uint8_t { text, utf16le, utf16be, binary };

struct TextSniff {
    NotText kind = NotText::text;
    const char* what_zh = nullptr;  // binary: what it looks like ("Excel 工作簿（.xlsx）"), or null
    const char* what_en = nullptr;
};

// UTF-16: a byte-order mark FF FE / FE FF, or NUL bytes in every other position. Binary: a
// known signature (zip/xlsx, old .xls, PDF, images, gzip, …), or control bytes (NUL, …) in
// more than 1 of 20 of the first 4 KB. Anything else is `text` (it may still be bad UTF-8).
TextSniff sniff_text(std::string_view bytes);

// The problem message for a file that is not text: what it is and how to fix it. `save_as_zh`
// / `save_as_en` name the format to save as ("UTF-8", "CSV UTF-8（逗号分隔）").
std::string not_text_message_zh(const TextSniff& sniff, std::string_view save_as_zh);
std::string not_text_message_en(const TextSniff& sniff, std::string_view save_as_en);

// Offset of the first "it2-" in the bytes (format names: it2-batch, it2-policy, …), or npos.
// The same answer as string_view::find, 16 bytes a step natively (SSE2) and 8 in wasm (SWAR):
// every data file is scanned once to see whether it could be a policy or workspace file.
size_t find_it2_prefix(std::string_view bytes, size_t from = 0);

}  // namespace it2
