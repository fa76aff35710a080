// Loading one it2-batch file (format.md §1, §3): the document is read once, each record is
// validated where it stands, and every problem carries its JSON pointer, line and column.
//
// Index of this file's sections (grep for [SECTION]):
// - names of statuses and grades, code lookup
// - the reader's state: pending dates, lazy pointers
// - file-level reading: header, school, batch
// - records: activities, teachers, hours, points
// - dates against the batch, entry points

#include "load_batch.h"

#include <algorithm>
#include <cstdio>
#include <cstring>

#include "code_layout.h"
#include "dates.h"
#include "field_limits.h"
#include "json_doc.h"
#include "json_lex.h"
#include "json_problems.h"

namespace it2 {

// ==== [SECTION] names of statuses and grades, code lookup ========================================

const char* file_status_key(FileStatus s) {
    switch (s) {
        case FileStatus::loaded: return "loaded";
        case FileStatus::partial: return "partial";
        case FileStatus::rejected: return "rejected";
        case FileStatus::replaced: return "replaced";
    }
    return "rejected";
}

namespace {

constexpr double kHoursWarning = 500;  // format.md §3: hours above this are a warning
constexpr uint32_t npos = JsonDoc::npos;

const char* const kRejectedZh = "整个文件未载入，之前载入的数据不变";
const char* const kRejectedEn = "the whole file was not loaded; data loaded before is unchanged";

// format.md §1 lists the spellings exactly; only codes are case-insensitive.
Grade parse_grade(std::string_view s) {
    if (s == "优秀" || s == "excellent") return Grade::excellent;
    if (s == "合格" || s == "pass") return Grade::pass;
    if (s == "不合格" || s == "fail") return Grade::fail;
    return Grade::none;
}

const char* grade_zh(Grade g) {
    switch (g) {
        case Grade::excellent: return "优秀";
        case Grade::pass: return "合格";
        case Grade::fail: return "不合格";
        case Grade::none: break;
    }
    return "无";
}

const char* grade_en(Grade g) {
    switch (g) {
        case Grade::excellent: return "excellent";
        case Grade::pass: return "pass";
        case Grade::fail: return "fail";
        case Grade::none: break;
    }
    return "none";
}

// docs/format.md §5: 优秀 only if every item is 优秀; 不合格 if any item is 不合格; otherwise 合格.
Grade grade_from_items(const Item* first, const Item* last) {
    bool all_excellent = true;
    for (const Item* item = first; item != last; ++item) {
        if (item->grade == Grade::fail) return Grade::fail;
        if (item->grade != Grade::excellent) all_excellent = false;
    }
    return all_excellent ? Grade::excellent : Grade::pass;
}

// point_index() for the hot path: catalogue order is A1..A13, B1..B10, C1..C7 (catalog.h), so
// the index follows from letter and number; a unit test keeps the two equal.
int code_index(std::string_view code) {
    if (code.size() < 2 || code.size() > 3) return -1;
    char letter = char(code[0] & ~0x20);  // ASCII upper case
    int first = code[1] - '0';
    if (first < 1 || first > 9) return -1;
    int number = first;
    if (code.size() == 3) {
        int second = code[2] - '0';
        if (second < 0 || second > 9) return -1;
        number = first * 10 + second;
    }
    switch (letter) {
        case 'A': return number <= 13 ? number - 1 : -1;
        case 'B': return number <= 10 ? 13 + number - 1 : -1;
        case 'C': return number <= 7 ? 23 + number - 1 : -1;
        default: return -1;
    }
}

bool parse_status(std::string_view s, PointStatus& status) {
    if (s == "selected") status = PointStatus::selected;
    else if (s == "submitted") status = PointStatus::submitted;
    else if (s == "graded") status = PointStatus::graded;
    else return false;
    return true;
}

// ==== [SECTION] the reader's state: pending dates, lazy pointers =================================

// A date (submitted / reviewed) whose place against the batch is checked once the batch is known.
struct PendingDate {
    Day date;
    uint32_t offset;
    uint32_t teacher;        // index into BatchFile::teachers
    uint32_t point_element;  // position in the teacher's "points" array
    bool reviewed;
};

// A JSON pointer made only when a problem needs one: base, then middle + index and
// middle2 + index2 when given ("/teachers" "/" 7 "/points/" 2).
struct Path {
    std::string_view base;
    const char* middle = nullptr;
    uint32_t index = 0;
    const char* middle2 = nullptr;
    uint32_t index2 = 0;
};

std::string operator+(const Path& path, std::string_view suffix) {
    std::string s(path.base);
    if (path.middle != nullptr) {
        s += path.middle;
        s += std::to_string(path.index);
    }
    if (path.middle2 != nullptr) {
        s += path.middle2;
        s += std::to_string(path.index2);
    }
    s += suffix;
    return s;
}

// A Path and a suffix that become the pointer string only when a problem takes it.
struct LazyPointer {
    Path path;
    std::string_view suffix;
    operator std::string() const { return path + suffix; }
};
// Any pointer made by `make` only when a problem takes it.
template <typename Make>
struct Lazy {
    Make make;
    operator std::string() const { return make(); }
};
template <typename Make>
Lazy<Make> lazy(Make make) {
    return {std::move(make)};
}

// Teacher id -> the teacher (slot in BatchFile::teachers) that used it first: open addressing
// over (hash, slot) pairs, the ids compared in the teachers themselves. std::unordered_map
// allocated a node and copied the id for every teacher.
class TeacherIds {
public:
    explicit TeacherIds(const std::vector<Teacher>& teachers) : teachers_(teachers) {}
    // The slot of the teacher that has `id`, or -1 after noting that `slot` will have it.
    long find_or_add(std::string_view id, uint32_t slot) {
        if ((count_ + 1) * 2 > table_.size()) grow();
        const uint64_t hash = std::hash<std::string_view>()(id);
        const size_t mask = table_.size() - 1;
        for (size_t at = size_t(hash) & mask;; at = (at + 1) & mask) {
            Entry& e = table_[at];
            if (e.slot == kEmpty) {
                e = {hash, slot};
                ++count_;
                return -1;
            }
            if (e.hash == hash && teachers_[e.slot].id == id) return long(e.slot);
        }
    }
    void clear() {
        table_.clear();
        count_ = 0;
    }

private:
    static constexpr uint32_t kEmpty = UINT32_MAX;
    struct Entry {
        uint64_t hash = 0;
        uint32_t slot = kEmpty;
    };
    void grow() {
        std::vector<Entry> old(std::max<size_t>(64, table_.size() * 2));
        old.swap(table_);
        const size_t mask = table_.size() - 1;
        for (const Entry& e : old) {
            if (e.slot == kEmpty) continue;
            size_t at = size_t(e.hash) & mask;
            while (table_[at].slot != kEmpty) at = (at + 1) & mask;
            table_[at] = e;
        }
    }
    const std::vector<Teacher>& teachers_;
    std::vector<Entry> table_;
    size_t count_ = 0;
};

// ---- the fast path: a clean teacher record read straight from the text ----------------------
// Most records need no problem at all. For those the reader takes the record from the text
// (BatchReader::fast_teacher) without building a node per value: members in any order, each
// key at most once, strings without escapes (UTF-8 checked by json_lex's step, as the reader
// does), numbers in the short form. At the first thing a clean record does not have (a
// problem to report, an unknown key, an escape, an exponent …) it gives up with nothing kept,
// and the record is read by the general path, which says what is wrong where. For a record both
// accept they give the same Teacher (tests/core/test_load_batch.cpp compares them).
class Cursor {
public:
    Cursor(const char* p, const char* end) : p(p), end_(end) {}
    const char* p;

