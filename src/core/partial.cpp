#include "partial.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <memory>
#include <unordered_set>
#include <utility>

#include <nlohmann/json.hpp>

#include "dates.h"
#include "field_limits.h"

namespace it2 {

namespace {

using json = nlohmann::json;

constexpr const char* kPartialFormat = "it2-partial";

// ---- writing -----------------------------------------------------------------------------

json deliverable_json(const Deliverable& d) { return json::array({d.present, d.date}); }

// Non-finite numbers cannot be written as JSON; the loader never produces them, but a model
// built in code could, and a partial must then still be valid JSON.
json number_json(double value) { return std::isfinite(value) ? json(value) : json(0.0); }

json batch_file_json(const BatchFile& b) {
    json activities = json::array();
    for (const Activity& a : b.activities)
        activities.push_back(json::array({a.date, a.title, number_json(a.hours), a.participants}));

    json teachers = json::array();
    for (const Teacher& t : b.teachers) {
        json points = json::array();
        for (const PointRecord& p : t.points) {
            json items = json::array();
            for (const Item& item : p.items) items.push_back(json::array({item.title, int(item.grade)}));
            points.push_back(json::array({int(p.point), int(p.status), int(p.grade), p.submitted, p.reviewed, std::move(items)}));
        }
        teachers.push_back(json::array({t.id, t.name, t.subject, t.role, t.stage, number_json(t.online),
                                        number_json(t.practice), t.index, t.line, t.column, std::move(points)}));
    }

    json out = json::object();
    out["file"] = b.file;
    out["district"] = json::array({b.district_code, b.district_name});
    out["school"] = json::array({b.school_id, b.school_name, b.school_stage, std::string(b.environment ? 1 : 0, b.environment)});
    out["deliverables"] = json::array({deliverable_json(b.management_team), deliverable_json(b.development_plan),
                                       deliverable_json(b.training_plan)});
    out["batch"] = json::array({b.batch_id, b.batch_name, b.batch_start, b.batch_end});
    out["activities"] = std::move(activities);
    out["teachers"] = std::move(teachers);
    return out;
}

json problem_json(const Problem& p) {
    return json::array({p.file, int(p.severity), p.pointer, p.line, p.column, p.message_zh, p.message_en, p.teacher_id,
                        p.teacher_name, p.school});
}

// ---- reading: every accessor checks the type first (no exceptions in the wasm build) -----

// Collects the first thing wrong with a line; later reads become no-ops that return defaults.
struct LineReader {
    std::string error;

