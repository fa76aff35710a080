// 保存工作区 / 打开工作区 and 导出本校: the it2-workspace JSON document.
#include "workspace_file.h"

#include <nlohmann/json.hpp>

#include "csv_import.h"
#include "xlsx_import.h"
#include "load_batch.h"
#include "metrics.h"

namespace it2 {

namespace {
using json = nlohmann::json;
using ordered_json = nlohmann::ordered_json;

constexpr const char* kAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

int base64_value(char c) {
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= 'a' && c <= 'z') return c - 'a' + 26;
    if (c >= '0' && c <= '9') return c - '0' + 52;
    if (c == '+') return 62;
    if (c == '/') return 63;
    return -1;
}

Problem problem(std::string_view file, Severity severity, std::string pointer, std::string zh, std::string en) {
    Problem p;
    p.file = std::string(file);
    p.severity = severity;
    p.pointer = std::move(pointer);
    p.message_zh = std::move(zh);
    p.message_en = std::move(en);
    return p;
}

}  // namespace

std::string base64_encode(std::string_view bytes) {
    std::string out;
    out.reserve((bytes.size() + 2) / 3 * 4);
    size_t i = 0;
    for (; i + 2 < bytes.size(); i += 3) {
        uint32_t v = uint32_t(uint8_t(bytes[i])) << 16 | uint32_t(uint8_t(bytes[i + 1])) << 8 | uint8_t(bytes[i + 2]);
        out += kAlphabet[v >> 18];
        out += kAlphabet[(v >> 12) & 63];
        out += kAlphabet[(v >> 6) & 63];
        out += kAlphabet[v & 63];
    }
    if (i < bytes.size()) {
        uint32_t v = uint32_t(uint8_t(bytes[i])) << 16;
        if (i + 1 < bytes.size()) v |= uint32_t(uint8_t(bytes[i + 1])) << 8;
        out += kAlphabet[v >> 18];
        out += kAlphabet[(v >> 12) & 63];
        out += i + 1 < bytes.size() ? kAlphabet[(v >> 6) & 63] : '=';
        out += '=';
    }
    return out;
}

bool base64_decode(std::string_view text, std::string& bytes) {
    bytes.clear();
    bytes.reserve(text.size() / 4 * 3);
    uint32_t buffer = 0;
    int bits = 0, padding = 0;
    size_t symbols = 0;
    for (char c : text) {
        if (c == ' ' || c == '\n' || c == '\r' || c == '\t') continue;
        if (c == '=') {
            ++padding;
            ++symbols;
            continue;
        }
        int v = base64_value(c);
        if (v < 0 || padding > 0) return false;  // a symbol after padding is corrupt
        ++symbols;
        buffer = (buffer << 6) | uint32_t(v);
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            bytes += char((buffer >> bits) & 0xFF);
        }
    }
    if (symbols % 4 != 0 || padding > 2) return false;
    return true;
}

void write_workspace_file(const std::function<bool(StoredFile&)>& next_file, const Policy& policy,
                          const WorkspaceSettings& settings, const std::function<void(std::string_view)>& write) {
    ordered_json doc;
    doc["format"] = "it2-workspace";
    doc["version"] = 1;
    doc["saved"] = today_iso();
    ordered_json s = ordered_json::object();
    if (!settings.language.empty()) s["language"] = settings.language;
    if (settings.text_size > 0) s["text_size"] = settings.text_size;
    if (!settings.as_of.empty()) s["as_of"] = settings.as_of;
    if (!settings.layout.empty()) s["layout"] = settings.layout;
    doc["settings"] = s;
    std::string policy_text = policy_json(policy);
    ordered_json policy_doc = ordered_json::parse(policy_text.begin(), policy_text.end(), nullptr, false);
    doc["policy"] = policy_doc.is_discarded() ? ordered_json(nullptr) : policy_doc;
    // Names are user text and may be invalid UTF-8: replace rather than abort.
    std::string head = doc.dump(1, ' ', false, json::error_handler_t::replace);
    head.pop_back();  // the closing brace: the files follow, one at a time
    write(head + ",\n \"files\": [");
    StoredFile file;
    for (bool first = true; next_file(file); first = false) {
        ordered_json entry = {{"name", file.name}, {"encoding", "base64"}, {"size", file.bytes.size()}, {"data", ""}};
        std::string text = entry.dump(-1, ' ', false, json::error_handler_t::replace);
        text.resize(text.size() - 2);  // `"}`: the data goes in without a copy through the JSON writer
        write((first ? "\n  " : ",\n  ") + text);
        write(base64_encode(file.bytes));
        write("\"}");
    }
    write("\n ]\n}\n");
}

std::string write_workspace_file(const std::vector<StoredFile>& files, const Policy& policy,
                                 const WorkspaceSettings& settings) {
    size_t next = 0;
    std::string out;
    write_workspace_file(
        [&](StoredFile& file) {
            if (next == files.size()) return false;
            file = files[next++];
            return true;
        },
        policy, settings, [&](std::string_view piece) { out += piece; });
    return out;
}

bool is_workspace_file(std::string_view bytes) {
    // The byte search only skips the parse for the many files that cannot be one; the answer
    // comes from the parsed top-level "format" (a district named "it2-workspace" is a batch).
    if (bytes.find("it2-workspace") == std::string_view::npos) return false;
    return sniff_format(bytes) == "it2-workspace";
}

