#include "partial.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <iterator>
#include <memory>
#include <unordered_set>
#include <utility>

#include <nlohmann/json.hpp>

#include "dates.h"
#include "field_limits.h"
#include "json_doc.h"
#include "json_lex.h"
#include "json_out.h"

namespace it2 {

namespace {

constexpr const char* kPartialFormat = "it2-partial";

// ---- writing: one line in the bytes nlohmann's dump() of an object printed --------------
// Object keys are written in byte order, as nlohmann::json's (sorted) objects printed them, so
// partials stay byte-identical to earlier ones: a new field goes in its sorted place. The line's
// shape is fixed, so it is written straight into the string (punctuation and keys as literals),
// with JsonOut's rules for strings and numbers (json_out.h); through JsonOut's general state
// machine the map spent a fifth of its time here (perf, 100,000 teachers).

class LineOut {
public:
    // Appends to `line`; the bytes go straight into its buffer, sized ahead in large steps
    // (std::string's own append checks and grows at every call: a tenth of the map).
    explicit LineOut(std::string& line) : s_(line), start_(line.size()), n_(line.size()) {}
    ~LineOut() { s_.resize(n_); }
    LineOut(const LineOut&) = delete;
    LineOut& operator=(const LineOut&) = delete;

    LineOut& raw(std::string_view text) {
        std::memcpy(room(text.size()), text.data(), text.size());
        n_ += text.size();
        return *this;
    }
    // Punctuation and keys: a copy of a size known when compiling, inlined (no memcpy call).
    template <size_t N>
    LineOut& raw(const char (&literal)[N]) {
        std::memcpy(room(N - 1), literal, N - 1);
        n_ += N - 1;
        return *this;
    }
    // JsonOut::string: as it is when it needs no escape and is well-formed UTF-8, else as
    // nlohmann writes it (escapes, U+FFFD for broken bytes).
    LineOut& str(std::string_view text) {
        if (!json_plain_string(text)) return raw(escaped(text));
        char* at = room(text.size() + 2);
        at[0] = '"';
        std::memcpy(at + 1, text.data(), text.size());
        at[text.size() + 1] = '"';
        n_ += text.size() + 2;
        return *this;
    }
    // JsonOut::number's text. Non-finite numbers cannot be written as JSON; the loader never
    // produces them, but a model built in code could, and a partial must then still be valid
    // JSON: 0.
    LineOut& num(double value) {
        char* at = room(64);
        n_ += size_t(json_number_chars(at, std::isfinite(value) ? value : 0.0) - at);
        return *this;
    }
    LineOut& integer(int64_t value) {
        char* at = room(24);
        n_ += size_t(std::to_chars(at, at + 24, value).ptr - at);
        return *this;
    }
    LineOut& boolean(bool value) { return raw(value ? "true" : "false"); }

private:
    std::string& s_;
    size_t start_;  // where this line starts in s_
    size_t n_;      // bytes written; s_ is longer until the end