    IT2_LEX_INLINE void skip_space() { p = json_lex::skip_space(p, end_); }
    IT2_LEX_INLINE bool at(char c) const { return p < end_ && *p == c; }
    // `c` (consumed) after optional white space.
    IT2_LEX_INLINE bool next(char c) {
        skip_space();
        if (!at(c)) return false;
        ++p;
        return true;
    }
    IT2_LEX_INLINE bool null() {
        if (end_ - p >= 4 && json_lex::same_bytes(p, "null", 4)) {
            p += 4;
            return true;
        }
        return false;
    }
    // A string without escapes at p (its quote): its content in `out`.
    IT2_LEX_INLINE bool string(std::string_view& out) {
        if (!at('"')) return false;
        const char* q = json_lex::skip_plain(p + 1, end_);
        if (q == nullptr || q == end_ || *q != '"') return false;
        out = std::string_view(p + 1, size_t(q - p - 1));
        p = q + 1;
        return true;
    }
    // The string `quoted` (quotes included, e.g. "\"graded\""): consumed when it is next.
    IT2_LEX_INLINE bool is_string(std::string_view quoted) {
        if (size_t(end_ - p) < quoted.size() || !json_lex::same_bytes(p, quoted.data(), quoted.size())) return false;
        p += quoted.size();
        return true;
    }
    // A date string: ten bytes of digits and '-' between quotes need no scan (the usual case).
    IT2_LEX_INLINE bool date(Day& out) {
        std::string_view text;
        if (end_ - p >= 12 && p[0] == '"' && p[11] == '"' && date_bytes(p + 1)) {
            text = std::string_view(p + 1, 10);
            p += 12;
        } else if (!string(text)) {
            return false;
        }
        out = day_from_iso(text);
        return out != kNoDay;
    }
    IT2_LEX_INLINE bool number(double& value) {
        const char* q = json_lex::short_number(p, end_, value);
        if (q == nullptr) return false;
        p = q;
        return true;
    }
    // An object at p: `value(k)` reads the value of key k (p at it, p past it on return). `keys`
    // are written with their quotes ("\"id\""). False at a key not in `keys`, a key given twice,
    // or anything but plain JSON syntax. `seen`: bit k for each key found.
    template <size_t N, typename Value>
    IT2_LEX_INLINE bool object(const std::string_view (&keys)[N], uint32_t& seen, Value&& value) {
        seen = 0;
        if (!at('{')) return false;
        ++p;
        if (next('}')) return true;
        size_t hint = 0;  // files list the keys in one order: the one after the last is tried first
        for (;;) {
            skip_space();
            size_t k = N;
            if (hint < N && size_t(end_ - p) >= keys[hint].size() &&
                json_lex::same_bytes(p, keys[hint].data(), keys[hint].size())) {
                k = hint;  // the whole string, quotes included: ASCII letters, nothing to check
                p += keys[hint].size();
            } else {
                std::string_view key;
                if (!string(key)) return false;
                for (size_t i = 0; i < N && k == N; ++i)
                    if (json_lex::same_name(keys[i].substr(1, keys[i].size() - 2), key)) k = i;
            }
            if (k == N || (seen & (1u << k)) != 0) return false;
            seen |= 1u << k;
            hint = k + 1;
            if (!next(':')) return false;
            skip_space();
            bool more = false;
            if (!value(k) || !after_value('}', more)) return false;
            if (!more) return true;
        }
    }
    // An array at p: `element()` reads each element (p at it, past it on return).
    template <typename Element>
    IT2_LEX_INLINE bool array(Element&& element) {
        if (!at('[')) return false;
        ++p;
        if (next(']')) return true;
        for (;;) {
            skip_space();
            bool more = false;
            if (!element() || !after_value(']', more)) return false;
            if (!more) return true;
        }
    }
    // After a member or element: ',' (`more` follow) or `close` (the end); false at anything else.
    IT2_LEX_INLINE bool after_value(char close, bool& more) {
        skip_space();
        more = at(',');
        if (!more && !at(close)) return false;
        ++p;
        return true;
    }

private:
    // Ten bytes that are all digits or '-' (ASCII: nothing for skip_plain to check).
    static IT2_LEX_INLINE bool date_bytes(const char* q) {
        bool ok = true;
        for (int i = 0; i < 10; ++i) ok &= q[i] == '-' || unsigned(q[i] - '0') < 10;
        return ok;
    }
    const char* end_;
};

// A grade given as text (parse_grade; Grade::none for other text); false when not text.
IT2_LEX_INLINE bool grade_string(Cursor& in, Grade& out) {
    if (in.is_string("\"合格\"")) return out = Grade::pass, true;  // the usual spellings: no scan
    if (in.is_string("\"优秀\"")) return out = Grade::excellent, true;
    std::string_view s;
    if (!in.string(s)) return false;
    out = parse_grade(s);
    return true;
}

// A point's date read on the fast path, pushed to pending_dates_ once the teacher is kept.
struct FastDate {
    Day date;
    uint32_t offset;
    uint32_t point_element;
    bool reviewed;
};

class BatchReader {
public:
    BatchReader(std::string_view file_name, Problems& problems)
        : reporter_(std::string(file_name), problems), problems_(problems) {}

    BatchLoad read(std::string_view bytes, bool fast, size_t* fast_records);

private:
    // ---- helpers -------------------------------------------------------------------------
    std::string show(uint32_t node, Lang lang) const { return shown_value(*doc_, node, original_text_, lang); }
    uint32_t at(uint32_t node) const { return node == npos ? npos : doc_->offset(node); }
    void file_error(std::string pointer, uint32_t node, std::string zh, std::string en) {
        reporter_.add(Severity::error, std::move(pointer), at(node), zh + "；" + kRejectedZh,
                      en + "; " + kRejectedEn);
    }
    void record(std::string pointer, uint32_t node, std::string zh, std::string en, std::string_view teacher = {}) {
        named(reporter_.add(Severity::record, std::move(pointer), at(node), std::move(zh), std::move(en),
                            std::string(teacher)));
    }
    void warning(std::string pointer, uint32_t node, std::string zh, std::string en, std::string_view teacher = {}) {
        named(reporter_.add(Severity::warning, std::move(pointer), at(node), std::move(zh), std::move(en),
                            std::string(teacher)));
    }
    // A teacher's problem carries the teacher's name (problem_place() says it in people's words).
    void named(Problem& p) const {
        if (!p.teacher_id.empty()) p.teacher_name.assign(teacher_name_);
    }
    // An optional string member `n` (npos when absent): its text, or "" when absent or null;
    // another type is a warning; text longer than `limit` characters is ignored with a problem
    // of `over_limit` severity (format.md §3: a record error inside a record, else a warning).
    // The view is of the parsed text: a record keeps it in file_.text.
    std::string_view optional_string(uint32_t n, const char* key, const Path& at, size_t limit, Severity over_limit,
                                     std::string_view teacher = {});
    void optional_string(uint32_t object, const char* key, std::string_view at, std::string& out, size_t limit,
                         Severity over_limit = Severity::warning) {
        out.assign(optional_string(doc_->find(object, key), key, Path{at}, limit, over_limit));
    }
    // True (with a problem) when the string at `n` is longer than `limit` characters.
    // `pointer`: the JSON pointer, or a LazyPointer, made into a string only for the problem.
    template <typename Pointer>
    bool too_long(uint32_t n, size_t limit, Severity severity, const Pointer& pointer, const char* what_zh,
                  const char* what_en, const char* done_zh, const char* done_en, std::string_view teacher = {}) {
        std::string_view text = doc_->string(n);
        if (!utf8_longer_than(text, limit)) return false;
        named(reporter_.add(severity, std::string(pointer), at(n), too_long_zh(what_zh, text, limit) + "，" + done_zh,
                            too_long_en(what_en, text, limit) + "; " + done_en, std::string(teacher)));
        return true;
    }
    // An optional ISO date member `n`: true when `out` was set.
    bool optional_date(uint32_t n, const char* key, const Path& at, std::string& out, const char* what_zh,
                       const char* what_en, std::string_view teacher = {});
    // The same for a point's date, kept as a day number (model.h).
    bool optional_date(uint32_t n, const char* key, const Path& at, Day& out, std::string_view teacher);

