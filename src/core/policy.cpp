#include "policy.h"

#include <cmath>
#include <cstdio>

#include <nlohmann/json.hpp>

#include "json_doc.h"
#include "json_problems.h"

namespace it2 {

namespace {

constexpr uint32_t npos = JsonDoc::npos;
const char* const kIgnoredZh = "策略文件未采用，沿用当前策略";
const char* const kIgnoredEn = "the policy file is not used; the current policy is kept";

std::string number_text(double v) {
    char buffer[40];
    std::snprintf(buffer, sizeof buffer, "%.15g", v);
    return buffer;
}

// Reads the fields of an it2-policy document over a starting policy; a bad value is a warning
// and the field keeps its starting value (format.md §2).
class PolicyReader {
public:
    PolicyReader(const JsonDoc& doc, std::string_view original, ProblemReporter& reporter)
        : doc_(doc), original_(original), reporter_(reporter) {}

    // The object at root/`key`; a value that is not an object is a warning and counts as absent.
    uint32_t section(uint32_t parent, const char* key, const std::string& pointer) {
        uint32_t n = doc_.find(parent, key);
        if (n == npos || doc_.is(n, JsonKind::object)) return n;
        bad(pointer, n, "应为对象", "should be an object", "已忽略其中的设置", "its settings are ignored");
        return npos;
    }

    // A number in [low, high] (whole when `whole`); `above_low`: strictly greater than low.
    template <typename T>
    void number(uint32_t parent, const char* key, const std::string& pointer, T& out, double low, double high,
                bool whole, bool above_low = false) {
        uint32_t n = doc_.find(parent, key);
        if (n == npos) return;
        bool ok = doc_.is(n, JsonKind::number);
        double v = ok ? doc_.number(n) : 0;
        ok = ok && std::isfinite(v) && (above_low ? v > low : v >= low) && v <= high &&
             (!whole || v == std::floor(v));
        if (ok) {
            out = T(v);
            return;
        }
        std::string range_zh = std::string(whole ? "整数" : "数") + "，范围 " + (above_low ? "大于 " : "") +
                               number_text(low) + (above_low ? "" : " 至 ") + (above_low ? "" : number_text(high));
        std::string range_en = std::string(whole ? "a whole number" : "a number") + (above_low ? " above " : " from ") +
                               number_text(low) + (above_low ? "" : " to " + number_text(high));
        bad(pointer + "/" + key, n, "应为" + range_zh, "should be " + range_en,
            "沿用 " + number_text(double(out)), "keeping " + number_text(double(out)));
    }

    void environments(uint32_t parent, const std::string& pointer, bool (&out)[kEnvCount]) {
        uint32_t n = doc_.find(parent, "environments");
        if (n == npos) return;
        bool chosen[kEnvCount] = {false, false, false};
        bool ok = doc_.is(n, JsonKind::array) && doc_.first_child(n) != npos;
        for (uint32_t e = ok ? doc_.first_child(n) : npos; e != npos; e = doc_.next_sibling(n, e)) {
            std::string_view s = doc_.is(e, JsonKind::string) ? doc_.string(e) : std::string_view();
            if (s.size() == 1 && ((s[0] >= 'A' && s[0] <= 'C') || (s[0] >= 'a' && s[0] <= 'c'))) {
                chosen[(s[0] | 0x20) - 'a'] = true;
            } else {
                ok = false;
            }
        }
        if (ok) {
            for (int i = 0; i < kEnvCount; ++i) out[i] = chosen[i];
            return;
        }
        bad(pointer + "/environments", n, "应为由 \"A\"、\"B\"、\"C\" 组成的非空数组",
            "should be a non-empty array of \"A\", \"B\", \"C\"", "沿用原设置", "keeping the previous setting");
    }

    void required(uint32_t parent, const std::string& pointer, std::vector<int>& out) {
        uint32_t n = doc_.find(parent, "required");
        if (n == npos) return;
        std::vector<int> codes;
        bool ok = doc_.is(n, JsonKind::array);
        for (uint32_t e = ok ? doc_.first_child(n) : npos; e != npos; e = doc_.next_sibling(n, e)) {
            int index = doc_.is(e, JsonKind::string) ? point_index(doc_.string(e)) : -1;
            if (index < 0) {
                ok = false;
                break;
            }
            bool seen = false;
            for (int c : codes) seen = seen || c == index;
            if (!seen) codes.push_back(index);
        }
        if (ok) {
            out = std::move(codes);
            return;
        }
        bad(pointer + "/required", n, "应为能力点代码（如 \"A1\"）组成的数组", "should be an array of point codes such as \"A1\"",
            "沿用原设置", "keeping the previous setting");
    }

private:
    void bad(const std::string& pointer, uint32_t n, const std::string& should_zh, const std::string& should_en,
             const std::string& done_zh, const std::string& done_en) {
        std::string field = pointer.size() > 1 ? pointer.substr(1) : pointer;
        for (char& c : field)
            if (c == '/') c = '.';
        reporter_.add(Severity::warning, pointer, doc_.offset(n),
                      field + " 的值 " + shown_value(doc_, n, original_, Lang::zh) + " " + should_zh + "；" + done_zh,
                      field + " is " + shown_value(doc_, n, original_, Lang::en) + " but " + should_en + "; " + done_en);
    }