    // Grown by as much as this line holds so far (resize zero-fills what it adds: growing by
    // the whole string, as before, cost `it2 merge --partial` a memset of its output per line).
    char* room(size_t bytes) {
        if (s_.size() - n_ < bytes) s_.resize(n_ + std::max(bytes, n_ - start_) + 4096);
        return s_.data() + n_;
    }
    static std::string escaped(std::string_view text) {
        return nlohmann::json(std::string(text)).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    }
};

// A point's date as iso_date() writes it ("" for none), written in place (iso_date() with
// snprintf was 13 % of the map: perf, 100,000 teachers).
// The text of recent days is kept per thread, by day number modulo 512: a district's points fall
// on a few hundred days, and the calendar arithmetic was a third of the writer (perf, 100,000
// teachers). Dates outside years 0-9999 (not ten bytes) are written each time.
void write_day(LineOut& out, Day day) {
    if (day == kNoDay) {
        out.raw("\"\"");
        return;
    }
    struct Quoted {
        Day day = kNoDay;
        char text[12];  // "YYYY-MM-DD" with its quotes
    };
    thread_local Quoted recent[512];
    Quoted& q = recent[uint32_t(day) % 512];
    if (q.day != day) {
        char text[34] = {'"'};
        const size_t length = iso_from_days(day, text + 1);
        text[length + 1] = '"';
        if (length != 10) {
            out.raw(std::string_view(text, length + 2));
            return;
        }
        std::memcpy(q.text, text, 12);
        q.day = day;
    }
    out.raw(std::string_view(q.text, 12));
}

void write_deliverable(LineOut& out, const Deliverable& d) {
    out.raw("[").boolean(d.present).raw(",").str(d.date).raw("]");
}

void write_batch_file(LineOut& out, const BatchFile& b) {
    out.raw("{\"activities\":[");
    for (const Activity& a : b.activities) {
        if (&a != b.activities.data()) out.raw(",");
        out.raw("[").str(a.date).raw(",").str(a.title).raw(",").num(a.hours).raw(",").integer(a.participants).raw("]");
    }
    out.raw("],\"batch\":[").str(b.batch_id).raw(",").str(b.batch_name).raw(",").str(b.batch_start).raw(",").str(b.batch_end);
    out.raw("],\"deliverables\":[");
    write_deliverable(out, b.management_team);
    out.raw(",");
    write_deliverable(out, b.development_plan);
    out.raw(",");
    write_deliverable(out, b.training_plan);
    out.raw("],\"district\":[").str(b.district_code).raw(",").str(b.district_name);
    out.raw("],\"file\":").str(b.file);
    out.raw(",\"school\":[").str(b.school_id).raw(",").str(b.school_name).raw(",").str(b.school_stage).raw(",");
    out.str(std::string_view(&b.environment, b.environment ? 1 : 0));
    out.raw("],\"teachers\":[");
    for (const Teacher& t : b.teachers) {
        if (&t != b.teachers.data()) out.raw(",");
        out.raw("[").str(t.id).raw(",").str(t.name).raw(",").str(t.subject).raw(",").str(t.role).raw(",").str(t.stage);
        out.raw(",").num(t.online).raw(",").num(t.practice).raw(",").integer(t.index).raw(",").integer(t.line);
        out.raw(",").integer(t.column).raw(",[");
        const PointRange points = b.points_of(t);
        for (const PointRecord& p : points) {
            if (&p != points.begin()) out.raw(",");
            out.raw("[").integer(int(p.point)).raw(",").integer(int(p.status)).raw(",").integer(int(p.grade)).raw(",");
            write_day(out, p.submitted);  // "" when absent, as when they were strings
            out.raw(",");
            write_day(out, p.reviewed);
            out.raw(",[");
            const ItemRange items = b.items_of(p);
            for (const Item& item : items) {
                if (&item != items.begin()) out.raw(",");
                out.raw("[").str(item.title).raw(",").integer(int(item.grade)).raw("]");
            }
            out.raw("]]");
        }
        out.raw("]]");
    }
    out.raw("]}");
}

void write_problem(LineOut& out, const Problem& p) {
    out.raw("[").str(p.file).raw(",").integer(int(p.severity)).raw(",").str(p.pointer).raw(",").integer(p.line);
    out.raw(",").integer(p.column).raw(",").str(p.message_zh).raw(",").str(p.message_en).raw(",").str(p.teacher_id);
    out.raw(",").str(p.teacher_name).raw(",").str(p.school).raw("]");
}

// ---- reading: the loader's own JSON reader (json_doc.h), not an nlohmann tree ----------
// `it2 merge` reads every partial of a whole district: through nlohmann it cost more CPU than
// loading the batch files themselves. Every accessor checks the type first (no exceptions).

// A value of a parsed line; `n` is npos for "absent" (reads of it fail like a wrong type).
struct Val {
    const JsonDoc* doc = nullptr;
    uint32_t n = JsonDoc::npos;

    bool is(JsonKind k) const { return n != JsonDoc::npos && doc->kind(n) == k; }
    bool is_null() const { return is(JsonKind::null); }
    // An integer as nlohmann reads one: digits with an optional minus, no fraction or exponent.
    bool is_integer() const {
        if (!is(JsonKind::number)) return false;
        const std::string_view text = doc->text.substr(doc->offset(n));
        size_t i = text.substr(0, 1) == "-" ? 1 : 0;
        while (i < text.size() && text[i] >= '0' && text[i] <= '9') ++i;
        return i == text.size() || (text[i] != '.' && text[i] != 'e' && text[i] != 'E');
    }
    Val member(std::string_view key) const { return {doc, is(JsonKind::object) ? doc->find(n, key) : JsonDoc::npos}; }

    // Children of an array, in order: for (Val e : v.elements()) …
    struct Iterator {
        const JsonDoc* doc;
        uint32_t parent, child;
        Val operator*() const { return {doc, child}; }
        Iterator& operator++() {
            child = doc->next_sibling(parent, child);
            return *this;
        }
        bool operator!=(const Iterator& o) const { return child != o.child; }
    };
    struct Range {
        Iterator first, last;
        Iterator begin() const { return first; }
        Iterator end() const { return last; }
    };
    Range elements() const {
        const uint32_t first = is(JsonKind::array) ? doc->first_child(n) : JsonDoc::npos;
        return {{doc, n, first}, {doc, n, JsonDoc::npos}};
    }
    size_t size() const {
        size_t count = 0;
        for (Val e : elements()) count += e.n != JsonDoc::npos;
        return count;
    }
};

// The elements of a fixed-size array, by index (the partial's records are short arrays).
struct Elements {
    static constexpr size_t kMax = 16;
    Val at[kMax];
    const Val& operator[](size_t i) const { return at[i]; }
};

// A point date of a partial line: "" is no date; text that is not a real date becomes kBadDay,
// which no date gives, for check_loaded_data to refuse in its place among the other checks.
constexpr Day kBadDay = kNoDay + 1;
Day partial_day(std::string_view text) {
    if (text.empty()) return kNoDay;
    const Day day = day_from_iso(text);
    return day == kNoDay ? kBadDay : day;
}

// Collects the first thing wrong with a line; later reads become no-ops that return defaults.
struct LineReader {
    std::string error;