WorkspaceFileRead read_workspace_file(std::string_view file_name, std::string_view bytes) {
    WorkspaceFileRead out;
    auto reject = [&](std::string zh, std::string en) {
        out = WorkspaceFileRead{};
        out.problems.push_back(problem(file_name, Severity::error, "", "工作区文件无法打开：" + zh,
                                       "the workspace file cannot be opened: " + en));
        return out;
    };
    std::string_view text = bytes;
    if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
    json doc = json::parse(text.begin(), text.end(), nullptr, false);
    if (doc.is_discarded()) return reject("不是有效的 JSON（文件可能已损坏或不完整）", "not valid JSON (damaged or cut short?)");
    if (!doc.is_object()) return reject("内容不是 JSON 对象", "the content is not a JSON object");
    auto format = doc.find("format");
    if (format == doc.end() || !format->is_string() || format->get<std::string>() != "it2-workspace")
        return reject("format 不是 it2-workspace", "format is not it2-workspace");
    auto version = doc.find("version");
    if (version == doc.end() || !version->is_number_integer() || version->get<long long>() != 1)
        return reject("不支持的 version（本程序读取 version 1）", "unsupported version (this program reads version 1)");
    auto files = doc.find("files");
    if (files == doc.end() || !files->is_array()) return reject("缺少 files 数组", "no files array");

    for (size_t i = 0; i < files->size(); ++i) {
        const json& entry = (*files)[i];
        std::string pointer = "/files/" + std::to_string(i);
        auto skip = [&](std::string zh, std::string en) {
            out.problems.push_back(problem(file_name, Severity::record, pointer, "第 " + std::to_string(i + 1) +
                                           " 个文件被跳过：" + zh, "file " + std::to_string(i + 1) + " skipped: " + en));
        };
        if (!entry.is_object()) {
            skip("不是对象", "not an object");
            continue;
        }
        auto name = entry.find("name");
        auto data = entry.find("data");
        auto encoding = entry.find("encoding");
        if (name == entry.end() || !name->is_string() || name->get<std::string>().empty()) {
            skip("没有文件名", "no name");
            continue;
        }
        if (encoding != entry.end() && (!encoding->is_string() || encoding->get<std::string>() != "base64")) {
            skip("未知的编码方式", "unknown encoding");
            continue;
        }
        StoredFile f;
        f.name = name->get<std::string>();
        if (data == entry.end() || !data->is_string() || !base64_decode(data->get<std::string>(), f.bytes)) {
            skip("内容缺失或已损坏（" + f.name + "）", "data missing or damaged (" + f.name + ")");
            continue;
        }
        auto size = entry.find("size");
        if (size != entry.end() && size->is_number_unsigned() && size->get<unsigned long long>() != f.bytes.size()) {
            skip("内容长度不符（" + f.name + "）", "data length does not match (" + f.name + ")");
            continue;
        }
        out.files.push_back(std::move(f));
    }

    auto policy = doc.find("policy");
    if (policy != doc.end() && policy->is_object()) {
        std::string policy_text = policy->dump(-1, ' ', false, json::error_handler_t::replace);
        PolicyLoad loaded = load_policy(std::string(file_name) + "#/policy", policy_text);
        for (Problem& p : loaded.problems) out.problems.push_back(std::move(p));
        if (loaded.ok) out.policy = loaded.policy;
    } else if (policy != doc.end() && !policy->is_null()) {
        out.problems.push_back(problem(file_name, Severity::warning, "/policy", "policy 不是对象，沿用当前规则",
                                       "policy is not an object; the current rules stay"));
    }

    auto settings = doc.find("settings");
    if (settings != doc.end() && settings->is_object()) {
        auto string_setting = [&](const char* key, std::string& target) {
            auto it = settings->find(key);
            if (it != settings->end() && it->is_string()) target = it->get<std::string>();
        };
        string_setting("language", out.settings.language);
        string_setting("as_of", out.settings.as_of);
        string_setting("layout", out.settings.layout);
        if (out.settings.language != "zh" && out.settings.language != "en") out.settings.language.clear();
        if (!out.settings.as_of.empty() && !is_iso_date(out.settings.as_of)) out.settings.as_of.clear();
        auto size = settings->find("text_size");
        if (size != settings->end() && size->is_number()) {
            double v = size->get<double>();
            if (v > 0.25 && v < 8) out.settings.text_size = v;
        }
    }
    out.ok = true;
    return out;
}

std::vector<StoredFile> files_of_school(const std::vector<StoredFile>& files, const std::string& school_id) {
    std::vector<StoredFile> out;
    for (const StoredFile& f : files) {
        const bool workbook = looks_like_workbook(f.name, f.bytes);  // .xlsx/.xls: as a CSV, its rows as CSV
        if (workbook || looks_like_csv(f.name, f.bytes)) {
            std::vector<BatchLoad> loads = workbook ? load_workbook(f.name, f.bytes) : load_csv(f.name, f.bytes);
            size_t mine = 0;
            for (const BatchLoad& l : loads) mine += l.data && l.data->school_id == school_id;
            if (mine == 0) continue;
            if (mine == loads.size()) out.push_back(f);  // the whole file is this school's: keep its bytes
            else if (workbook) out.push_back({f.name + ".csv", workbook_rows_of_school(f.name, f.bytes, school_id)});
            else out.push_back({f.name, csv_rows_of_school(f.bytes, school_id)});
            continue;
        }
        BatchLoad load = load_batch(f.name, f.bytes);
        if (load.data && load.data->school_id == school_id) out.push_back(f);
    }
    return out;
}

std::string write_school_workspace_file(const std::vector<StoredFile>& files, const Policy& policy,
                                        const WorkspaceSettings& settings, const std::string& school_id,
                                        std::vector<std::string>* included) {
    std::vector<StoredFile> mine = files_of_school(files, school_id);
    if (included) {
        included->clear();
        for (const StoredFile& f : mine) included->push_back(f.name);
    }
    return write_workspace_file(mine, policy, settings);
}

}  // namespace it2