    // ---- the file's parts ----------------------------------------------------------------
    // The fast path (above): the position past the teacher at `at` when it was taken whole.
    const char* fast_teacher(const JsonDoc& doc, const char* at, size_t index);
    bool fast_point(Cursor& in, uint32_t element);
    void read_teacher(uint32_t node, size_t index);
    double read_hour(uint32_t n, const LazyPointer& pointer, std::string_view teacher);
    void read_point(Teacher& teacher, uint32_t node, const Path& teacher_pointer, uint32_t element);
    bool read_header();  // format, version, school, batch, teachers; false on a file error
    void read_school();
    void read_batch();
    void read_activities();
    void check_dates_against_batch();
    bool outside_batch(const std::string& date) const {
        return (!file_.batch_start.empty() && date < file_.batch_start) ||
               (!file_.batch_end.empty() && date > file_.batch_end);
    }
    std::string batch_range_zh() const;
    std::string batch_range_en() const;

    ProblemReporter reporter_;
    Problems& problems_;
    const JsonDoc* doc_ = nullptr;
    std::string_view original_text_;  // before 1e400-style numbers were patched
    BatchFile file_;
    TeacherIds teacher_ids_{file_.teachers};
    std::vector<PendingDate> pending_dates_;
    size_t problems_before_teachers_ = 0;
    std::string_view teacher_name_;  // of the teacher being read, once valid (for its problems)
    // The fast path's work space, kept from teacher to teacher (its capacity is reused): a
    // teacher's points and one point's items, moved into vectors of their exact size.
    std::vector<PointRecord> fast_points_;
    std::vector<Item> fast_items_;
    std::vector<FastDate> fast_dates_;
    const char* fast_text_ = nullptr;  // the text's first byte (offsets of dates)

