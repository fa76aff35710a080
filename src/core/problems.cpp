#include "problems.h"

#include <cstdio>
#include <cstdlib>

#include "json_problems.h"
#include "text_sniff.h"
#include "utf8.h"
#include "vocabulary.h"

namespace it2 {

const char* severity_key(Severity s) {
    switch (s) {
        case Severity::error: return "error";
        case Severity::record: return "record";
        case Severity::warning: return "warning";
    }
    return "warning";
}

// ==== [SECTION] problems in people's words ======================================================

namespace {

// One JSON pointer segment, unescaped (~1 → /, ~0 → ~).
std::string pointer_segment(std::string_view raw) {
    std::string out;
    for (size_t i = 0; i < raw.size(); ++i) {
        if (raw[i] == '~' && i + 1 < raw.size() && (raw[i + 1] == '0' || raw[i + 1] == '1')) {
            out += raw[i + 1] == '1' ? '/' : '~';
            ++i;
        } else {
            out += raw[i];
        }
    }
    return out;
}

bool all_digits(std::string_view s) {
    if (s.empty() || s.size() > 9) return false;
    for (char c : s)
        if (c < '0' || c > '9') return false;
    return true;
}

}  // namespace

std::string problem_place(std::string_view school, std::string_view pointer, std::string_view teacher_name,
                          std::string_view teacher_id, Lang lang) {
    const bool zh = lang == Lang::zh;
    std::vector<std::string> words;  // from the outside in
    std::vector<std::string> segments;
    for (size_t at = pointer.empty() || pointer[0] != '/' ? std::string_view::npos : 1; at != std::string_view::npos;) {
        const size_t slash = pointer.find('/', at);
        segments.push_back(pointer_segment(pointer.substr(at, slash == std::string_view::npos ? slash : slash - at)));
        at = slash == std::string_view::npos ? slash : slash + 1;
    }
    std::string context;  // the enclosing member's key
    bool parent_is_field = false;
    bool teacher_named = false;
    for (size_t i = 0; i < segments.size(); ++i) {
        const std::string& key = segments[i];
        const char* element = vocab::element_name(key, lang);
        if (element && i + 1 < segments.size() && all_digits(segments[i + 1])) {
            char text[96];
            std::snprintf(text, sizeof text, element, std::atoi(segments[i + 1].c_str()) + (key == "rows" ? 0 : 1));
            std::string word = text;
            if ((key == "teachers" || key == "rows") && (!teacher_name.empty() || !teacher_id.empty())) {
                std::string who = std::string(teacher_name);
                if (!teacher_id.empty()) who += (who.empty() ? "" : zh ? "，" : ", ") + std::string(teacher_id);
                word += zh ? (key == "rows" ? "（教师 " : "（") + who + "）" : " (" + who + ")";
                teacher_named = true;
            }
            if (parent_is_field && !words.empty()) words.pop_back();  // 教师名单 → 第 3 位教师
            words.push_back(std::move(word));
            context = key;
            parent_is_field = false;
            ++i;
            continue;
        }
        const vocab::FieldName* name = vocab::field_name(context, key);
        if (name && name->replaces_parent && parent_is_field && !words.empty()) words.pop_back();
        words.push_back(name ? (zh ? name->zh : name->en) : (zh ? "「" + key + "」" : "\"" + key + "\""));
        context = key;
        parent_is_field = true;
    }
    if (!teacher_named && (!teacher_name.empty() || !teacher_id.empty())) {  // a teacher named without a pointer
        std::string who = std::string(teacher_name);
        if (!teacher_id.empty()) who += (who.empty() ? "" : zh ? "，" : ", ") + std::string(teacher_id);
        words.insert(words.begin(), zh ? "教师（" + who + "）" : "teacher (" + who + ")");
    }
    std::string place;
    for (const std::string& w : words) place += (place.empty() ? "" : zh ? "的" : ", ") + w;
    if (!school.empty()) place = std::string(school) + (place.empty() ? "" : zh ? "，" : ", ") + place;
    return place;
}

void name_problem_places(Problems& problems, size_t first, std::string_view school) {
    for (size_t i = first; i < problems.size(); ++i) {
        Problem& p = problems[i];
        if (p.school.empty()) p.school = std::string(school);
        // A file error's reason names its field already (缺少批次编号 batch.id): only the school.
        const std::string_view pointer = p.severity == Severity::error ? std::string_view() : std::string_view(p.pointer);
        const std::string zh = problem_place(p.school, pointer, p.teacher_name, p.teacher_id, Lang::zh);
        const std::string en = problem_place(p.school, pointer, p.teacher_name, p.teacher_id, Lang::en);
        if (!zh.empty()) p.message_zh = zh + "：" + p.message_zh;
        if (!en.empty()) p.message_en = en + ": " + p.message_en;
    }
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

namespace {

// The JSON reader's reasons (json_doc.cpp, English, one value each) in Chinese: the reader stays
// one language on its hot path, and the Chinese UI never shows an English reason.
struct DetailText {
    const char *en_before, *en_after, *zh_before, *zh_after;
};
constexpr DetailText kJsonDetails[] = {
    {"unexpected character ", " where a value should start", "此处应是一个值，却是 ", ""},
    {"unexpected ", " after the end of the JSON value", "JSON 内容结束后还有多余的 ", ""},
    {"expected ',' or '}' after an object member, found ", "", "对象的成员后应是逗号 , 或 }，却是 ", ""},
    {"expected ',' or ']' after an array element, found ", "", "数组的元素后应是逗号 , 或 ]，却是 ", ""},
    {"a ',' before '}' (trailing commas are not JSON)", "", "} 前多了一个逗号（JSON 不允许末尾逗号）", ""},
    {"expected a member name in double quotes, found ", "", "此处应是双引号括起的成员名，却是 ", ""},
    {"expected ':' after a member name, found ", "", "成员名后应是冒号 :，却是 ", ""},
    {"control character ", " inside a string (write it as an escape)", "字符串中有控制字符 ", "（应写成转义形式）"},
    {"\\u must be followed by four hexadecimal digits", "", "\\u 后应是四位十六进制数字", ""},
    {"invalid escape \\", " in a string", "字符串中有无效的转义 \\", ""},
    {"a low surrogate \\u", " without a high surrogate before it", "低位代理 \\u", " 前缺少高位代理"},
    {"a high surrogate \\u", " must be followed by a low surrogate \\uDC00-\\uDFFF", "高位代理 \\u",
     " 后应紧跟低位代理 \\uDC00-\\uDFFF"},
    {"invalid literal (expected ", ")", "无效的字面量（应为 ", "）"},
    {"expected a digit after '-', found ", "", "负号 - 后应是数字，却是 ", ""},
    {"expected a digit after the decimal point, found ", "", "小数点后应是数字，却是 ", ""},
    {"expected a digit in the exponent, found ", "", "指数部分应是数字，却是 ", ""},
};

}  // namespace

std::string json_detail_zh(std::string_view en) {
    for (const DetailText& d : kJsonDetails) {
        const std::string_view before = d.en_before, after = d.en_after;
        if (en.size() >= before.size() + after.size() && en.substr(0, before.size()) == before &&
            en.substr(en.size() - after.size()) == after) {
            const std::string_view value = en.substr(before.size(), en.size() - before.size() - after.size());
            return std::string(d.zh_before) + std::string(value) + d.zh_after;
        }
    }
    return "格式错误";  // a reason this table lacks (a unit test triggers every one the reader has)
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
            zh = "不是有效的 JSON（" + json_detail_zh(parse.detail) + "）";
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