    bool fail(std::string what) {  // an empty `what` is no failure
        if (error.empty()) error = std::move(what);
        return false;
    }
    std::string string(const json& v, const char* what) {
        if (v.is_string()) return v.get<std::string>();
        fail(std::string(what) + " is not a string");
        return {};
    }
    double number(const json& v, const char* what) {
        if (v.is_number()) return v.get<double>();
        fail(std::string(what) + " is not a number");
        return 0;
    }
    int integer(const json& v, const char* what, int lo, int hi) {
        if (v.is_number_integer()) {
            const auto n = v.get<int64_t>();
            if (n >= lo && n <= hi) return int(n);
        }
        fail(std::string(what) + " is not an integer in range");
        return lo;
    }
    bool boolean(const json& v, const char* what) {
        if (v.is_boolean()) return v.get<bool>();
        fail(std::string(what) + " is not a boolean");
        return false;
    }
    // The array `v` when it is one with exactly `size` elements (size 0: any size).
    const json* array(const json& v, size_t size, const char* what) {
        if (v.is_array() && (size == 0 || v.size() == size)) return &v;
        fail(std::string(what) + " is not an array of the expected size");
        return nullptr;
    }
    const json* member(const json& object, const char* key) {
        auto it = object.find(key);
        if (it != object.end()) return &*it;
        fail(std::string("missing \"") + key + "\"");
        return nullptr;
    }
};

Deliverable read_deliverable(LineReader& r, const json& v) {
    Deliverable d;
    if (const json* a = r.array(v, 2, "deliverable")) {
        d.present = r.boolean((*a)[0], "deliverable present");
        d.date = r.string((*a)[1], "deliverable date");
    }
    return d;
}

std::shared_ptr<BatchFile> read_batch_file(LineReader& r, const json& v) {
    auto b = std::make_shared<BatchFile>();
    if (!v.is_object()) {
        r.fail("data is not an object");
        return b;
    }
    if (const json* f = r.member(v, "file")) b->file = r.string(*f, "data file");
    if (const json* d = r.member(v, "district"); d && r.array(*d, 2, "district")) {
        b->district_code = r.string((*d)[0], "district code");
        b->district_name = r.string((*d)[1], "district name");
    }
    if (const json* s = r.member(v, "school"); s && r.array(*s, 4, "school")) {
        b->school_id = r.string((*s)[0], "school id");
        b->school_name = r.string((*s)[1], "school name");
        b->school_stage = r.string((*s)[2], "school stage");
        const std::string env = r.string((*s)[3], "school environment");
        if (env.size() > 1) r.fail("school environment has more than one character");
        b->environment = env.empty() ? 0 : env[0];
    }
    if (const json* d = r.member(v, "deliverables"); d && r.array(*d, 3, "deliverables")) {
        b->management_team = read_deliverable(r, (*d)[0]);
        b->development_plan = read_deliverable(r, (*d)[1]);
        b->training_plan = read_deliverable(r, (*d)[2]);
    }
    if (const json* s = r.member(v, "batch"); s && r.array(*s, 4, "batch")) {
        b->batch_id = r.string((*s)[0], "batch id");
        b->batch_name = r.string((*s)[1], "batch name");
        b->batch_start = r.string((*s)[2], "batch start");
        b->batch_end = r.string((*s)[3], "batch end");
    }
    if (const json* list = r.member(v, "activities"); list && r.array(*list, 0, "activities")) {
        b->activities.reserve(list->size());
        for (const json& a : *list) {
            if (!r.array(a, 4, "activity")) break;
            Activity act;
            act.date = r.string(a[0], "activity date");
            act.title = r.string(a[1], "activity title");
            act.hours = r.number(a[2], "activity hours");
            act.participants = r.integer(a[3], "activity participants", INT32_MIN, INT32_MAX);
            b->activities.push_back(std::move(act));
        }
    }
    if (const json* list = r.member(v, "teachers"); list && r.array(*list, 0, "teachers")) {
        b->teachers.reserve(list->size());
        for (const json& t : *list) {
            if (!r.array(t, 11, "teacher")) break;
            Teacher teacher;
            teacher.id = r.string(t[0], "teacher id");
            teacher.name = r.string(t[1], "teacher name");
            teacher.subject = r.string(t[2], "teacher subject");
            teacher.role = r.string(t[3], "teacher role");
            teacher.stage = r.string(t[4], "teacher stage");
            teacher.online = r.number(t[5], "online hours");
            teacher.practice = r.number(t[6], "practice hours");
            teacher.index = r.integer(t[7], "teacher index", 0, INT32_MAX);
            teacher.line = r.integer(t[8], "teacher line", 0, INT32_MAX);
            teacher.column = r.integer(t[9], "teacher column", 0, INT32_MAX);
            if (r.array(t[10], 0, "points")) {
                teacher.points.reserve(t[10].size());
                for (const json& p : t[10]) {
                    if (!r.array(p, 6, "point")) break;
                    PointRecord point;
                    point.point = uint8_t(r.integer(p[0], "point", 0, kPointCount - 1));
                    point.status = PointStatus(r.integer(p[1], "point status", 0, int(PointStatus::graded)));
                    point.grade = Grade(r.integer(p[2], "point grade", 0, int(Grade::fail)));
                    point.submitted = r.string(p[3], "point submitted");
                    point.reviewed = r.string(p[4], "point reviewed");
                    if (r.array(p[5], 0, "items")) {
                        for (const json& item : p[5]) {
                            if (!r.array(item, 2, "item")) break;
                            Item it;
                            it.title = r.string(item[0], "item title");
                            it.grade = Grade(r.integer(item[1], "item grade", 0, int(Grade::fail)));
                            point.items.push_back(std::move(it));
                        }
                    }
                    teacher.points.push_back(std::move(point));
                }
            }
            b->teachers.push_back(std::move(teacher));
        }
    }
    return b;
}

Problem read_problem(LineReader& r, const json& v) {
    Problem p;
    const bool named = v.is_array() && v.size() == 10;  // + teacher name and school (issue 12); 8 before
    if (!r.array(v, named ? 10 : 8, "problem")) return p;
    p.file = r.string(v[0], "problem file");
    p.severity = Severity(r.integer(v[1], "problem severity", 0, int(Severity::warning)));
    p.pointer = r.string(v[2], "problem pointer");
    p.line = r.integer(v[3], "problem line", 0, INT32_MAX);
    p.column = r.integer(v[4], "problem column", 0, INT32_MAX);
    p.message_zh = r.string(v[5], "problem message_zh");
    p.message_en = r.string(v[6], "problem message_en");
    p.teacher_id = r.string(v[7], "problem teacher id");
    if (named) {
        p.teacher_name = r.string(v[8], "problem teacher name");
        p.school = r.string(v[9], "problem school");
    }
    return p;
}

// What the loader guarantees of every file it accepts (format.md §3), checked again on a partial:
// a line edited by hand or damaged in transit must not slip values into the merge that no file
// could give (a negative hour, an empty id, 2022-02-30). "" when all holds.
std::string check_loaded_data(const BatchFile& b) {
    auto text_ok = [](const std::string& v, size_t limit, bool required) {
        return (!required || !v.empty()) && !utf8_longer_than(v, limit);
    };
    auto date_ok = [](const std::string& v) { return v.empty() || is_iso_date(v); };
    auto hours_ok = [](double v) { return std::isfinite(v) && v >= 0; };
    if (!text_ok(b.school_id, kMaxIdChars, true)) return "school id is empty or too long";
    if (!text_ok(b.batch_id, kMaxIdChars, true)) return "batch id is empty or too long";
    if (!text_ok(b.school_name, kMaxNameChars, false) || !text_ok(b.district_name, kMaxNameChars, false) ||
        !text_ok(b.batch_name, kMaxNameChars, false) || !text_ok(b.district_code, kMaxIdChars, false) ||
        !text_ok(b.school_stage, kMaxLabelChars, false))
        return "a school, district or batch text is longer than its limit";
    if (b.environment != 0 && (b.environment < 'A' || b.environment > 'C')) return "school environment is not A, B or C";
    if (!date_ok(b.batch_start) || !date_ok(b.batch_end)) return "a batch date is not a real YYYY-MM-DD date";
    for (const Deliverable* d : {&b.management_team, &b.development_plan, &b.training_plan})
        if (!date_ok(d->date) || (!d->date.empty() && !d->present)) return "a deliverable date is not a real date";
    for (const Activity& a : b.activities) {
        if (!is_iso_date(a.date)) return "an activity date is not a real YYYY-MM-DD date";
        if (!hours_ok(a.hours) || a.participants < 0) return "an activity has negative hours or participants";
        if (!text_ok(a.title, kMaxTitleChars, false)) return "an activity title is longer than its limit";
    }
    std::unordered_set<std::string_view> ids;
    for (const Teacher& t : b.teachers) {
        if (!text_ok(t.id, kMaxIdChars, true)) return "a teacher id is empty or too long";
        if (!text_ok(t.name, kMaxNameChars, true)) return "teacher " + t.id + ": the name is empty or too long";
        if (!ids.insert(t.id).second) return "teacher id " + t.id + " is used twice in one file";
        if (!text_ok(t.subject, kMaxLabelChars, false) || !text_ok(t.role, kMaxLabelChars, false) ||
            !text_ok(t.stage, kMaxLabelChars, false))
            return "teacher " + t.id + ": a subject, role or stage is longer than its limit";
        if (!hours_ok(t.online) || !hours_ok(t.practice)) return "teacher " + t.id + ": hours are negative or not finite";
        uint32_t codes = 0;
        for (const PointRecord& p : t.points) {
            if (codes & (1u << p.point)) return "teacher " + t.id + ": a point is listed twice";
            codes |= 1u << p.point;
            if ((p.status == PointStatus::graded) != (p.grade != Grade::none))
                return "teacher " + t.id + ": a point's grade does not match its status";
            if (!date_ok(p.submitted) || !date_ok(p.reviewed)) return "teacher " + t.id + ": a point date is not a real date";
            for (const Item& item : p.items)
                if (item.grade == Grade::none || !text_ok(item.title, kMaxTitleChars, false))
                    return "teacher " + t.id + ": an item has no grade or a title longer than its limit";
        }
    }
    return {};
}

bool parse_status(std::string_view key, FileStatus& status) {
    for (FileStatus s : {FileStatus::loaded, FileStatus::partial, FileStatus::rejected}) {
        if (key == file_status_key(s)) {
            status = s;
            return true;
        }
    }
    return false;  // `replaced` is decided by the merge, never stored in a partial
}

// Reads one non-blank line; returns false (with r.error set) when it is not a valid partial.
bool read_line(LineReader& r, std::string_view line, PartialEntry& entry) {
    const json v = json::parse(line.begin(), line.end(), nullptr, false);
    if (v.is_discarded()) return r.fail("not JSON");
    if (!v.is_object()) return r.fail("not a JSON object");
    const json* format = r.member(v, "format");
    if (!format || !format->is_string() || format->get<std::string>() != kPartialFormat)
        return r.fail("\"format\" is not \"it2-partial\"");
    const json* version = r.member(v, "version");
    if (!version || !version->is_number_integer() || version->get<int64_t>() != kPartialVersion)
        return r.fail("unsupported \"version\" (this build reads version 1)");
    if (const json* key = r.member(v, "order")) entry.order_key = r.string(*key, "order");
    if (const json* name = r.member(v, "name")) entry.file.name = r.string(*name, "name");
    if (const json* status = r.member(v, "status")) {
        if (!status->is_string() || !parse_status(status->get<std::string>(), entry.file.status))
            r.fail("\"status\" is not loaded, partial or rejected");
    }
    if (const json* problems = r.member(v, "problems"); problems && r.array(*problems, 0, "problems")) {
        entry.file.problems.reserve(problems->size());
        for (const json& p : *problems) entry.file.problems.push_back(read_problem(r, p));
    }
    if (const json* data = r.member(v, "data"); data && !data->is_null())
        entry.file.data = read_batch_file(r, *data);
    if (r.error.empty() && (entry.file.status == FileStatus::rejected) != (entry.file.data == nullptr))
        r.fail("\"data\" must be null exactly when the file was rejected");
    if (r.error.empty() && entry.file.data) r.fail(check_loaded_data(*entry.file.data));
    if (r.error.empty()) {  // the status follows from the problems, as the loader sets it
        bool any_error = false, any_record = false;
        for (const Problem& p : entry.file.problems) {
            any_error |= p.severity == Severity::error;
            any_record |= p.severity == Severity::record;
        }
        const FileStatus expected = any_error ? FileStatus::rejected : any_record ? FileStatus::partial : FileStatus::loaded;
        if (entry.file.status != expected) r.fail("\"status\" does not match the severities of \"problems\"");
    }
    return r.error.empty();
}

}  // namespace

std::string partial_line(const FileEntry& file, std::string_view order_key) {
    json problems = json::array();
    for (const Problem& p : file.problems) problems.push_back(problem_json(p));
    json line = json::object();
    line["format"] = kPartialFormat;
    line["version"] = kPartialVersion;
    line["order"] = std::string(order_key);
    line["name"] = file.name;
    // A merge may have marked the entry `replaced`; the partial keeps the status as loaded.
    line["status"] = file_status_key(file.status == FileStatus::replaced ? FileStatus::loaded : file.status);
    line["problems"] = std::move(problems);
    line["data"] = file.data ? batch_file_json(*file.data) : json(nullptr);
    // `replace` keeps the writer exception-free even if a string were not valid UTF-8.
    return line.dump(-1, ' ', false, json::error_handler_t::replace);
}

std::string order_key_for_index(uint64_t index) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%020llu", static_cast<unsigned long long>(index));
    return buffer;
}