    // Where each teacher record starts (Teacher::line / column), as LineIndex::at gives it:
    // teachers come in text order, so lines are counted on from the previous teacher instead
    // of indexing every line of every file (the index is still built for a problem's place).
    TextPosition teacher_position(uint32_t offset);
    uint32_t scan_at_ = 0;          // text before this is counted: it is on line scan_line_ …
    int scan_line_ = 1;             // … and, when on that line, at column scan_column_
    int scan_column_ = 1;
};

std::string_view BatchReader::optional_string(uint32_t n, const char* key, const Path& at, size_t limit,
                                              Severity over_limit, std::string_view teacher) {
    if (n == npos || doc_->is(n, JsonKind::null)) return {};
    if (doc_->is(n, JsonKind::string)) {
        // The pointer is written only for a problem (it was three strings a teacher).
        if (!too_long(n, limit, over_limit, lazy([&] { return at + "/" + key; }), key, key, "已忽略", "ignored", teacher))
            return doc_->string(n);
        return {};
    }
    warning(at + "/" + key, n,
            "应为文字，实际是 " + show(n, Lang::zh) + "，已忽略",
            "should be text but is " + show(n, Lang::en) + "; ignored", teacher);
    return {};
}

bool BatchReader::optional_date(uint32_t n, const char* key, const Path& at, std::string& out, const char* what_zh,
                                const char* what_en, std::string_view teacher) {
    (void)what_zh, (void)what_en;  // the problem's place names the field (problem_place)
    if (n == npos || doc_->is(n, JsonKind::null)) return false;
    if (doc_->is(n, JsonKind::string) && is_iso_date(doc_->string(n))) {
        out.assign(doc_->string(n));
        return true;
    }
    warning(at + "/" + key, n,
            show(n, Lang::zh) + " 不是有效日期（应为 YYYY-MM-DD），已忽略",
            show(n, Lang::en) + " is not a valid date (YYYY-MM-DD); ignored", teacher);
    return false;
}

bool BatchReader::optional_date(uint32_t n, const char* key, const Path& at, Day& out, std::string_view teacher) {
    if (n == npos || doc_->is(n, JsonKind::null)) return false;
    if (doc_->is(n, JsonKind::string)) {
        const Day day = day_from_iso(doc_->string(n));  // kNoDay exactly when !is_iso_date
        if (day != kNoDay) {
            out = day;
            return true;
        }
    }
    std::string unused;  // the same warning as for any other date
    return optional_date(n, key, at, unused, nullptr, nullptr, teacher);
}

// ==== [SECTION] file-level reading: header, school, batch ========================================

BatchLoad BatchReader::read(std::string_view bytes, bool fast, size_t* fast_records) {
    BatchLoad result;
    JsonStream stream;
    stream.key = "teachers";
    stream.element = [this](const JsonDoc& doc, uint32_t node, size_t index) {
        doc_ = &doc;
        reporter_.set_text(doc.text);
        read_teacher(node, index);
    };
    if (fast) {
        stream.fast_element = [this, fast_records](const JsonDoc& doc, const char* at, size_t index) {
            const char* past = fast_teacher(doc, at, index);
            if (past != nullptr && fast_records != nullptr) ++*fast_records;
            return past;
        };
    }
    stream.restart = [this] {  // a re-parse (after patching 1e400) or a repeated "teachers" key
        file_.teachers.clear();
        file_.points.clear();
        file_.items.clear();
        teacher_ids_.clear();
        pending_dates_.clear();
        scan_at_ = 0, scan_line_ = 1, scan_column_ = 1;
        problems_.resize(problems_before_teachers_);
    };
    original_text_ = bytes.substr(bytes.size() >= 3 && bytes.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0);
    problems_before_teachers_ = problems_.size();
    // A teacher takes about 480 bytes of a generated file: room for them all up front instead of
    // six doublings of 120-byte records (capped: a big file of something else reserves little).
    file_.teachers.reserve(std::min<size_t>(bytes.size() / 384, 8192));
    file_.points.reserve(std::min<size_t>(bytes.size() / 128, 65536));  // a point takes ~150 bytes of a file
    pending_dates_.reserve(std::min<size_t>(bytes.size() / 64, 65536));  // ~7 dates a teacher
    file_.text.expect(std::min<size_t>(bytes.size() / 6, size_t(1) << 20));  // ids, names, titles: ~13 % of a file

    JsonParse parse = parse_json(bytes, &stream);
    doc_ = &parse.doc;
    reporter_.set_text(parse.doc.text);
    if (parse.error != JsonError::none) {
        problems_.resize(problems_before_teachers_);
        report_json_error(reporter_, parse, kRejectedZh, kRejectedEn);
        return result;
    }

    size_t first_header_problem = problems_.size();
    if (!read_header()) {
        // Only the reasons for the rejection: record problems of a file not loaded are noise.
        Problems errors(problems_.begin() + long(first_header_problem), problems_.end());
        problems_.resize(problems_before_teachers_);
        problems_.insert(problems_.end(), errors.begin(), errors.end());
        name_problem_places(problems_, problems_before_teachers_, file_.school_id);
        return result;
    }
    read_school();
    read_batch();
    read_activities();
    check_dates_against_batch();

    // Problems in file order (teachers were read while parsing, the rest afterwards).
    std::stable_sort(problems_.begin() + long(problems_before_teachers_), problems_.end(),
                     [](const Problem& a, const Problem& b) {
                         return a.line != b.line ? a.line < b.line : a.column < b.column;
                     });
    name_problem_places(problems_, problems_before_teachers_,
                        file_.school_name.empty() ? file_.school_id : file_.school_name);
    bool any_record = std::any_of(problems_.begin() + long(problems_before_teachers_), problems_.end(),
                                  [](const Problem& p) { return p.severity == Severity::record; });
    result.status = any_record ? FileStatus::partial : FileStatus::loaded;
    file_.file = reporter_.file();
    // Teachers arrive one by one while parsing: the vector's doubling left up to half of it
    // empty (120 bytes a slot; about 12 MB at 100,000 teachers) for as long as the file is loaded.
    file_.teachers.shrink_to_fit();
    file_.points.shrink_to_fit();
    file_.items.shrink_to_fit();
    result.data = std::make_shared<const BatchFile>(std::move(file_));
    return result;
}

bool BatchReader::read_header() {
    const JsonDoc& doc = *doc_;
    uint32_t root = doc.root();
    if (!doc.is(root, JsonKind::object)) {
        file_error("", root, "文件顶层不是 JSON 对象（{…}），不是 it2-batch 培训批次文件",
                   "the top level is not a JSON object ({…}), so this is not an it2-batch file");
        return false;
    }
    bool ok = true;
    uint32_t format = doc.find(root, "format");
    if (format == npos) {
        file_error("/format", root, "缺少 format 字段，无法确认是 it2-batch 培训批次文件",
                   "no \"format\" field, so this is not recognisably an it2-batch file");
        return false;
    }
    if (!doc.is(format, JsonKind::string) || doc.string(format) != "it2-batch") {
        file_error("/format", format, "format 是 " + show(format, Lang::zh) + "，不是 \"it2-batch\"（未知的文件格式）",
                   "format is " + show(format, Lang::en) + ", not \"it2-batch\" (unknown file format)");
        return false;
    }
    uint32_t version = doc.find(root, "version");
    if (!doc.is(version, JsonKind::number) || doc.number(version) != 1) {
        file_error("/version", version == npos ? root : version,
                   version == npos ? std::string("缺少 version 字段（本程序读取版本 1）")
                                   : "不支持的版本 " + show(version, Lang::zh) + "（本程序读取版本 1）",
                   version == npos ? std::string("no \"version\" field (this program reads version 1)")
                                   : "unsupported version " + show(version, Lang::en) +
                                         " (this program reads version 1)");
        return false;
    }

    uint32_t school = doc.find(root, "school");
    uint32_t school_id = doc.find(school, "id");
    if (!doc.is(school_id, JsonKind::string) || doc.string(school_id).empty()) {
        uint32_t where = school_id != npos ? school_id : school != npos ? school : root;
        file_error("/school/id", where,
                   school_id == npos ? std::string("缺少学校编号 school.id")
                                     : "学校编号 school.id 是 " + show(school_id, Lang::zh) + "，应为非空文字",
                   school_id == npos ? std::string("school.id (the school's id) is missing")
                                     : "school.id is " + show(school_id, Lang::en) + "; it must be non-empty text");
        ok = false;
    } else if (utf8_longer_than(doc.string(school_id), kMaxIdChars)) {
        file_error("/school/id", school_id, too_long_zh("学校编号 school.id", doc.string(school_id), kMaxIdChars),
                   too_long_en("school.id", doc.string(school_id), kMaxIdChars));
        ok = false;
    } else {
        file_.school_id.assign(doc.string(school_id));
    }

    uint32_t batch = doc.find(root, "batch");
    uint32_t batch_id = doc.find(batch, "id");
    if (!doc.is(batch_id, JsonKind::string) || doc.string(batch_id).empty()) {
        uint32_t where = batch_id != npos ? batch_id : batch != npos ? batch : root;
        file_error("/batch/id", where,
                   batch_id == npos ? std::string("缺少批次编号 batch.id")
                                    : "批次编号 batch.id 是 " + show(batch_id, Lang::zh) + "，应为非空文字",
                   batch_id == npos ? std::string("batch.id (the batch's id) is missing")
                                    : "batch.id is " + show(batch_id, Lang::en) + "; it must be non-empty text");
        ok = false;
    } else if (utf8_longer_than(doc.string(batch_id), kMaxIdChars)) {
        file_error("/batch/id", batch_id, too_long_zh("批次编号 batch.id", doc.string(batch_id), kMaxIdChars),
                   too_long_en("batch.id", doc.string(batch_id), kMaxIdChars));
        ok = false;
    } else {
        file_.batch_id.assign(doc.string(batch_id));
    }

    uint32_t teachers = doc.find(root, "teachers");
    if (!doc.is(teachers, JsonKind::array)) {
        file_error("/teachers", teachers == npos ? root : teachers,
                   teachers == npos ? std::string("缺少教师名单 teachers（应为数组，可以为空）")
                                    : "teachers 应为数组，实际是 " + show(teachers, Lang::zh),
                   teachers == npos ? std::string("the teacher list \"teachers\" is missing (an array, may be empty)")
                                    : "teachers should be an array but is " + show(teachers, Lang::en));
        ok = false;
    }
    return ok;
}

void BatchReader::read_school() {
    const JsonDoc& doc = *doc_;
    uint32_t root = doc.root();
    uint32_t district = doc.find(root, "district");
    if (doc.is(district, JsonKind::object)) {
        optional_string(district, "code", "/district", file_.district_code, kMaxIdChars);
        optional_string(district, "name", "/district", file_.district_name, kMaxNameChars);
    } else if (district != npos && !doc.is(district, JsonKind::null)) {
        warning("/district", district, "district 应为对象，已忽略", "district should be an object; ignored");
    }

    uint32_t school = doc.find(root, "school");
    // An over-long name is cut, not dropped: the school stays recognisable (format.md §3).
    uint32_t school_name = doc.find(school, "name");
    if (doc.is(school_name, JsonKind::string) && utf8_longer_than(doc.string(school_name), kMaxNameChars)) {
        file_.school_name = utf8_cut(doc.string(school_name), kMaxNameChars);
        warning("/school/name", school_name,
                too_long_zh("学校名称", doc.string(school_name), kMaxNameChars) + "，只保留前 " +
                    std::to_string(kMaxNameChars - 1) + " 个字符",
                too_long_en("the school name", doc.string(school_name), kMaxNameChars) + "; only its first " +
                    std::to_string(kMaxNameChars - 1) + " characters are kept");
    } else {
        optional_string(school, "name", "/school", file_.school_name, kMaxNameChars);
    }
    if (file_.school_name.empty()) {
        uint32_t name = doc.find(school, "name");
        if (name == npos || doc.is(name, JsonKind::null) || doc.is(name, JsonKind::string))
            warning("/school/name", name == npos ? school : name, "缺少学校名称，以学校编号代替显示",
                    "the school's name is missing; its id is shown instead");
    }
    optional_string(school, "stage", "/school", file_.school_stage, kMaxLabelChars);
    uint32_t environment = doc.find(school, "environment");
    if (environment != npos && !doc.is(environment, JsonKind::null)) {
        std::string_view e = doc.is(environment, JsonKind::string) ? doc.string(environment) : std::string_view();
        if (e.size() == 1 && ((e[0] >= 'A' && e[0] <= 'C') || (e[0] >= 'a' && e[0] <= 'c'))) {
            file_.environment = char(e[0] >= 'a' ? e[0] - 'a' + 'A' : e[0]);
        } else {
            warning("/school/environment", environment,
                    "学校环境 " + show(environment, Lang::zh) + " 应为 A、B 或 C，已忽略",
                    "the school environment " + show(environment, Lang::en) + " should be A, B or C; ignored");
        }
    }

    uint32_t deliverables = doc.find(school, "deliverables");
    if (deliverables != npos && !doc.is(deliverables, JsonKind::null) && !doc.is(deliverables, JsonKind::object)) {
        warning("/school/deliverables", deliverables, "deliverables 应为对象，已按均未提交处理",
                "deliverables should be an object; counted as none present");
    }
    struct Field {
        const char* key;
        Deliverable* out;
        const char* zh;
        const char* en;
    };
    const Field fields[] = {
        {"management_team", &file_.management_team, "管理团队", "management team"},
        {"development_plan", &file_.development_plan, "信息化发展规划", "development plan"},
        {"training_plan", &file_.training_plan, "校本研修方案", "training plan"},
    };
    for (const Field& f : fields) {
        uint32_t n = doc.find(deliverables, f.key);
        if (n == npos || doc.is(n, JsonKind::null)) continue;
        if (doc.is(n, JsonKind::boolean)) {
            f.out->present = doc.boolean(n);  // true: present, date unknown; false: not present
            continue;
        }
        if (doc.is(n, JsonKind::string) && is_iso_date(doc.string(n))) {
            f.out->present = true;
            f.out->date.assign(doc.string(n));
            continue;
        }
        warning(std::string("/school/deliverables/") + f.key, n,
                std::string(f.zh) + " 的值 " + show(n, Lang::zh) + " 应为日期（YYYY-MM-DD）、true 或 null，按未提交计",
                std::string("the ") + f.en + " value " + show(n, Lang::en) +
                    " should be a date (YYYY-MM-DD), true or null; counted as not present");
    }
}

void BatchReader::read_batch() {
    const JsonDoc& doc = *doc_;
    uint32_t batch = doc.find(doc.root(), "batch");
    optional_string(batch, "name", "/batch", file_.batch_name, kMaxNameChars);
    optional_date(doc.find(batch, "start"), "start", Path{"/batch"}, file_.batch_start, "批次开始日期",
                  "the batch start date");
    optional_date(doc.find(batch, "end"), "end", Path{"/batch"}, file_.batch_end, "批次结束日期", "the batch end date");
    if (!file_.batch_start.empty() && !file_.batch_end.empty() && file_.batch_end < file_.batch_start) {
        warning("/batch/end", doc.find(batch, "end"),
                "批次结束日期 " + file_.batch_end + " 早于开始日期 " + file_.batch_start + "，请核对（已保留）",
                "the batch ends (" + file_.batch_end + ") before it starts (" + file_.batch_start +
                    "); please check (kept as given)");
    }
}

std::string BatchReader::batch_range_zh() const {
    return "批次时间 " + (file_.batch_start.empty() ? std::string("…") : file_.batch_start) + " 至 " +
           (file_.batch_end.empty() ? std::string("…") : file_.batch_end);
}

std::string BatchReader::batch_range_en() const {
    return "the batch runs " + (file_.batch_start.empty() ? std::string("…") : file_.batch_start) + " to " +
           (file_.batch_end.empty() ? std::string("…") : file_.batch_end);
}

// ==== [SECTION] records: activities, teachers, hours, points =====================================

void BatchReader::read_activities() {
    const JsonDoc& doc = *doc_;
    uint32_t activities = doc.find(doc.root(), "activities");
    if (activities == npos || doc.is(activities, JsonKind::null)) return;
    if (!doc.is(activities, JsonKind::array)) {
        warning("/activities", activities, "activities 应为数组，校本研修活动已忽略",
                "activities should be an array; the school-based activities are ignored");
        return;
    }
    size_t index = 0;
    for (uint32_t a = doc.first_child(activities); a != npos; a = doc.next_sibling(activities, a), ++index) {
        std::string pointer = "/activities/" + std::to_string(index);
        if (!doc.is(a, JsonKind::object)) {
            record(pointer, a, "这条校本研修活动不是对象（" + show(a, Lang::zh) + "），已跳过",
                   "this activity is not an object (" + show(a, Lang::en) + "); the activity is skipped");
            continue;
        }
        uint32_t date = doc.find(a, "date");
        if (!doc.is(date, JsonKind::string) || !is_iso_date(doc.string(date))) {
            record(pointer + "/date", date == npos ? a : date,
                   date == npos ? std::string("缺少日期，已跳过该活动")
                                : show(date, Lang::zh) + " 不是有效日期（YYYY-MM-DD），已跳过该活动",
                   date == npos ? std::string("the activity has no date; the activity is skipped")
                                : "the activity date " + show(date, Lang::en) +
                                      " is not a valid date (YYYY-MM-DD); the activity is skipped");
            continue;
        }
        Activity activity;
        activity.date.assign(doc.string(date));
        activity.title.assign(optional_string(doc.find(a, "title"), "title", Path{pointer}, kMaxTitleChars, Severity::record));
        uint32_t hours = doc.find(a, "hours");
        if (hours != npos) {
            if (doc.is(hours, JsonKind::number) && doc.number(hours) >= 0) {
                activity.hours = doc.number(hours) + 0.0;
            } else {  // activity hours are informative only: a warning, not a record error
                warning(pointer + "/hours", hours,
                       show(hours, Lang::zh) + (doc.is(hours, JsonKind::number) ? " 为负数" : " 不是数字") +
                           "，按 0 计",
                       "the activity hours " + show(hours, Lang::en) +
                           (doc.is(hours, JsonKind::number) ? " are negative" : " are not a number") + "; counted as 0");
            }
        }
        uint32_t participants = doc.find(a, "participants");
        if (participants != npos && !doc.is(participants, JsonKind::null)) {
            double p = doc.is(participants, JsonKind::number) ? doc.number(participants) : -1;
            if (p >= 0 && p <= 1e9 && p == double(int(p))) {
                activity.participants = int(p);
            } else {
                warning(pointer + "/participants", participants,
                        show(participants, Lang::zh) + " 应为非负整数，按 0 计",
                        "participants " + show(participants, Lang::en) + " should be a whole number ≥ 0; counted as 0");
            }
        }
        if (outside_batch(activity.date)) {
            warning(pointer + "/date", date,
                    activity.date + " 不在本批次时间内（" + batch_range_zh() + "），请核对（已保留）",
                    "the activity date " + activity.date + " is outside its batch (" + batch_range_en() +
                        "); please check (kept)");
        }
        file_.activities.push_back(std::move(activity));
    }
}

const char* BatchReader::fast_teacher(const JsonDoc& doc, const char* at, size_t index) {
    static constexpr std::string_view kKeys[] = {"\"id\"",   "\"name\"",  "\"subject\"", "\"role\"",
                                                 "\"stage\"", "\"hours\"", "\"points\""};
    enum { kId, kName, kSubject, kRole, kStage, kHours, kPoints };
    static constexpr std::string_view kHourKeys[] = {"\"online\"", "\"practice\""};
    Cursor in(at, doc.text.data() + doc.text.size());
    std::string_view text[kStage + 1];  // id, name, subject, role, stage
    double hours[2] = {0, 0};
    fast_text_ = doc.text.data();
    fast_points_.clear();
    fast_items_.clear();
    fast_dates_.clear();
    uint32_t seen = 0;
    const bool read = in.object(kKeys, seen, [&](size_t k) {
        switch (k) {
            case kId:
                return in.string(text[k]) && !text[k].empty() && !utf8_longer_than(text[k], kMaxIdChars);
            case kName:
                return in.string(text[k]) && !text[k].empty() && !utf8_longer_than(text[k], kMaxNameChars);
            case kSubject:
            case kRole:
            case kStage:  // optional_string: null or text within the limit
                return in.null() || (in.string(text[k]) && !utf8_longer_than(text[k], kMaxLabelChars));
            case kHours: {
                if (in.null()) return true;
                uint32_t hours_seen = 0;
                return in.object(kHourKeys, hours_seen, [&](size_t h) {
                    // read_hour: a number, 0 to 500, kept with -0 turned into 0
                    return in.number(hours[h]) && (hours[h] += 0.0) >= 0 && hours[h] <= kHoursWarning;
                });
            }
            case kPoints: {
                if (in.null()) return true;
                uint32_t element = 0;
                return in.array([&] { return fast_point(in, element++); });
            }
        }
        return false;
    });
    if (!read || (seen & (1u << kId | 1u << kName)) != (1u << kId | 1u << kName)) return nullptr;

    // Kept, unless the id was used before in this file (the general path says so).
    const uint32_t slot = uint32_t(file_.teachers.size());
    if (teacher_ids_.find_or_add(text[kId], slot) >= 0) return nullptr;
    Teacher& teacher = file_.teachers.emplace_back();
    teacher.id = file_.text.keep(text[kId]);
    teacher.name = file_.text.keep(text[kName]);
    teacher.index = int(index);
    doc_ = &doc;
    reporter_.set_text(doc.text);
    const TextPosition position = teacher_position(uint32_t(at - doc.text.data()));
    teacher.line = position.line;
    teacher.column = position.column;
    teacher.subject = file_.text.keep(text[kSubject]);
    teacher.role = file_.text.keep(text[kRole]);
    teacher.stage = file_.text.keep(text[kStage]);
    teacher.online = hours[0];
    teacher.practice = hours[1];
    // The points follow the file's points so far, and their items the file's items; the titles
    // were views of the file's bytes while the record might still be given up.
    teacher.first_point = uint32_t(file_.points.size());
    teacher.point_count = uint32_t(fast_points_.size());
    const uint32_t base = uint32_t(file_.items.size());
    for (PointRecord point : fast_points_) {
        point.first_item += base;
        file_.points.push_back(point);
    }
    for (const Item& item : fast_items_) file_.items.push_back({file_.text.keep(item.title), item.grade});
    for (const FastDate& d : fast_dates_) pending_dates_.push_back({d.date, d.offset, slot, d.point_element, d.reviewed});
    return in.p;
}

// One point for fast_teacher: read_point's rules, giving up where it would report a problem.
bool BatchReader::fast_point(Cursor& in, uint32_t element) {
    static constexpr std::string_view kKeys[] = {"\"code\"",  "\"status\"",    "\"grade\"",
                                                 "\"items\"", "\"submitted\"", "\"reviewed\""};
    enum { kCode, kStatus, kGrade, kItems, kSubmitted, kReviewed };
    static constexpr std::string_view kItemKeys[] = {"\"title\"", "\"grade\""};
    const char* const base = fast_text_;
    int point = -1;
    PointStatus status = PointStatus::selected;
    Grade given = Grade::none;  // the point's own grade, when given
    bool bad_item = false;      // an item without a valid grade
    const size_t first_item = fast_items_.size();
    Day dates[2] = {kNoDay, kNoDay};
    uint32_t date_offsets[2] = {0, 0};
    uint32_t seen = 0;
    const bool read = in.object(kKeys, seen, [&](size_t k) {
        std::string_view s;
        switch (k) {
            case kCode:
                return in.string(s) && (point = code_index(s)) >= 0;
            case kStatus:  // the usual spellings first: no scan of the string
                if (in.is_string("\"graded\"")) return status = PointStatus::graded, true;
                if (in.is_string("\"submitted\"")) return status = PointStatus::submitted, true;
                return in.string(s) && parse_status(s, status);
            case kGrade:  // null: not given; anything but a grade would be a problem
                return in.null() || (grade_string(in, given) && given != Grade::none);
            case kItems:
                if (in.null()) return true;
                return in.array([&] {
                    Item& item = fast_items_.emplace_back();
                    uint32_t item_seen = 0;
                    const bool ok = in.object(kItemKeys, item_seen, [&](size_t m) {
                        std::string_view t;
                        if (m == 1) return grade_string(in, item.grade);
                        if (!in.string(t) || utf8_longer_than(t, kMaxTitleChars)) return false;
                        item.title = t;  // kept in file_.text when the teacher is
                        return true;
                    });
                    if (item.grade == Grade::none) bad_item = true;
                    return ok;
                });
            case kSubmitted:
            case kReviewed: {
                if (in.null()) return true;
                const size_t d = k - kSubmitted;
                date_offsets[d] = uint32_t(in.p - base);
                return in.date(dates[d]);
            }
        }
        return false;
    });
    const auto drop_items = [&] {
        fast_items_.resize(first_item);
        return false;
    };
    if (!read || (seen & (1u << kCode)) == 0 || (seen & (1u << kStatus)) == 0) return drop_items();
    for (const PointRecord& kept : fast_points_)
        if (kept.point == point) return drop_items();  // listed twice: a problem

    PointRecord& rec = fast_points_.emplace_back();
    rec.point = uint8_t(point);
    rec.status = status;
    const size_t item_count = fast_items_.size() - first_item;
    // Its items stay in fast_items_ (the teacher's, in order) until the teacher is kept.
    rec.first_item = uint32_t(first_item);
    rec.item_count = uint32_t(item_count);
    if (status == PointStatus::graded) {
        if (!bad_item && item_count > 0) {  // usable items give the grade; a different one given is a warning
            rec.grade = grade_from_items(fast_items_.data() + first_item, fast_items_.data() + fast_items_.size());
            if (given != Grade::none && given != rec.grade) {
                fast_points_.pop_back();
                return drop_items();
            }
        } else if (given == Grade::none || bad_item) {  // no usable grade, or items ignored: problems
            fast_points_.pop_back();
            return drop_items();
        } else {
            rec.grade = given;  // no items (absent, null or [])
        }
    } else {
        if (given != Grade::none) {  // a grade on a point not graded: a warning
            fast_points_.pop_back();
            return drop_items();
        }
    }
    rec.submitted = dates[0];
    rec.reviewed = dates[1];
    for (size_t d = 0; d < 2; ++d)
        if (dates[d] != kNoDay) fast_dates_.push_back({dates[d], date_offsets[d], element, d == 1});
    return true;
}

// The general path: only for a record the fast path gave back (a problem, or anything unusual).
IT2_COLD void BatchReader::read_teacher(uint32_t node, size_t index) {
    const JsonDoc& doc = *doc_;
    // "/teachers/<index>", written out only for a problem (a string per teacher before).
    const Path pointer{"/teachers", "/", uint32_t(index)};
    teacher_name_ = {};
    if (!doc.is(node, JsonKind::object)) {
        record(pointer + "", node, "这条教师记录不是对象（" + show(node, Lang::zh) + "），已跳过",
               "this teacher record is not an object (" + show(node, Lang::en) + "); the record is skipped");
        return;
    }
    enum { kId, kName, kSubject, kRole, kStage, kHours, kPoints, kFields };
    uint32_t field[kFields];
    doc.find_members(node, {"id", "name", "subject", "role", "stage", "hours", "points"}, field);
    uint32_t id = field[kId];
    if (!doc.is(id, JsonKind::string) || doc.string(id).empty()) {
        record(pointer + "/id", id == npos ? node : id,
               id == npos ? std::string("教师缺少编号 id，已跳过该教师")
                          : "教师编号 id 是 " + show(id, Lang::zh) + "，应为非空文字，已跳过该教师",
               id == npos ? std::string("the teacher has no id; the teacher is skipped")
                          : "the teacher id is " + show(id, Lang::en) + " but must be non-empty text; the teacher is skipped");
        return;
    }
    if (too_long(id, kMaxIdChars, Severity::record, LazyPointer{pointer, "/id"}, "教师编号 id", "the teacher id", "已跳过该教师",
                 "the teacher is skipped"))
        return;
    std::string teacher_id(doc.string(id));
    uint32_t name = field[kName];
    if (!doc.is(name, JsonKind::string) || doc.string(name).empty()) {
        record(pointer + "/name", name == npos ? node : name,
               (name == npos ? std::string("缺少姓名") : "姓名是 " + show(name, Lang::zh) + "，不是文字") + "，已跳过该教师",
               "teacher " + teacher_id +
                   (name == npos ? std::string(" has no name") : " has the name " + show(name, Lang::en) + ", not text") +
                   "; the teacher is skipped",
               teacher_id);
        return;
    }
    if (too_long(name, kMaxNameChars, Severity::record, LazyPointer{pointer, "/name"}, "姓名 name", "the name", "已跳过该教师",
                 "the teacher is skipped", teacher_id))
        return;
    teacher_name_ = doc.string(name);
    const long first = teacher_ids_.find_or_add(teacher_id, uint32_t(file_.teachers.size()));
    if (first >= 0) {
        const std::string earlier = std::to_string(file_.teachers[size_t(first)].index + 1);
        record(pointer + "/id", id,
               teacher_id + " 在本文件中已用于第 " + earlier + " 位教师，此条重复记录已跳过",
               teacher_id + " is already used in this file by teacher " + earlier + "; this duplicate record is skipped",
               teacher_id);
        return;
    }

    // Built in its slot (nothing below skips it): no 120-byte move per teacher.
    Teacher& teacher = file_.teachers.emplace_back();
    teacher.first_point = uint32_t(file_.points.size());  // read_point appends them
    teacher.id = file_.text.keep(teacher_id);
    teacher.name = file_.text.keep(doc.string(name));
    teacher.index = int(index);
    TextPosition position = teacher_position(doc.offset(node));
    teacher.line = position.line;
    teacher.column = position.column;
    teacher.subject = file_.text.keep(optional_string(field[kSubject], "subject", pointer, kMaxLabelChars, Severity::record, teacher_id));
    teacher.role = file_.text.keep(optional_string(field[kRole], "role", pointer, kMaxLabelChars, Severity::record, teacher_id));
    teacher.stage = file_.text.keep(optional_string(field[kStage], "stage", pointer, kMaxLabelChars, Severity::record, teacher_id));

    uint32_t hours = field[kHours];
    if (doc.is(hours, JsonKind::object)) {
        uint32_t hour[2];
        doc.find_members(hours, {"online", "practice"}, hour);
        teacher.online = read_hour(hour[0], LazyPointer{pointer, "/hours/online"}, teacher.id);
        teacher.practice = read_hour(hour[1], LazyPointer{pointer, "/hours/practice"}, teacher.id);
    } else if (hours != npos && !doc.is(hours, JsonKind::null)) {
        record(pointer + "/hours", hours,
               "学时 hours 应为对象 {\"online\": …, \"practice\": …}，实际是 " + show(hours, Lang::zh) +
                   "，在线与实践学时均按 0 计",
               "hours should be an object {\"online\": …, \"practice\": …} but is " + show(hours, Lang::en) +
                   "; online and practice hours counted as 0",
               teacher.id);
    }

    uint32_t points = field[kPoints];
    if (doc.is(points, JsonKind::array)) {
        uint32_t element = 0;
        for (uint32_t p = doc.first_child(points); p != npos; p = doc.next_sibling(points, p), ++element)
            read_point(teacher, p, pointer, element);
    } else if (points != npos && !doc.is(points, JsonKind::null)) {
        record(pointer + "/points", points,
               "能力点 points 应为数组，实际是 " + show(points, Lang::zh) + "，该教师的能力点已忽略",
               "points should be an array but is " + show(points, Lang::en) + "; the teacher's points are ignored",
               teacher.id);
    }
    teacher_name_ = {};
}

TextPosition BatchReader::teacher_position(uint32_t offset) {
    const std::string_view text = doc_->text;
    if (offset < scan_at_ || offset > text.size()) return reporter_.position(offset);  // not in order: never seen
    const char* const base = text.data();
    for (;;) {  // the newlines between the previous teacher and this one
        const void* newline = std::memchr(base + scan_at_, '\n', offset - scan_at_);
        if (newline == nullptr) break;
        scan_at_ = uint32_t(static_cast<const char*>(newline) - base) + 1;
        ++scan_line_;
        scan_column_ = 1;
    }
    for (; scan_at_ < offset; ++scan_at_)  // characters, not UTF-8 continuation bytes
        if ((static_cast<unsigned char>(base[scan_at_]) & 0xC0) != 0x80) ++scan_column_;
    return {scan_line_, scan_column_};
}

double BatchReader::read_hour(uint32_t n, const LazyPointer& pointer, std::string_view teacher) {
    const JsonDoc& doc = *doc_;
    if (n == npos) return 0;  // format.md: absent means 0
    if (doc.is(n, JsonKind::number)) {
        double value = doc.number(n) + 0.0;  // + 0.0 turns -0 into 0
        if (value < 0) {
            record(pointer, n, show(n, Lang::zh) + " 为负数，按 0 计", show(n, Lang::en) + " is negative; counted as 0",
                   teacher);
            return 0;
        }
        if (value > kHoursWarning) {
            warning(pointer, n,
                    show(n, Lang::zh) + " 超过 500 学时，请核对（已保留）",
                    show(n, Lang::en) + " is above 500; please check (kept)", teacher);
        }
        return value;
    }
    if (doc.is(n, JsonKind::out_of_range)) {
        record(pointer, n, show(n, Lang::zh) + " 超出数值范围，按 0 计", show(n, Lang::en) + " is out of range; counted as 0",
               teacher);
        return 0;
    }
    record(pointer, n, show(n, Lang::zh) + " 不是数字，按 0 计", show(n, Lang::en) + " is not a number; counted as 0",
           teacher);
    return 0;
}

IT2_COLD void BatchReader::read_point(Teacher& teacher, uint32_t node, const Path& teacher_pointer, uint32_t element) {
    const JsonDoc& doc = *doc_;
    const std::string_view tid = teacher.id;
    const Path pointer{teacher_pointer.base, teacher_pointer.middle, teacher_pointer.index, "/points/", element};
    if (!doc.is(node, JsonKind::object)) {
        record(pointer + "", node, "这条能力点记录不是对象（" + show(node, Lang::zh) + "），已跳过",
               "this point record is not an object (" + show(node, Lang::en) + "); the point is skipped", tid);
        return;
    }
    enum { kCode, kStatus, kGrade, kItems, kSubmitted, kReviewed, kFields };
    uint32_t field[kFields];
    doc.find_members(node, {"code", "status", "grade", "items", "submitted", "reviewed"}, field);
    uint32_t code = field[kCode];
    int point = doc.is(code, JsonKind::string) ? code_index(doc.string(code)) : -1;
    if (point < 0) {
        record(pointer + "/code", code == npos ? node : code,
               code == npos ? std::string("能力点缺少代码 code，已跳过该能力点")
                            : show(code, Lang::zh) + " 不在 30 个微能力点（A1–A13、B1–B10、C1–C7）之中，已跳过该能力点",
               code == npos ? std::string("the point has no code; the point is skipped")
                            : "unknown micro-ability code " + show(code, Lang::en) +
                                  " (expected A1–A13, B1–B10, C1–C7); the point is skipped",
               tid);
        return;
    }
    const char* code_text = catalog()[size_t(point)].code;
    uint32_t status_node = field[kStatus];
    PointStatus status = PointStatus::selected;
    if (!doc.is(status_node, JsonKind::string) || !parse_status(doc.string(status_node), status)) {
        record(pointer + "/status", status_node == npos ? node : status_node,
               show(status_node, Lang::zh) + " 无法识别（应为 selected、submitted 或 graded），已跳过该能力点 " +
                   code_text,
               std::string("point ") + code_text + " has the status " + show(status_node, Lang::en) +
                   ", not selected, submitted or graded; the point is skipped",
               tid);
        return;
    }
    for (const PointRecord& kept : file_.points_of(teacher)) {
        if (kept.point == point) {
            record(pointer + "/code", code,
                   std::string("能力点 ") + code_text + " 在该教师名下重复出现，此条已跳过",
                   std::string("point ") + code_text + " is listed twice for this teacher; this entry is skipped", tid);
            return;
        }
    }

    PointRecord rec;
    rec.point = uint8_t(point);
    rec.status = status;

    // Items: for a graded point every item needs a valid grade, or the items are not usable.
    uint32_t items = field[kItems];
    uint32_t bad_item = npos;  // the first item (or items value) that makes the items unusable
    bool items_not_array = false;
    std::string bad_item_pointer;
    // The items go straight to the file's (this point's are the last ones); a point skipped or
    // whose items are ignored takes them back.
    rec.first_item = uint32_t(file_.items.size());
    const auto drop_items = [&] { file_.items.resize(rec.first_item); };
    if (doc.is(items, JsonKind::array)) {
        uint32_t k = 0;
        for (uint32_t i = doc.first_child(items); i != npos; i = doc.next_sibling(items, i), ++k) {
            Item item;
            uint32_t grade = npos;
            if (doc.is(i, JsonKind::object)) {
                uint32_t member[2];
                doc.find_members(i, {"title", "grade"}, member);
                if (doc.is(member[0], JsonKind::string) &&
                    !too_long(member[0], kMaxTitleChars, Severity::record,
                              lazy([&] { return pointer + ("/items/" + std::to_string(k) + "/title"); }), "评价项标题 title", "the item title",
                              "标题已忽略", "the title is ignored", tid))
                    item.title = file_.text.keep(doc.string(member[0]));
                grade = member[1];
                if (doc.is(grade, JsonKind::string)) item.grade = parse_grade(doc.string(grade));
            }
            if (item.grade == Grade::none && bad_item == npos) {
                bad_item = grade != npos ? grade : i;
                bad_item_pointer = pointer + "/items/" + std::to_string(k) + (grade != npos ? "/grade" : "");
            }
            file_.items.push_back(item);
        }
    } else if (items != npos && !doc.is(items, JsonKind::null)) {
        bad_item = items;
        bad_item_pointer = pointer + "/items";
        items_not_array = true;
    }

    uint32_t grade_node = field[kGrade];
    bool grade_given = grade_node != npos && !doc.is(grade_node, JsonKind::null);
    Grade given = doc.is(grade_node, JsonKind::string) ? parse_grade(doc.string(grade_node)) : Grade::none;

    if (status == PointStatus::graded) {
        bool items_usable = bad_item == npos && file_.items.size() > rec.first_item;
        if (items_usable) {
            rec.grade = grade_from_items(file_.items.data() + rec.first_item, file_.items.data() + file_.items.size());
            if (grade_given && given == Grade::none) {
                warning(pointer + "/grade", grade_node,
                        show(grade_node, Lang::zh) + " 无法识别，能力点 " + code_text + " 按评价项得出的“" +
                            grade_zh(rec.grade) + "”计",
                        std::string("point ") + code_text + " has the grade " + show(grade_node, Lang::en) +
                            ", which is not a grade; the grade from its items (" + grade_en(rec.grade) + ") is used",
                        tid);
            } else if (grade_given && given != rec.grade) {
                warning(pointer + "/grade", grade_node,
                        std::string("“") + grade_zh(given) + "”与评价项不一致，能力点 " + code_text + " 按评价项计为“" +
                            grade_zh(rec.grade) + "”",
                        std::string("point ") + code_text + " has the grade " + grade_en(given) +
                            " but its items give " + grade_en(rec.grade) + "; the items win",
                        tid);
            }
        } else if (given == Grade::none) {
            bool had_items = bad_item != npos;
            record(pointer + (grade_given ? "/grade" : ""), grade_given ? grade_node : node,
                   std::string("已评审（graded）的能力点 ") + code_text + " 没有可用的成绩" +
                       (grade_given ? "（" + show(grade_node, Lang::zh) + " 不是 优秀/合格/不合格）" : std::string()) +
                       (had_items ? "，评价项也缺少有效成绩" : "") + "，已跳过该能力点",
                   std::string("graded point ") + code_text + " has no usable grade" +
                       (grade_given ? " (" + show(grade_node, Lang::en) + " is not excellent/pass/fail)" : std::string()) +
                       (had_items ? " and its items lack valid grades too" : "") + "; the point is skipped",
                   tid);
            drop_items();
            return;
        } else {
            rec.grade = given;
            if (items_not_array) {  // not an item without a grade: malformed, so only a warning
                warning(bad_item_pointer, bad_item,
                        std::string("能力点 ") + code_text + " 的评价项 items 应为数组，已忽略，按能力点成绩“" +
                            grade_zh(given) + "”计",
                        std::string("the items of point ") + code_text + " should be an array; they are ignored and the "
                            "point's grade (" + grade_en(given) + ") is used",
                        tid);
                drop_items();
            } else if (bad_item != npos) {
                record(bad_item_pointer, bad_item,
                       std::string("能力点 ") + code_text + " 的评价项缺少有效成绩（" + show(bad_item, Lang::zh) +
                           "），已忽略其评价项，按能力点成绩“" + grade_zh(given) + "”计",
                       std::string("an item of point ") + code_text + " has no valid grade (" +
                           show(bad_item, Lang::en) + "); the point's items are ignored and its grade (" +
                           grade_en(given) + ") is used",
                       tid);
                drop_items();
            }
        }
    } else if (grade_given) {
        const char* status_text = status == PointStatus::selected ? "selected" : "submitted";
        warning(pointer + "/grade", grade_node,
                std::string("能力点 ") + code_text + " 尚未评审（状态为 " + status_text + "），其成绩 " +
                    show(grade_node, Lang::zh) + " 已忽略",
                std::string("point ") + code_text + " is not graded (status " + status_text + "); its grade " +
                    show(grade_node, Lang::en) + " is ignored",
                tid);
    }

    rec.item_count = uint32_t(file_.items.size() - rec.first_item);
    uint32_t teacher_slot = uint32_t(file_.teachers.size() - 1);  // the teacher being read
    if (optional_date(field[kSubmitted], "submitted", pointer, rec.submitted, tid))
        pending_dates_.push_back({rec.submitted, doc.offset(field[kSubmitted]), teacher_slot, element, false});
    if (optional_date(field[kReviewed], "reviewed", pointer, rec.reviewed, tid))
        pending_dates_.push_back({rec.reviewed, doc.offset(field[kReviewed]), teacher_slot, element, true});
    file_.points.push_back(rec);  // the teacher's points are the last of the file's
    ++teacher.point_count;
}

// ==== [SECTION] dates against the batch, entry points ============================================

void BatchReader::check_dates_against_batch() {
    // Day numbers order as the ISO strings do (outside_batch).
    const Day start = day_from_iso(file_.batch_start), end = day_from_iso(file_.batch_end);
    for (const PendingDate& pending : pending_dates_) {
        if (!((start != kNoDay && pending.date < start) || (end != kNoDay && pending.date > end))) continue;
        const std::string date = iso_date(pending.date);
        const Teacher& teacher = file_.teachers[pending.teacher];
        std::string pointer = "/teachers/" + std::to_string(teacher.index) + "/points/" +
                              std::to_string(pending.point_element) + (pending.reviewed ? "/reviewed" : "/submitted");
        reporter_.add(Severity::warning, pointer, pending.offset,
                      date + " 不在本批次时间内（" + batch_range_zh() + "），请核对（已保留）",
                      date + " is outside its batch (" + batch_range_en() + "); please check (kept)",
                      teacher.id.str())
            .teacher_name = teacher.name;
    }
}

}  // namespace

BatchLoad load_batch(std::string_view file_name, std::string_view bytes, BatchReading reading, size_t* fast_records) {
    BatchLoad result;
    BatchReader reader(file_name, result.problems);
    BatchLoad read = reader.read(bytes, reading == BatchReading::fast_then_general, fast_records);
    result.data = std::move(read.data);
    result.status = read.status;
    return result;
}

std::string sniff_format(std::string_view bytes) {
    JsonStream drop_teachers;  // only the header matters: do not keep a big file's teachers
    drop_teachers.key = "teachers";
    JsonParse parse = parse_json(bytes, &drop_teachers);
    if (parse.error != JsonError::none) return "";
    const JsonDoc& doc = parse.doc;
    uint32_t format = doc.find(doc.root(), "format");
    return doc.is(format, JsonKind::string) ? std::string(doc.string(format)) : std::string();
}

}  // namespace it2