    const JsonDoc& doc_;
    std::string_view original_;
    ProblemReporter& reporter_;
};

// Whole numbers print without ".0", like the example in format.md §2.
nlohmann::ordered_json json_number(double v) {
    if (std::isfinite(v) && v == std::floor(v) && std::fabs(v) < 1e15) return int64_t(v);
    return v;
}

}  // namespace

PolicyLoad load_policy(std::string_view file_name, std::string_view bytes, const Policy& base) {
    PolicyLoad result;
    result.policy = base;
    ProblemReporter reporter(std::string(file_name), result.problems);
    JsonParse parse = parse_json(bytes);
    reporter.set_text(parse.doc.text);
    if (parse.error != JsonError::none) {
        report_json_error(reporter, parse, kIgnoredZh, kIgnoredEn);
        return result;
    }
    const JsonDoc& doc = parse.doc;
    uint32_t root = doc.root();
    std::string_view original = bytes.substr(parse.had_bom ? 3 : 0);
    auto reject = [&](std::string pointer, uint32_t n, const std::string& zh, const std::string& en) {
        reporter.add(Severity::error, std::move(pointer), doc.offset(n), zh + "；" + kIgnoredZh, en + "; " + kIgnoredEn);
        return result;
    };
    if (!doc.is(root, JsonKind::object))
        return reject("", root, "文件顶层不是 JSON 对象，不是 it2-policy 策略文件",
                      "the top level is not a JSON object, so this is not an it2-policy file");
    uint32_t format = doc.find(root, "format");
    if (!doc.is(format, JsonKind::string) || doc.string(format) != "it2-policy")
        return reject("/format", format == npos ? root : format,
                      "format 是 " + shown_value(doc, format, original, Lang::zh) + "，不是 \"it2-policy\"（未知的文件格式）",
                      "format is " + shown_value(doc, format, original, Lang::en) +
                          ", not \"it2-policy\" (unknown file format)");
    uint32_t version = doc.find(root, "version");
    if (!doc.is(version, JsonKind::number) || doc.number(version) != 1)
        return reject("/version", version == npos ? root : version,
                      "不支持的版本 " + shown_value(doc, version, original, Lang::zh) + "（本程序读取版本 1）",
                      "unsupported version " + shown_value(doc, version, original, Lang::en) +
                          " (this program reads version 1)");

    Policy& p = result.policy;
    PolicyReader read(doc, original, reporter);
    constexpr double kMaxHours = 100000;
    if (uint32_t hours = read.section(root, "hours", "/hours"); hours != npos) {
        read.number(hours, "online_min", "/hours", p.online_min, 0, kMaxHours, false);
        read.number(hours, "practice_min", "/hours", p.practice_min, 0, kMaxHours, false);
        read.number(hours, "total_min", "/hours", p.total_min, 0, kMaxHours, false);
    }
    if (uint32_t points = read.section(root, "points", "/points"); points != npos) {
        read.number(points, "min_passed", "/points", p.min_passed, 0, kPointCount, true);
        read.number(points, "min_dimensions", "/points", p.min_dimensions, 0, kDimensionCount, true);
        read.environments(points, "/points", p.environments);
        read.required(points, "/points", p.required);
    }
    if (uint32_t excellent = read.section(root, "excellent", "/excellent"); excellent != npos)
        read.number(excellent, "min_excellent_points", "/excellent", p.min_excellent_points, 0, kPointCount, true);
    if (uint32_t score = read.section(root, "school_score", "/school_score"); score != npos) {
        if (uint32_t w = read.section(score, "weights", "/school_score/weights"); w != npos) {
            const std::string at = "/school_score/weights";
            read.number(w, "organisation", at, p.weights.organisation, 0, 1000, false);
            read.number(w, "activities", at, p.weights.activities, 0, 1000, false);
            read.number(w, "participation_hours", at, p.weights.participation_hours, 0, 1000, false);
            read.number(w, "pass", at, p.weights.pass, 0, 1000, false);
            read.number(w, "excellence", at, p.weights.excellence, 0, 1000, false);
        }
        // Both are divisors in the score: zero is not allowed.
        read.number(score, "activities_per_batch", "/school_score", p.activities_per_batch, 0, 1000, false, true);
        read.number(score, "excellence_target", "/school_score", p.excellence_target, 0, 1, false, true);
    }
    read.number(root, "at_risk_days", "", p.at_risk_days, 0, 3660, true);
    result.ok = true;
    return result;
}

std::string policy_json(const Policy& policy) {
    using ojson = nlohmann::ordered_json;
    ojson environments = ojson::array();
    for (int i = 0; i < kEnvCount; ++i)
        if (policy.environments[i]) environments.push_back(std::string(1, char('A' + i)));
    ojson required = ojson::array();
    for (int index : policy.required)
        if (index >= 0 && index < kPointCount) required.push_back(catalog()[size_t(index)].code);
    ojson doc = {
        {"format", "it2-policy"},
        {"version", 1},
        {"hours",
         {{"online_min", json_number(policy.online_min)},
          {"practice_min", json_number(policy.practice_min)},
          {"total_min", json_number(policy.total_min)}}},
        {"points",
         {{"min_passed", policy.min_passed},
          {"min_dimensions", policy.min_dimensions},
          {"environments", environments},
          {"required", required}}},
        {"excellent", {{"min_excellent_points", policy.min_excellent_points}}},
        {"school_score",
         {{"weights",
           {{"organisation", json_number(policy.weights.organisation)},
            {"activities", json_number(policy.weights.activities)},
            {"participation_hours", json_number(policy.weights.participation_hours)},
            {"pass", json_number(policy.weights.pass)},
            {"excellence", json_number(policy.weights.excellence)}}},
          {"activities_per_batch", json_number(policy.activities_per_batch)},
          {"excellence_target", json_number(policy.excellence_target)}}},
        {"at_risk_days", policy.at_risk_days},
    };
    return doc.dump(2) + "\n";
}

}  // namespace it2
