#include "problems.h"

#include <cstdio>

#include "json_problems.h"
#include "text_sniff.h"
#include "utf8.h"

namespace it2 {

const char* severity_key(Severity s) {
    switch (s) {
        case Severity::error: return "error";
        case Severity::record: return "record";
        case Severity::warning: return "warning";
    }
    return "warning";
}

TextPosition ProblemReporter::position(uint32_t offset) {
    if (!lines_) lines_ = std::make_unique<LineIndex>(text_);
    return lines_->at(offset);
}

Problem& ProblemReporter::add(Severity severity, std::string pointer, uint32_t offset, std::string zh, std::string en,
                              std::string teacher_id) {
    Problem p;
    p.file = file_;
    p.severity = severity;
    p.pointer = std::move(pointer);
    if (offset != JsonDoc::npos) {
        TextPosition at = position(offset);
        p.line = at.line;
        p.column = at.column;
    }
    p.message_zh = std::move(zh);
    p.message_en = std::move(en);
    p.teacher_id = std::move(teacher_id);
    out_.push_back(std::move(p));
    return out_.back();
}

namespace {

std::string number_text(double v) {
    char buffer[40];
    std::snprintf(buffer, sizeof buffer, "%.15g", v);
    return buffer;
}

}  // namespace

std::string shown_value(const JsonDoc& doc, uint32_t node, std::string_view original_text, Lang lang) {
    bool zh = lang == Lang::zh;
    if (node == JsonDoc::npos) return zh ? "（缺失）" : "(missing)";
    switch (doc.kind(node)) {
        case JsonKind::null: return "null";
        case JsonKind::boolean: return doc.boolean(node) ? "true" : "false";
        case JsonKind::number: return number_text(doc.number(node));
        case JsonKind::string: return "\"" + utf8_cut(doc.string(node), 41) + "\"";
        case JsonKind::object: return zh ? "一个对象" : "an object";
        case JsonKind::array: return zh ? "一个数组" : "an array";
        case JsonKind::out_of_range: {
            size_t start = doc.offset(node), end = start;
            while (end < original_text.size() && end - start < 40) {
                char c = original_text[end];
                if (!((c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E')) break;
                ++end;
            }
            return std::string(original_text.substr(start, end - start));
        }
    }
    return {};
}

void report_json_error(ProblemReporter& reporter, const JsonParse& parse, std::string_view action_zh,
                       std::string_view action_en) {
    std::string zh, en;
    uint32_t offset = parse.error_offset;
    // Bytes that are not text at all: say what they are, not "not UTF-8, perhaps GBK".
    if (parse.error == JsonError::not_utf8 || parse.error == JsonError::syntax) {
        const TextSniff sniff = sniff_text(parse.doc.text);
        if (sniff.kind != NotText::text) {
            reporter.set_text(parse.doc.text);
            reporter.add(Severity::error, "", JsonDoc::npos,
                         not_text_message_zh(sniff, "UTF-8") + "；" + std::string(action_zh),
                         not_text_message_en(sniff, "UTF-8") + "; " + std::string(action_en));
            return;
        }
    }
    switch (parse.error) {
        case JsonError::none: return;
        case JsonError::not_utf8: {
            char byte[8];
            unsigned value = offset < parse.doc.text.size() ? static_cast<unsigned char>(parse.doc.text[offset]) : 0;
            std::snprintf(byte, sizeof byte, "0x%02X", value);
            zh = std::string("文件不是 UTF-8 编码（此处有无效字节 ") + byte + "，可能是 GBK 编码）；请另存为 UTF-8";
            en = std::string("the file is not UTF-8 (invalid byte ") + byte + " here, perhaps GBK); save it as UTF-8";
            break;
        }
        case JsonError::truncated:
            if (parse.detail == "the file is empty") {
                zh = "文件是空的";
                en = "the file is empty";
            } else {
                zh = "JSON 在文件结尾处中断，文件不完整";
                en = "the JSON ends before it is complete (the file is truncated)";
            }
            break;
        case JsonError::syntax:
            zh = "不是有效的 JSON（" + parse.detail + "）";
            en = "not valid JSON (" + parse.detail + ")";
            break;
        case JsonError::too_deep:
            zh = "JSON 嵌套超过 " + std::to_string(kMaxJsonDepth) + " 层";
            en = "the JSON is nested deeper than " + std::to_string(kMaxJsonDepth) + " levels";
            break;
        case JsonError::too_large:
            offset = JsonDoc::npos;
            zh = "文件超过 4 GB";
            en = "the file is larger than 4 GB";
            break;
        case JsonError::too_many_out_of_range:
            zh = "超出数值范围的数字过多（如 " + parse.detail + "）";
            en = "too many numbers out of range (such as " + parse.detail + ")";
            break;
    }
    zh += "；";
    zh += action_zh;
    en += "; ";
    en += action_en;
    reporter.set_text(parse.doc.text);
    reporter.add(Severity::error, "", offset, std::move(zh), std::move(en));
}

}  // namespace it2