    bool fail(std::string what) {  // an empty `what` is no failure
        if (error.empty()) error = std::move(what);
        return false;
    }
    std::string string(Val v, const char* what) {
        if (v.is(JsonKind::string)) return std::string(v.doc->string(v.n));
        fail(std::string(what) + " is not a string");
        return {};
    }
    double number(Val v, const char* what) {
        if (v.is(JsonKind::number)) return v.doc->number(v.n);
        fail(std::string(what) + " is not a number");
        return 0;
    }
    int integer(Val v, const char* what, int lo, int hi) {
        if (v.is_integer()) {
            const double n = v.doc->number(v.n);
            if (n >= lo && n <= hi) return int(n);
        }
        fail(std::string(what) + " is not an integer in range");
        return lo;
    }
    bool boolean(Val v, const char* what) {
        if (v.is(JsonKind::boolean)) return v.doc->boolean(v.n);
        fail(std::string(what) + " is not a boolean");
        return false;
    }
    // True when `v` is an array (size 0: of any size; else of exactly `size` elements, which
    // `out` then holds).
    bool array(Val v, size_t size, const char* what, Elements* out = nullptr) {
        if (v.is(JsonKind::array)) {
            if (size == 0) return true;
            size_t count = 0;
            for (Val e : v.elements()) {
                if (out && count < size) out->at[count] = e;
                if (++count > size) break;
            }
            if (count == size) return true;
        }
        fail(std::string(what) + " is not an array of the expected size");
        return false;
    }
    Val member(Val object, const char* key) {
        Val v = object.member(key);
        if (v.n == JsonDoc::npos) fail(std::string("missing \"") + key + "\"");
        return v;
    }
};

Deliverable read_deliverable(LineReader& r, Val v) {
    Deliverable d;
    Elements a;
    if (r.array(v, 2, "deliverable", &a)) {
        d.present = r.boolean(a[0], "deliverable present");
        d.date = r.string(a[1], "deliverable date");
    }
    return d;
}

std::shared_ptr<BatchFile> read_batch_file(LineReader& r, Val v) {
    auto b = std::make_shared<BatchFile>();
    if (!v.is(JsonKind::object)) {
        r.fail("data is not an object");
        return b;
    }
    Elements e;
    if (Val f = r.member(v, "file"); f.n != JsonDoc::npos) b->file = r.string(f, "data file");
    if (Val d = r.member(v, "district"); d.n != JsonDoc::npos && r.array(d, 2, "district", &e)) {
        b->district_code = r.string(e[0], "district code");
        b->district_name = r.string(e[1], "district name");
    }
    if (Val s = r.member(v, "school"); s.n != JsonDoc::npos && r.array(s, 4, "school", &e)) {
        b->school_id = r.string(e[0], "school id");
        b->school_name = r.string(e[1], "school name");
        b->school_stage = r.string(e[2], "school stage");
        const std::string env = r.string(e[3], "school environment");
        if (env.size() > 1) r.fail("school environment has more than one character");
        b->environment = env.empty() ? 0 : env[0];
    }
    if (Val d = r.member(v, "deliverables"); d.n != JsonDoc::npos && r.array(d, 3, "deliverables", &e)) {
        b->management_team = read_deliverable(r, e[0]);
        b->development_plan = read_deliverable(r, e[1]);
        b->training_plan = read_deliverable(r, e[2]);
    }
    if (Val s = r.member(v, "batch"); s.n != JsonDoc::npos && r.array(s, 4, "batch", &e)) {
        b->batch_id = r.string(e[0], "batch id");
        b->batch_name = r.string(e[1], "batch name");
        b->batch_start = r.string(e[2], "batch start");
        b->batch_end = r.string(e[3], "batch end");
    }
    if (Val list = r.member(v, "activities"); list.n != JsonDoc::npos && r.array(list, 0, "activities")) {
        b->activities.reserve(list.size());
        for (Val a : list.elements()) {
            if (!r.array(a, 4, "activity", &e)) break;
            Activity act;
            act.date = r.string(e[0], "activity date");
            act.title = r.string(e[1], "activity title");
            act.hours = r.number(e[2], "activity hours");
            act.participants = r.integer(e[3], "activity participants", INT32_MIN, INT32_MAX);
            b->activities.push_back(std::move(act));
        }
    }
    if (Val list = r.member(v, "teachers"); list.n != JsonDoc::npos && r.array(list, 0, "teachers")) {
        b->teachers.reserve(list.size());
        for (Val t : list.elements()) {
            Elements f;
            if (!r.array(t, 11, "teacher", &f)) break;
            Teacher teacher;
            teacher.id = b->text.keep(r.string(f[0], "teacher id"));
            teacher.name = b->text.keep(r.string(f[1], "teacher name"));
            teacher.subject = b->text.keep(r.string(f[2], "teacher subject"));
            teacher.role = b->text.keep(r.string(f[3], "teacher role"));
            teacher.stage = b->text.keep(r.string(f[4], "teacher stage"));
            teacher.online = r.number(f[5], "online hours");
            teacher.practice = r.number(f[6], "practice hours");
            teacher.index = r.integer(f[7], "teacher index", 0, INT32_MAX);
            teacher.line = r.integer(f[8], "teacher line", 0, INT32_MAX);
            teacher.column = r.integer(f[9], "teacher column", 0, INT32_MAX);
            teacher.first_point = uint32_t(b->points.size());
            if (r.array(f[10], 0, "points")) {
                for (Val p : f[10].elements()) {
                    Elements g;
                    if (!r.array(p, 6, "point", &g)) break;
                    PointRecord point;
                    point.point = uint8_t(r.integer(g[0], "point", 0, kPointCount - 1));
                    point.status = PointStatus(r.integer(g[1], "point status", 0, int(PointStatus::graded)));
                    point.grade = Grade(r.integer(g[2], "point grade", 0, int(Grade::fail)));
                    point.submitted = partial_day(r.string(g[3], "point submitted"));
                    point.reviewed = partial_day(r.string(g[4], "point reviewed"));
                    point.first_item = uint32_t(b->items.size());
                    if (r.array(g[5], 0, "items")) {
                        for (Val item : g[5].elements()) {
                            Elements h;
                            if (!r.array(item, 2, "item", &h)) break;
                            Item it;
                            it.title = b->text.keep(r.string(h[0], "item title"));
                            it.grade = Grade(r.integer(h[1], "item grade", 0, int(Grade::fail)));
                            b->items.push_back(it);
                        }
                    }
                    point.item_count = uint32_t(b->items.size() - point.first_item);
                    b->points.push_back(point);
                }
            }
            teacher.point_count = uint32_t(b->points.size() - teacher.first_point);
            b->teachers.push_back(std::move(teacher));
        }
    }
    return b;
}

Problem read_problem(LineReader& r, Val v) {
    Problem p;
    Elements e;
    const bool named = v.is(JsonKind::array) && v.size() == 10;  // + teacher name and school (issue 12); 8 before
    if (!r.array(v, named ? 10 : 8, "problem", &e)) return p;
    p.file = r.string(e[0], "problem file");
    p.severity = Severity(r.integer(e[1], "problem severity", 0, int(Severity::warning)));
    p.pointer = r.string(e[2], "problem pointer");
    p.line = r.integer(e[3], "problem line", 0, INT32_MAX);
    p.column = r.integer(e[4], "problem column", 0, INT32_MAX);
    p.message_zh = r.string(e[5], "problem message_zh");
    p.message_en = r.string(e[6], "problem message_en");
    p.teacher_id = r.string(e[7], "problem teacher id");
    if (named) {
        p.teacher_name = r.string(e[8], "problem teacher name");
        p.school = r.string(e[9], "problem school");
    }
    return p;
}

// What the loader guarantees of every file it accepts (format.md §3), checked again on a partial:
// a line edited by hand or damaged in transit must not slip values into the merge that no file
// could give (a negative hour, an empty id, 2022-02-30). "" when all holds.
std::string check_loaded_data(const BatchFile& b) {
    auto text_ok = [](std::string_view v, size_t limit, bool required) {
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
    // Whether any id is used twice, found by sorting views (a hash set cost a node and a hash per
    // teacher on every line of a merge); only then are the ids collected in order, to name the
    // first teacher whose id came before, as always.
    // Files usually list their teachers by id: strictly ascending ids need no sort.
    bool any_twice = false;
    for (size_t k = 1; k < b.teachers.size() && !any_twice; ++k) any_twice = !(b.teachers[k - 1].id < b.teachers[k].id);
    if (any_twice) {
        thread_local std::vector<std::string_view> sorted;
        sorted.assign(b.teachers.size(), {});
        for (size_t k = 0; k < b.teachers.size(); ++k) sorted[k] = b.teachers[k].id;
        std::sort(sorted.begin(), sorted.end());
        any_twice = std::adjacent_find(sorted.begin(), sorted.end()) != sorted.end();
    }
    std::unordered_set<std::string_view> ids;
    for (const Teacher& t : b.teachers) {
        if (!text_ok(t.id, kMaxIdChars, true)) return "a teacher id is empty or too long";
        if (!text_ok(t.name, kMaxNameChars, true)) return "teacher " + t.id + ": the name is empty or too long";
        if (any_twice && !ids.insert(t.id).second) return "teacher id " + t.id + " is used twice in one file";
        if (!text_ok(t.subject, kMaxLabelChars, false) || !text_ok(t.role, kMaxLabelChars, false) ||
            !text_ok(t.stage, kMaxLabelChars, false))
            return "teacher " + t.id + ": a subject, role or stage is longer than its limit";
        if (!hours_ok(t.online) || !hours_ok(t.practice)) return "teacher " + t.id + ": hours are negative or not finite";
        uint32_t codes = 0;
        for (const PointRecord& p : b.points_of(t)) {
            if (codes & (1u << p.point)) return "teacher " + t.id + ": a point is listed twice";
            codes |= 1u << p.point;
            if ((p.status == PointStatus::graded) != (p.grade != Grade::none))
                return "teacher " + t.id + ": a point's grade does not match its status";
            if (p.submitted == kBadDay || p.reviewed == kBadDay) return "teacher " + t.id + ": a point date is not a real date";
            for (const Item& item : b.items_of(p))
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

bool check_entry(LineReader& r, PartialEntry& entry);

// Reads one non-blank line; returns false (with r.error set) when it is not a valid partial.
bool read_line(LineReader& r, std::string_view line, PartialEntry& entry) {
    const JsonParse parse = parse_json(line);
    if (parse.error != JsonError::none) return r.fail("not JSON");
    const Val v{&parse.doc, parse.doc.root()};
    if (!v.is(JsonKind::object)) return r.fail("not a JSON object");
    const Val format = r.member(v, "format");
    if (!format.is(JsonKind::string) || format.doc->string(format.n) != kPartialFormat)
        return r.fail("\"format\" is not \"it2-partial\"");
    const Val version = r.member(v, "version");
    if (!version.is_integer() || version.doc->number(version.n) != kPartialVersion)
        return r.fail("unsupported \"version\" (this build reads version 1)");
    if (Val key = r.member(v, "order"); key.n != JsonDoc::npos) entry.order_key = r.string(key, "order");
    if (Val name = r.member(v, "name"); name.n != JsonDoc::npos) entry.file.name = r.string(name, "name");
    if (Val status = r.member(v, "status"); status.n != JsonDoc::npos) {
        if (!status.is(JsonKind::string) || !parse_status(status.doc->string(status.n), entry.file.status))
            r.fail("\"status\" is not loaded, partial or rejected");
    }
    if (Val problems = r.member(v, "problems"); problems.n != JsonDoc::npos && r.array(problems, 0, "problems")) {
        entry.file.problems.reserve(problems.size());
        for (Val p : problems.elements()) entry.file.problems.push_back(read_problem(r, p));
    }
    if (Val data = r.member(v, "data"); data.n != JsonDoc::npos && !data.is_null())
        entry.file.data = read_batch_file(r, data);
    return check_entry(r, entry);
}

// What a line must hold beyond its shape (both readers): the data matching the status, the
// loader's guarantees, the status following from the problems.
bool check_entry(LineReader& r, PartialEntry& entry) {
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


// ---- the fast reader: the lines partial_line() writes, read straight into the model --------
// `it2 merge` reads every partial of a district; building a JSON tree of each line first cost
// half the merge (perf, 100,000 teachers). This reader takes exactly the form partial_line()
// writes (keys in its order, no white space, strings without escapes, numbers without
// exponents) and gives up on anything else, with nothing kept: the line is then read by the
// general reader above, which accepts any JSON and says what is wrong. For a line both accept
// they give the same entry (tests/core/test_partial_reader.cpp compares them).
class FastLine {
public:
    explicit FastLine(std::string_view line) : p_(line.data()), end_(line.data() + line.size()) {}

    bool done() const { return ok_ && p_ == end_; }
    bool ok() const { return ok_; }

    // The literal `text` (punctuation and keys, e.g. `,"name":`).
    bool lit(std::string_view text) {
        if (!ok_ || size_t(end_ - p_) < text.size()) return ok_ = false;
        for (size_t i = 0; i < text.size(); ++i)  // short literals: inline, not a memcmp call each
            if (p_[i] != text[i]) return ok_ = false;
        p_ += text.size();
        return true;
    }
    // True (and consumed) when the next byte is `c`; no failure otherwise.
    bool next_is(char c) {
        if (ok_ && p_ < end_ && *p_ == c) {
            ++p_;
            return true;
        }
        return false;
    }
    // A string without escapes or control characters, in well-formed UTF-8 (json_doc.h's rule,
    // checked here in the one pass over its bytes: the rest of the line is ASCII literals).
    void string(std::string& out) {
        if (!lit("\"")) return;
        // Most strings have no escape: json_lex's run over plain content (eight ASCII bytes a
        // step, UTF-8 checked where it stands) to the closing quote, then one copy. Anything else
        // (an escape, a control character, the end, broken UTF-8) takes the byte loop below.
        if (const char* q = json_lex::skip_plain(p_, end_); q != nullptr && q < end_ && *q == '"') {
            out = std::string(p_, size_t(q - p_));  // constructed in place: assign() took _M_replace
            p_ = q + 1;
            return;
        }
        const char* start = p_;  // of the bytes not yet in `out`
        bool escaped = false;
        while (p_ < end_) {
            const auto c = static_cast<unsigned char>(*p_);
            if (c == '"') {
                if (escaped) out.append(start, size_t(p_ - start));
                else out.assign(start, size_t(p_ - start));
                ++p_;
                return;
            }
            if (c < 0x80) {
                if (c < 0x20) break;
                if (c == '\\') {  // the one-letter escapes (a message quoting a key); \u: the general reader
                    if (!escaped) out.clear();
                    escaped = true;
                    out.append(start, size_t(p_ - start));
                    if (p_ + 1 >= end_) break;
                    char decoded = 0;
                    switch (p_[1]) {
                        case '"': decoded = '"'; break;
                        case '\\': decoded = '\\'; break;
                        case '/': decoded = '/'; break;
                        case 'b': decoded = '\b'; break;
                        case 'f': decoded = '\f'; break;
                        case 'n': decoded = '\n'; break;
                        case 'r': decoded = '\r'; break;
                        case 't': decoded = '\t'; break;
                        default: break;
                    }
                    if (decoded == 0) break;
                    out += decoded;
                    p_ += 2;
                    start = p_;
                    continue;
                }
                ++p_;
                continue;
            }
            const size_t length = well_formed_utf8_length(reinterpret_cast<const unsigned char*>(p_), size_t(end_ - p_));
            if (length == 0) break;
            p_ += length;
        }
        ok_ = false;
    }
    std::string string() {
        std::string out;
        string(out);
        return out;
    }
    // A record's text, kept in `store`: a plain string straight from the line, one with an
    // escape decoded first.
    Text text(TextStore& store) {
        if (ok_ && p_ < end_ && *p_ == '"') {
            if (const char* q = json_lex::skip_plain(p_ + 1, end_); q != nullptr && q < end_ && *q == '"') {
                const Text kept = store.keep(std::string_view(p_ + 1, size_t(q - p_ - 1)));
                p_ = q + 1;
                return kept;
            }
        }
        return store.keep(string());
    }
    // A string without escapes, as a view of the line (a date, a status, a code: no copy). A
    // string with an escape fails here; the general reader then takes the line.
    std::string_view plain() {
        if (!lit("\"")) return {};
        const char* q = json_lex::skip_plain(p_, end_);
        if (q == nullptr || q == end_ || *q != '"') {
            ok_ = false;
            return {};
        }
        const std::string_view text(p_, size_t(q - p_));
        p_ = q + 1;
        return text;
    }
    // An integer in [lo, hi] written as digits with an optional minus (at most 18 digits). The
    // position is kept in a local (the loop tested ok_ and the member pointer at every digit).
    int integer(int64_t lo, int64_t hi) {
        if (!ok_) return 0;
        // Most are one digit (codes, grades, indexes) followed by ',' or ']'.
        if (end_ - p_ >= 2 && unsigned(*p_ - '0') <= 9 && (p_[1] == ',' || p_[1] == ']')) {
            const int value = *p_ - '0';
            if (value < lo || value > hi) return ok_ = false;
            ++p_;
            return value;
        }
        const char* p = p_;
        const bool negative = p < end_ && *p == '-';
        if (negative) ++p;
        const char* const first = p;
        const char* const stop = end_ - p > 19 ? p + 19 : end_;  // a 19th digit is one too many
        uint64_t magnitude = 0;
        while (p < stop && *p >= '0' && *p <= '9') magnitude = magnitude * 10 + uint64_t(*p++ - '0');
        const long digits = p - first;
        p_ = p;
        if (digits == 0 || digits > 18 || (digits > 1 && *first == '0') ||
            (p < end_ && (*p == '.' || *p == 'e' || *p == 'E')))
            return ok_ = false;
        const int64_t value = negative ? -int64_t(magnitude) : int64_t(magnitude);
        if (value < lo || value > hi) return ok_ = false;
        return int(value);
    }
    // A number without exponent: significand / 10^decimals, one correctly rounded operation,
    // as json_doc's reader computes it (Clinger's fast path); longer numbers go the general way.
    double number() {
        const char* start = p_;
        const bool negative = next_is('-');
        uint64_t significand = 0;
        int digits = 0, decimals = 0;
        const char* int_start = p_;
        while (p_ < end_ && *p_ >= '0' && *p_ <= '9') {
            significand = significand * 10 + uint64_t(*p_++ - '0');
            ++digits;
        }
        if (p_ == int_start || (p_ - int_start > 1 && *int_start == '0')) ok_ = false;
        if (p_ < end_ && *p_ == '.') {
            const char* fraction = ++p_;
            while (p_ < end_ && *p_ >= '0' && *p_ <= '9') {
                significand = significand * 10 + uint64_t(*p_++ - '0');
                ++digits;
                ++decimals;
            }
            if (p_ == fraction) ok_ = false;
        }
        if ((p_ < end_ && (*p_ == 'e' || *p_ == 'E')) || digits > 15 || decimals > 22 || p_ == start) ok_ = false;
        if (!ok_) return 0;
        static constexpr double kPowers[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,  1e8,  1e9,  1e10, 1e11,
                                             1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};
        const double value = significand == 0 ? 0.0 : double(significand) / kPowers[decimals];
        return negative ? -value : value;
    }
    // A point date (partial_day): a real date of ten bytes read where it stands, anything else
    // (none, an escape, not a real date) as a plain string.
    Day day() {
        if (ok_ && end_ - p_ >= 12 && p_[0] == '"' && p_[11] == '"') {
            const Day day = day_from_iso(std::string_view(p_ + 1, 10));
            if (day != kNoDay) {
                p_ += 12;
                return day;
            }
        }
        return partial_day(plain());
    }
    bool boolean() {
        if (next_is('t')) return lit("rue");
        if (next_is('f')) lit("alse");
        else fail();
        return false;
    }
    void fail() { ok_ = false; }

private:
    const char* p_;
    const char* end_;
    bool ok_ = true;
};

void fast_batch_file(FastLine& in, BatchFile& b) {
    in.lit("{\"activities\":[");
    if (!in.next_is(']')) {
        do {
            Activity a;
            in.lit("[");
            in.string(a.date);
            in.lit(",");
            in.string(a.title);
            in.lit(",");
            a.hours = in.number();
            in.lit(",");
            a.participants = in.integer(INT32_MIN, INT32_MAX);
            in.lit("]");
            b.activities.push_back(std::move(a));
        } while (in.ok() && in.next_is(','));
        in.lit("]");
    }
    in.lit(",\"batch\":[");
    for (std::string* text : {&b.batch_id, &b.batch_name, &b.batch_start, &b.batch_end}) {
        if (text != &b.batch_id) in.lit(",");
        in.string(*text);
    }
    in.lit("],\"deliverables\":[");
    for (Deliverable* d : {&b.management_team, &b.development_plan, &b.training_plan}) {
        if (d != &b.management_team) in.lit(",");
        in.lit("[");
        d->present = in.boolean();
        in.lit(",");
        in.string(d->date);
        in.lit("]");
    }
    in.lit("],\"district\":[");
    in.string(b.district_code);
    in.lit(",");
    in.string(b.district_name);
    in.lit("],\"file\":");
    in.string(b.file);
    in.lit(",\"school\":[");
    in.string(b.school_id);
    in.lit(",");
    in.string(b.school_name);
    in.lit(",");
    in.string(b.school_stage);
    in.lit(",");
    const std::string_view env = in.plain();
    if (env.size() > 1) in.fail();  // more than one character: the general reader says so
    b.environment = env.empty() ? 0 : env[0];
    in.lit("],\"teachers\":[");
    if (in.next_is(']')) return in.lit("}"), void();
    // Read into vectors kept by the thread, then moved into one allocation of the right size:
    // growing the file's own vector moved every record of a district about twice more.
    thread_local std::vector<Teacher> teachers;
    thread_local std::vector<PointRecord> points;  // the same for the file's points
    teachers.clear();
    points.clear();
    do {
        Teacher& t = teachers.emplace_back();
        in.lit("[");
        for (Text* text : {&t.id, &t.name, &t.subject, &t.role, &t.stage}) {
            *text = in.text(b.text);
            in.lit(",");
        }
        t.online = in.number();
        in.lit(",");
        t.practice = in.number();
        in.lit(",");
        t.index = in.integer(0, INT32_MAX);
        in.lit(",");
        t.line = in.integer(0, INT32_MAX);
        in.lit(",");
        t.column = in.integer(0, INT32_MAX);
        in.lit(",[");
        t.first_point = uint32_t(points.size());
        if (!in.next_is(']')) {
            do {
                PointRecord& point = points.emplace_back();
                in.lit("[");
                point.point = uint8_t(in.integer(0, kPointCount - 1));
                in.lit(",");
                point.status = PointStatus(in.integer(0, int(PointStatus::graded)));
                in.lit(",");
                point.grade = Grade(in.integer(0, int(Grade::fail)));
                in.lit(",");
                point.submitted = in.day();
                in.lit(",");
                point.reviewed = in.day();
                in.lit(",[");
                point.first_item = uint32_t(b.items.size());
                if (!in.next_is(']')) {
                    do {
                        Item& item = b.items.emplace_back();
                        in.lit("[");
                        item.title = in.text(b.text);
                        in.lit(",");
                        item.grade = Grade(in.integer(0, int(Grade::fail)));
                        in.lit("]");
                    } while (in.ok() && in.next_is(','));
                    in.lit("]");
                }
                point.item_count = uint32_t(b.items.size() - point.first_item);
                in.lit("]");
            } while (in.ok() && in.next_is(','));
            in.lit("]");
        }
        t.point_count = uint32_t(points.size() - t.first_point);
        in.lit("]");
    } while (in.ok() && in.next_is(','));
    in.lit("]}");
    b.teachers.reserve(teachers.size());
    std::move(teachers.begin(), teachers.end(), std::back_inserter(b.teachers));
    b.points.assign(points.begin(), points.end());
    b.items.shrink_to_fit();  // grown by doubling: up to half of it unused for as long as it is loaded
}

void fast_problem(FastLine& in, Problem& p) {
    in.lit("[");
    in.string(p.file);
    in.lit(",");
    p.severity = Severity(in.integer(0, int(Severity::warning)));
    in.lit(",");
    in.string(p.pointer);
    in.lit(",");
    p.line = in.integer(0, INT32_MAX);
    in.lit(",");
    p.column = in.integer(0, INT32_MAX);
    for (std::string* text : {&p.message_zh, &p.message_en, &p.teacher_id}) {
        in.lit(",");
        in.string(*text);
    }
    if (in.next_is(',')) {  // + teacher name and school (issue 12); 8 before
        in.string(p.teacher_name);
        in.lit(",");
        in.string(p.school);
    }
    in.lit("]");
}

// True when `line` is in partial_line()'s form and a valid partial (`entry` then holds it).
bool fast_read_line(std::string_view line, PartialEntry& entry) {
    FastLine in(line);
    in.lit("{\"data\":");
    if (!in.next_is('n')) {
        auto data = std::make_shared<BatchFile>();
        data->text.expect(std::min<size_t>(line.size() / 4, size_t(1) << 20));  // texts: ~28 % of a line
        fast_batch_file(in, *data);
        entry.file.data = std::move(data);
    } else {
        in.lit("ull");
    }
    in.lit(",\"format\":\"it2-partial\",\"name\":");
    in.string(entry.file.name);
    in.lit(",\"order\":");
    in.string(entry.order_key);
    in.lit(",\"problems\":[");
    if (!in.next_is(']')) {
        do fast_problem(in, entry.file.problems.emplace_back());
        while (in.ok() && in.next_is(','));
        in.lit("]");
    }
    in.lit(",\"status\":");
    const std::string_view status = in.plain();
    in.lit(",\"version\":1}");
    LineReader r;
    if (!in.done() || !parse_status(status, entry.file.status)) return false;
    return check_entry(r, entry);
}

}  // namespace

std::string partial_line(const FileEntry& file, std::string_view order_key) {
    std::string line;
    append_partial_line(line, file, order_key);
    line.pop_back();  // the newline
    return line;
}

void append_partial_line(std::string& line, const FileEntry& file, std::string_view order_key) {
    LineOut out(line);
    out.raw("{\"data\":");
    if (file.data) write_batch_file(out, *file.data);
    else out.raw("null");
    out.raw(",\"format\":").str(kPartialFormat).raw(",\"name\":").str(file.name).raw(",\"order\":").str(order_key);
    out.raw(",\"problems\":[");
    for (const Problem& p : file.problems) {
        if (&p != file.problems.data()) out.raw(",");
        write_problem(out, p);
    }
    // A merge may have marked the entry `replaced`; the partial keeps the status as loaded.
    out.raw("],\"status\":").str(file_status_key(file.status == FileStatus::replaced ? FileStatus::loaded : file.status));
    out.raw(",\"version\":").integer(kPartialVersion).raw("}\n");
}

bool read_partial_line_fast(std::string_view line, PartialEntry& entry) { return fast_read_line(line, entry); }

std::string order_key_for_index(uint64_t index) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%020llu", static_cast<unsigned long long>(index));
    return buffer;
}

namespace {

// The lines of `text`, the first numbered `first_line`, appended to `out`.
void read_lines(std::string_view source_name, std::string_view text, int first_line, PartialReader reader_kind,
                PartialRead& out) {
    const bool fast = reader_kind == PartialReader::fast_then_general;
    int line_number = first_line - 1;
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
        if (fast && fast_read_line(line, entry)) {
            out.entries.push_back(std::move(entry));
            continue;
        }
        entry = PartialEntry();  // what the fast reader got before it gave up
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
}

}  // namespace


PartialRead read_partials(std::string_view source_name, std::string_view text, int first_line, PartialReader reader_kind) {
    PartialRead out;
    if (first_line == 1 && text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
    read_lines(source_name, text, first_line, reader_kind, out);
    return out;
}

PartialRead read_partials(std::string_view source_name, std::string_view text, const ParallelFor& parallel) {
    constexpr size_t kPiece = 1 << 20;  // about 4,000 teachers: a thread's share is many pieces
    if (!parallel || text.size() < 2 * kPiece) return read_partials(source_name, text);
    if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
    // Cut at line ends into pieces of about kPiece bytes; each is read with its lines numbered
    // from 1, then renumbered once the pieces before it have counted theirs.
    std::vector<std::string_view> pieces;
    for (size_t start = 0; start < text.size();) {
        size_t end = start + kPiece < text.size() ? text.find('\n', start + kPiece) : std::string_view::npos;
        end = end == std::string_view::npos ? text.size() : end + 1;
        pieces.push_back(text.substr(start, end - start));
        start = end;
    }
    std::vector<PartialRead> read(pieces.size());
    std::vector<int> lines(pieces.size());
    for_ranges(parallel, pieces.size(), [&](size_t begin, size_t end) {
        for (size_t k = begin; k < end; ++k) {
            read_lines(source_name, pieces[k], 1, PartialReader::fast_then_general, read[k]);
            lines[k] = int(std::count(pieces[k].begin(), pieces[k].end(), '\n'));
        }
    });
    PartialRead out;
    int before = 0;  // lines in the pieces before
    for (size_t k = 0; k < pieces.size(); ++k) {
        std::move(read[k].entries.begin(), read[k].entries.end(), std::back_inserter(out.entries));
        for (Problem& p : read[k].problems) {
            p.line += before;
            out.problems.push_back(std::move(p));
        }
        before += lines[k];
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