PartialRead read_partials(std::string_view source_name, std::string_view text) {
    PartialRead out;
    if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
    int line_number = 0;
    size_t start = 0;
    while (start < text.size()) {
        size_t end = text.find('\n', start);
        if (end == std::string_view::npos) end = text.size();
        std::string_view line = text.substr(start, end - start);
        start = end + 1;
        ++line_number;
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        if (line.find_first_not_of(" \t") == std::string_view::npos) continue;

        LineReader reader;
        PartialEntry entry;
        if (read_line(reader, line, entry)) {
            out.entries.push_back(std::move(entry));
            continue;
        }
        Problem p;
        p.file = std::string(source_name);
        p.severity = Severity::error;
        p.line = line_number;
        p.column = 1;
        p.message_zh = "不是有效的部分汇总（it2-partial）：" + reader.error + "；此行已忽略";
        p.message_en = "not a valid partial summary (it2-partial): " + reader.error + "; line ignored";
        out.problems.push_back(std::move(p));
    }
    return out;
}

Workspace workspace_from_partials(std::vector<PartialEntry> entries) {
    std::stable_sort(entries.begin(), entries.end(),
                     [](const PartialEntry& a, const PartialEntry& b) { return a.order_key < b.order_key; });
    Workspace ws;
    ws.files.reserve(entries.size());
    for (PartialEntry& e : entries) ws.files.push_back(std::move(e.file));
    return ws;
}

}  // namespace it2
