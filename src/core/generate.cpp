// Realistic it2-batch files for a made-up district modelled on 綦江区 (format.md §1).
// Everything comes from our own PRNG and our own number formatting, so the same options give
// byte-identical output on every platform (no std::uniform_* distributions, no printf("%g")).
//
// Index of this file's sections (grep for [SECTION]):
// - randomness
// - formatting
// - the district's vocabulary
// - what one file holds, before it becomes text
// - serialisation
// - the generator

#include "generate.h"
#include "dates.h"

#include <algorithm>
#include <array>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace it2 {

namespace {

// ==== [SECTION] randomness =======================================================================

// splitmix64: tiny, fast and the same sequence everywhere.
class Rng {
public:
    explicit Rng(uint64_t seed) : state_(seed) {}
    uint64_t next() {
        uint64_t z = (state_ += 0x9E3779B97F4A7C15ull);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
        return z ^ (z >> 31);
    }
    double unit() { return double(next() >> 11) * 0x1.0p-53; }  // [0, 1)
    int below(int n) { return n <= 0 ? 0 : int((next() >> 32) % uint64_t(n)); }
    int between(int lo, int hi) { return lo + below(hi - lo + 1); }  // inclusive
    bool chance(double p) { return unit() < p; }
    template <class T, size_t N>
    const T& pick(const T (&items)[N]) { return items[below(int(N))]; }
    // Skewed towards the front of a list ordered by frequency.
    template <class T, size_t N>
    const T& pick_common(const T (&items)[N]) {
        const double u = unit();
        return items[std::min(N - 1, size_t(double(N) * u * u))];
    }

private:
    uint64_t state_;
};

uint64_t mix_seed(uint64_t seed, uint64_t stream) {
    Rng r(seed ^ (stream * 0xD1B54A32D192ED03ull));
    return r.next();
}

double clamp01(double x) { return x < 0 ? 0 : (x > 1 ? 1 : x); }

// ==== [SECTION] formatting =======================================================================

std::string int_text(long v) { return std::to_string(v); }

// Hours are kept as a count of half hours: 57 -> "28.5", 52 -> "26".
std::string half_hours_text(int halves) {
    std::string s = std::to_string(halves / 2);
    if (halves % 2) s += ".5";
    return s;
}

std::string pad(long v, int width) {
    std::string s = std::to_string(v);
    if (int(s.size()) < width) s.insert(0, size_t(width) - s.size(), '0');
    return s;
}

// Chinese numerals for 第一批 … 第九十九批; larger numbers stay in digits.
std::string chinese_number(int n) {
    static constexpr const char* kDigits[] = {"零", "一", "二", "三", "四", "五", "六", "七", "八", "九"};
    if (n < 1 || n > 99) return std::to_string(n);
    if (n < 10) return kDigits[n];
    std::string s = n / 10 == 1 ? "" : kDigits[n / 10];
    s += "十";
    if (n % 10) s += kDigits[n % 10];
    return s;
}

std::string quoted(const std::string& s) {
    std::string out = "\"";
    for (char c : s) {
        if (c == '"' || c == '\\') {
            out += '\\';
            out += c;
        } else if (static_cast<unsigned char>(c) < 0x20) {
            static constexpr char kHex[] = "0123456789abcdef";
            out += "\\u00";
            out += kHex[(c >> 4) & 0xF];
            out += kHex[c & 0xF];
        } else {
            out += c;
        }
    }
    return out + "\"";
}

// ==== [SECTION] the district's vocabulary ========================================================

struct NamedSchool {
    const char* name;
    const char* stage;
};

// Schools named in 綦江区's 2022 report, in an order that mixes stages early.
constexpr NamedSchool kKnownSchools[] = {
    {"通惠小学", "小学"},       {"綦江中学", "高中"},       {"实验中学", "初中"},
    {"营盘山小学", "小学"},     {"适中学校", "九年一贯制"}, {"綦江职业教育中心", "职业学校"},
    {"实验小学", "小学"},       {"南州中学", "高中"},       {"东溪书院街小学", "小学"},
    {"通惠中学", "初中"},       {"永新小学", "小学"},       {"高青学校", "九年一贯制"},
    {"陵园小学", "小学"},       {"石壕小学", "小学"},       {"篆塘小学", "小学"},
    {"大罗云阳村小", "小学"},
};

// Towns and streets of 綦江区, for the schools the report does not name.
constexpr const char* kTowns[] = {
    "古南", "文龙", "三江", "新盛", "石角", "东溪", "赶水", "打通", "三角", "隆盛", "郭扶",
    "丁山", "安稳", "扶欢", "永城", "中峰", "横山", "万东", "通惠", "永新", "篆塘", "石壕",
};

constexpr NamedSchool kSchoolPatterns[] = {
    {"中心小学", "小学"}, {"中学", "初中"},     {"小学", "小学"},     {"学校", "九年一贯制"},
    {"第二小学", "小学"}, {"初级中学", "初中"}, {"高级中学", "高中"}, {"职业中学", "职业学校"},
};

constexpr const char* kSurnames[] = {
    "陈", "刘", "李", "王", "张", "杨", "黄", "周", "罗", "唐", "彭", "谭", "何", "吴", "赵",
    "徐", "邓", "冉", "向", "蒋", "胡", "曾", "袁", "肖", "郑", "谢", "梁", "宋", "许", "韩",
    "冯", "曹", "田", "董", "潘", "余", "杜", "叶", "程", "苏", "魏", "吕", "丁", "任", "沈",
    "姚", "卢", "钟", "陆", "汪", "范", "金", "石", "廖", "贾", "夏", "付", "方", "邹", "熊",
    "秦", "江", "雷", "龙", "陶", "贺", "毛", "龚", "万", "严", "覃", "戴", "汤", "牟", "况",
};
constexpr const char* kCompoundSurnames[] = {"欧阳", "司马", "上官", "诸葛"};

constexpr const char* kGivenChars[] = {
    "伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛",
    "明", "超", "秀", "霞", "平", "刚", "华", "玉", "萍", "红", "鹏", "辉", "宇", "浩", "然",
    "欣", "怡", "婷", "雪", "琳", "晨", "阳", "思", "雨", "佳", "子", "梦", "瑶", "文", "博",
    "俊", "凯", "健", "帆", "丹", "露", "倩", "颖", "莉", "蓉", "燕", "兰", "梅", "建", "国",
    "志", "海", "波", "斌", "林", "峰", "春", "晓", "蕾", "璐", "嘉", "琪", "瑞", "宁", "婧",
    "航", "彬", "琦", "婕", "淼", "鑫", "晗", "煜", "昊", "斐", "焱", "莎", "薇", "翔", "毅",
};
// Characters used in real names but outside GB2312; then Ext-A and Ext-B ones (4-byte UTF-8).
constexpr const char* kRareChars[] = {"堃", "喆", "玥", "昇", "赟", "珺", "琤", "旻", "祎", "垚", "彧", "翀", "璟"};
constexpr const char* kExtAChars[] = {"䶮"};
constexpr const char* kExtBChars[] = {"𠀾", "𠮷", "𡈼"};

constexpr const char* kPrimarySubjects[] = {"语文", "数学", "英语", "科学", "道德与法治", "音乐",
                                             "体育", "美术", "信息技术", "综合实践"};
constexpr const char* kSecondarySubjects[] = {"语文", "数学", "英语", "物理", "化学", "生物", "历史",
                                               "地理", "道德与法治", "体育", "音乐", "美术", "信息技术"};
constexpr const char* kHighSubjects[] = {"语文", "数学", "英语", "物理", "化学", "生物", "历史",
                                          "地理", "思想政治", "体育与健康", "信息技术", "通用技术"};
constexpr const char* kVocationalSubjects[] = {"语文", "数学", "英语", "计算机应用", "机械加工",
                                                "电子技术", "汽车运用与维修", "会计事务", "旅游服务与管理"};

constexpr const char* kActivityTitles[] = {
    "校本研修启动会", "能力点选点指导", "微课设计与制作工作坊", "交互式白板应用培训",
    "信息技术与学科融合示范课", "教学设计打磨研讨", "能力点测评说课", "优秀案例分享会",
    "评价量规设计研讨", "成果展示交流会",
};

constexpr const char* kItemTitles[] = {"教学设计", "课堂实录片段", "教学反思", "微课视频",
                                        "学情分析报告", "评价量规", "案例描述"};

constexpr const char* kGradeText[] = {"优秀", "合格", "不合格"};
enum GradeIndex { kExcellent = 0, kPass = 1, kFail = 2 };

// The 30 codes with environment (0..2) and dimension (0..3), as in catalog.h.
struct PointCode {
    const char* code;
    int env;
    int dimension;
};
constexpr PointCode kPoints[] = {
    {"A1", 0, 0},  {"A2", 0, 1}, {"A3", 0, 1}, {"A4", 0, 1},  {"A5", 0, 2}, {"A6", 0, 2},
    {"A7", 0, 2},  {"A8", 0, 2}, {"A9", 0, 2}, {"A10", 0, 2}, {"A11", 0, 3}, {"A12", 0, 3},
    {"A13", 0, 3}, {"B1", 1, 0}, {"B2", 1, 1}, {"B3", 1, 1},  {"B4", 1, 2}, {"B5", 1, 2},
    {"B6", 1, 2},  {"B7", 1, 2}, {"B8", 1, 2}, {"B9", 1, 3},  {"B10", 1, 3}, {"C1", 2, 1},
    {"C2", 2, 1},  {"C3", 2, 2}, {"C4", 2, 2}, {"C5", 2, 2},  {"C6", 2, 3}, {"C7", 2, 3},
};
constexpr int kPointTotal = int(sizeof(kPoints) / sizeof(kPoints[0]));

// ==== [SECTION] what one file holds, before it becomes text ======================================

struct PointOut {
    std::string code, status, grade, submitted, reviewed;  // "" omits the field
    std::vector<std::pair<std::string, std::string>> items;  // title, grade
};

struct TeacherOut {
    std::string id, name, subject, role, stage;
    std::string online, practice;  // JSON text of the value; "" omits it
    std::vector<PointOut> points;
    bool flawed = false;  // carries an injected problem
};

struct ActivityOut {
    std::string date, title, hours;
    int participants = 0;
};

struct BatchPlan {
    std::string id, name, start, end;
    long start_day = 0, end_day = 0;
    double maturity = 1;  // how far the batch has got when the files were exported
    // In progress on the data date (GenerateOptions::data_date): dates run up to data_day only.
    bool in_progress = false;
    long data_day = 0;
};

// A school this far along has finished the batch in progress: all its teachers there pass.
constexpr double kFinishedProgress = 0.95;

struct SchoolPlan {
    std::string id, name, stage;
    char environment = 'A';
    double progress = 0.5;
    // Per deliverable: the batch index from which files carry it (-1: never), and its JSON value.
    std::array<int, 3> deliverable_from{{-1, -1, -1}};
    std::array<std::string, 3> deliverable_value;
};

struct FileOut {
    int batch = 0;
    std::vector<ActivityOut> activities;
    std::vector<ActivityOut> flawed_activities;  // written after the regular ones
    std::vector<TeacherOut> teachers;
};

// Every problem kind of format.md §3 that one record can carry.
enum class Flaw {
    teacher_without_id,
    teacher_without_name,
    duplicate_id_in_file,
    negative_hours,
    non_number_hours,
    unknown_code,
    unknown_status,
    duplicate_code,
    graded_without_grade,
    item_without_grade,
    activity_without_date,
    grade_disagrees_with_items,
    grade_on_ungraded_point,
    hours_over_500,
    date_outside_batch,
    id_in_two_batches,
    id_in_two_schools,
    count
};
constexpr int kFlawCount = int(Flaw::count);

// The demo's handful: one each, plus a replaced and a rejected file.
constexpr Flaw kFewFlaws[] = {
    Flaw::teacher_without_name, Flaw::negative_hours,         Flaw::unknown_code,
    Flaw::graded_without_grade, Flaw::grade_disagrees_with_items, Flaw::item_without_grade,
    Flaw::hours_over_500,       Flaw::duplicate_id_in_file,   Flaw::date_outside_batch,
    Flaw::id_in_two_batches,
};

// ==== [SECTION] serialisation ====================================================================

void write_teacher(std::string& out, const TeacherOut& t) {
    out += '{';
    bool first = true;
    auto key = [&](const char* k) {
        if (!first) out += ',';
        first = false;
        out += '"';
        out += k;
        out += "\":";
    };
    if (!t.id.empty()) key("id"), out += quoted(t.id);
    if (!t.name.empty()) key("name"), out += quoted(t.name);
    if (!t.subject.empty()) key("subject"), out += quoted(t.subject);
    if (!t.role.empty()) key("role"), out += quoted(t.role);
    if (!t.stage.empty()) key("stage"), out += quoted(t.stage);
    key("hours");
    out += '{';
    if (!t.online.empty()) out += "\"online\":" + t.online;
    if (!t.online.empty() && !t.practice.empty()) out += ',';
    if (!t.practice.empty()) out += "\"practice\":" + t.practice;
    out += '}';
    key("points");
    out += '[';
    for (size_t i = 0; i < t.points.size(); ++i) {
        const PointOut& p = t.points[i];
        if (i) out += ',';
        out += "{\"code\":" + quoted(p.code) + ",\"status\":" + quoted(p.status);
        if (!p.grade.empty()) out += ",\"grade\":" + quoted(p.grade);
        if (!p.submitted.empty()) out += ",\"submitted\":" + quoted(p.submitted);
        if (!p.reviewed.empty()) out += ",\"reviewed\":" + quoted(p.reviewed);
        if (!p.items.empty()) {
            out += ",\"items\":[";
            for (size_t j = 0; j < p.items.size(); ++j) {
                if (j) out += ',';
                out += "{\"title\":" + quoted(p.items[j].first) + ",\"grade\":" + quoted(p.items[j].second) + "}";
            }
            out += ']';
        }
        out += '}';
    }
    out += "]}";
}

// One record per line keeps line numbers in problems meaningful and the files small.
std::string write_file(const SchoolPlan& school, const BatchPlan& batch, const FileOut& file,
                       bool with_deliverables) {
    std::string out;
    out.reserve(256 + file.teachers.size() * 420);
    out += "{\"format\":\"it2-batch\",\"version\":1,\n";
    out += "\"district\":{\"code\":\"500110\",\"name\":\"綦江区\"},\n";
    out += "\"school\":{\"id\":" + quoted(school.id) + ",\"name\":" + quoted(school.name) +
           ",\"stage\":" + quoted(school.stage) + ",\"environment\":\"" + school.environment + "\"";
    if (with_deliverables) {
        static constexpr const char* kKeys[] = {"management_team", "development_plan", "training_plan"};
        out += ",\"deliverables\":{";
        for (int d = 0; d < 3; ++d) {
            if (d) out += ',';
            out += '"';
            out += kKeys[d];
            out += "\":";
            const bool present = school.deliverable_from[size_t(d)] >= 0 &&
                                 school.deliverable_from[size_t(d)] <= file.batch;
            out += present ? school.deliverable_value[size_t(d)] : "null";
        }
        out += '}';
    }
    out += "},\n";
    out += "\"batch\":{\"id\":" + quoted(batch.id) + ",\"name\":" + quoted(batch.name) +
           ",\"start\":" + quoted(batch.start) + ",\"end\":" + quoted(batch.end) + "},\n";
    out += "\"activities\":[";
    std::vector<const ActivityOut*> activities;
    for (const ActivityOut& a : file.activities) activities.push_back(&a);
    for (const ActivityOut& a : file.flawed_activities) activities.push_back(&a);
    for (size_t i = 0; i < activities.size(); ++i) {
        const ActivityOut& a = *activities[i];
        out += i ? ",\n" : "\n";
        out += '{';
        if (!a.date.empty()) out += "\"date\":" + quoted(a.date) + ",";
        out += "\"title\":" + quoted(a.title) + ",\"hours\":" + a.hours + ",\"participants\":" + int_text(a.participants) + "}";
    }
    out += "],\n\"teachers\":[";
    for (size_t i = 0; i < file.teachers.size(); ++i) {
        out += i ? ",\n" : "\n";
        write_teacher(out, file.teachers[i]);
    }
    out += "]}\n";
    return out;
}

// ==== [SECTION] the generator ====================================================================

class Generator {
public:
    explicit Generator(const GenerateOptions& options) : options_(options) {
        school_count_ = std::max(0, options.schools);
        per_school_ = std::max(0, options.teachers_per_school);
        batch_count_ = std::max(1, options.batches);
        const long total = long(school_count_) * per_school_;
        id_width_ = std::max(5, int(std::to_string(total + 1000).size()));
        plan_batches();
        plan_flaw_schedule(total);
    }

    std::vector<GeneratedFile> run() {
        std::vector<GeneratedFile> out;
        out.reserve(size_t(school_count_) * size_t(batch_count_) + 2);
        plan_school_names();
        std::vector<size_t> order(static_cast<size_t>(school_count_));
        for (size_t i = 0; i < order.size(); ++i) order[i] = i;
        Rng spread(mix_seed(options_.seed, 0xA11));
        for (size_t i = order.size(); i > 1; --i) std::swap(order[i - 1], order[size_t(spread.below(int(i)))]);
        // School progress spreads evenly from far behind (0.15) to nearly done (1.05: overshoot is done).
        progress_.assign(order.size(), 0.5);
        for (size_t rank = 0; rank < order.size(); ++rank)
            progress_[order[rank]] = 0.15 + 0.9 * (double(rank) + spread.unit()) / double(order.size());

        for (int s = 0; s < school_count_; ++s) generate_school(s, out);
        return out;
    }

private:
    void plan_batches() {
        Rng r(mix_seed(options_.seed, 0xBA7C));
        for (int k = 0; k < batch_count_; ++k) {
            BatchPlan b;
            const long year = options_.first_year + k;
            b.id = int_text(year) + "-1";
            b.name = "第" + chinese_number(k + 1) + "批";
            b.start_day = days_from_civil(year, 3, 1) + r.below(10);
            b.end_day = days_from_civil(year, 12, 31) - r.below(16);
            b.start = iso_from_days(b.start_day);
            b.end = iso_from_days(b.end_day);
            b.maturity = k + 1 == batch_count_ && batch_count_ > 1 ? 0.8 : 1.0;
            const long data_day = days_from_iso(options_.data_date);
            if (data_day != kNoDate && b.start_day <= data_day && data_day <= b.end_day) {
                // In progress when exported: as far along as the share of its span gone by.
                b.in_progress = true;
                b.data_day = data_day;
                b.maturity = double(data_day - b.start_day) / double(std::max(1L, b.end_day - b.start_day));
            }
            batches_.push_back(b);
        }
        // District plan: 30% / 50% / 20% of teachers per batch (as one city planned it); otherwise even.
        if (batch_count_ == 3) {
            batch_weights_ = {0.3, 0.5, 0.2};
        } else {
            batch_weights_.assign(size_t(batch_count_), 1.0 / batch_count_);
        }
    }

    void plan_flaw_schedule(long total) {
        if (!options_.with_errors || total <= 0) return;
        if (options_.few_errors) {
            const long n = long(sizeof(kFewFlaws) / sizeof(kFewFlaws[0]));
            for (long j = 0; j < n; ++j) few_schedule_.push_back({(j + 1) * total / (n + 1), kFewFlaws[j]});
        } else {
            flaw_stride_ = std::max(1L, std::min(37L, total / (2L * kFlawCount)));
        }
    }

    void plan_school_names() {
        std::set<std::string> used;
        int pattern_round = 0;
        size_t next_town = 0, next_pattern = 0;
        for (int s = 0; s < school_count_; ++s) {
            SchoolPlan plan;
            plan.id = "500110-" + pad(s + 1, 4);
            std::string name, stage;
            if (size_t(s) < std::size(kKnownSchools)) {
                name = std::string("綦江区") + kKnownSchools[s].name;
                stage = kKnownSchools[s].stage;
            } else {
                for (;;) {
                    const NamedSchool& pattern = kSchoolPatterns[next_pattern];
                    std::string town = kTowns[next_town];
                    name = "綦江区" + town +
                           (pattern_round ? "第" + chinese_number(pattern_round + 1) : std::string()) + pattern.name;
                    stage = pattern.stage;
                    if (++next_town == std::size(kTowns)) {
                        next_town = 0;
                        if (++next_pattern == std::size(kSchoolPatterns)) next_pattern = 0, ++pattern_round;
                    }
                    if (!used.count(name)) break;
                }
            }
            used.insert(name);
            plan.name = name;
            plan.stage = stage;
            schools_.push_back(plan);
        }
    }

    std::string next_teacher_id() { return "500110" + pad(++teacher_serial_, id_width_); }

    std::string person_name(Rng& r) {
        ++name_serial_;
        std::string name = r.chance(0.01) ? r.pick(kCompoundSurnames) : r.pick_common(kSurnames);
        std::vector<std::string> given{r.pick(kGivenChars)};
        if (r.chance(0.72)) given.push_back(r.pick(kGivenChars));
        // Rare characters at fixed intervals, so even a small demo is sure to show them.
        if (name_serial_ % 43 == 11) given.back() = r.pick(kRareChars);
        if (name_serial_ % 331 == 100) given.back() = r.pick(kExtBChars);
        if (name_serial_ % 449 == 200) given.back() = r.pick(kExtAChars);
        for (const std::string& g : given) name += g;
        return name;
    }

    const char* subject_for(Rng& r, const std::string& stage, bool upper_years) {
        if (stage == "小学" || (stage == "九年一贯制" && !upper_years)) return r.pick(kPrimarySubjects);
        if (stage == "初中" || stage == "九年一贯制") return r.pick(kSecondarySubjects);
        if (stage == "高中") return r.pick(kHighSubjects);
        return r.pick(kVocationalSubjects);
    }

    static const char* role_for(Rng& r, int index_in_school) {
        if (index_in_school == 0) return "校长";
        if (index_in_school == 1) return "副校长";
        if (index_in_school == 2) return "信息技术管理员";
        const double u = r.unit();
        if (u < 0.22) return "班主任";
        if (u < 0.30) return "教研组长";
        if (u < 0.33) return "教务主任";
        return "教师";
    }

    int half_hours(Rng& r, double t) {
        // Met (25–40 h) with probability growing with progress; otherwise part of the way.
        if (r.chance(clamp01((t - 0.15) / 0.5))) return 50 + r.below(31);
        return int(double(r.below(50)) * clamp01(t + 0.2));
    }

    std::string date_in_batch(Rng& r, const BatchPlan& b, double from, double to) {
        const double span = double(b.end_day - b.start_day);
        const long offset = long(span * (from + (to - from) * r.unit()));
        return iso_from_days(b.start_day + offset);
    }

    std::vector<int> choose_points(Rng& r, char environment, double progress, bool must_pass) {
        const int envs = environment - 'A' + 1;
        std::vector<int> allowed;
        for (int i = 0; i < kPointTotal; ++i)
            if (kPoints[i].env < envs) allowed.push_back(i);
        // A few teachers in smart-classroom schools choose C points only (never 学情分析).
        if (environment == 'C' && r.chance(0.05)) {
            allowed.clear();
            for (int i = 0; i < kPointTotal; ++i)
                if (kPoints[i].env == 2) allowed.push_back(i);
        }
        const double u = r.unit();
        // Teachers who are behind sometimes have chosen too few points, or points in too few dimensions.
        const int wanted = progress < 0.4 && u < 0.2 ? 2 : (u < 0.62 ? 3 : (u < 0.92 ? 4 : 5));
        std::vector<int> chosen;
        const bool spread_dimensions = r.chance(progress < 0.5 ? 0.9 : 0.98) || must_pass;
        std::vector<int> dims_used;
        for (int attempts = 0; int(chosen.size()) < wanted && attempts < 200; ++attempts) {
            const int p = allowed[size_t(r.below(int(allowed.size())))];
            if (std::find(chosen.begin(), chosen.end(), p) != chosen.end()) continue;
            const int d = kPoints[p].dimension;
            const bool new_dim = std::find(dims_used.begin(), dims_used.end(), d) == dims_used.end();
            // Spreaders take a new dimension for each of their first three points; the others
            // stay within two dimensions (and so cannot pass with the default policy).
            if (spread_dimensions && chosen.size() < 3 && !new_dim && attempts < 150) continue;
            if (!spread_dimensions && new_dim && dims_used.size() >= 2) continue;
            chosen.push_back(p);
            if (new_dim) dims_used.push_back(d);
        }
        return chosen;
    }

    // When a teacher of a batch in progress did their work: a day before the data date. The
    // further along the school, the more of it falls in the last weeks (an end-of-year push), so
    // the recent pace of passes grows with progress: the day is data_day − elapsed × u^k, u in
    // [0, 1), k from 1 (spread evenly since the start) to 8 (mostly the last month).
    long work_day(Rng& r, const BatchPlan& b, double school_progress) {
        const int k = 1 + int(7 * clamp01((school_progress - 0.3) / 0.6));
        const double u = r.unit();
        double x = 1;
        for (int i = 0; i < k; ++i) x *= u;  // exact, the same everywhere (no pow)
        return b.data_day - long(double(b.data_day - b.start_day) * x);
    }

    // A review or submission day near the teacher's work day, never before the batch's start nor
    // after the data date.
    static std::string near_day(Rng& r, const BatchPlan& b, long day, int before) {
        return iso_from_days(std::clamp(day - r.below(before + 1), b.start_day, b.data_day));
    }

    // must_pass: a finished school's teacher (no 不合格 grade). day: the work day in a batch in progress.
    PointOut make_point(Rng& r, int point, double t, const BatchPlan& batch, bool started, bool must_pass, long day) {
        PointOut p;
        p.code = kPoints[point].code;
        // Completion: how likely each chosen point is already graded.
        const double done = clamp01((t - 0.2) / 0.55);
        const double u = r.unit();
        if (!started || u >= done + 0.25 * (1 - done)) {
            p.status = "selected";
            return p;
        }
        const long reviewed_day = batch.in_progress ? std::max(batch.start_day, day - r.below(15)) : 0;
        p.submitted = batch.in_progress ? near_day(r, batch, reviewed_day - 3, 30) : date_in_batch(r, batch, 0.25, 0.6);
        if (u >= done) {
            p.status = "submitted";
            return p;
        }
        p.status = "graded";
        p.reviewed = batch.in_progress ? near_day(r, batch, reviewed_day, 0) : date_in_batch(r, batch, 0.62, 0.8);
        if (p.reviewed < p.submitted) p.submitted = p.reviewed;
        const double g = r.unit();
        const int grade = g < 0.03 && !must_pass ? kFail : (g < 0.03 + 0.1 + 0.3 * t ? kExcellent : kPass);
        p.grade = kGradeText[grade];
        if (r.chance(0.45)) {
            const int n = r.chance(0.6) ? 2 : 3;
            const int first_title = r.below(int(std::size(kItemTitles)));
            int forced = r.below(n);  // the item that fixes a 合格 / 不合格 grade
            for (int i = 0; i < n; ++i) {
                int item_grade = kExcellent;
                if (grade == kPass) item_grade = i == forced ? kPass : (r.chance(0.5) ? kPass : kExcellent);
                if (grade == kFail) item_grade = i == forced ? kFail : (r.chance(0.6) ? kPass : kExcellent);
                p.items.emplace_back(kItemTitles[(size_t(first_title) + size_t(i)) % std::size(kItemTitles)],
                                     kGradeText[item_grade]);
            }
        }
        return p;
    }

    static bool finished_school(const SchoolPlan& school, const BatchPlan& batch) {
        return batch.in_progress && school.progress >= kFinishedProgress;
    }

    TeacherOut make_teacher(Rng& r, const SchoolPlan& school, const BatchPlan& batch, int index_in_school) {
        TeacherOut t;
        t.id = next_teacher_id();
        t.name = person_name(r);
        const bool upper_years = r.chance(0.45);
        t.subject = subject_for(r, school.stage, upper_years);
        t.role = role_for(r, index_in_school);
        if (school.stage == "九年一贯制") t.stage = upper_years ? "初中" : "小学";
        // Progress of this teacher: the school's, the batch's, and some personal spread.
        const double noise = (r.unit() + r.unit() - 1.0) * 0.25;
        const bool finished = finished_school(school, batch);
        const double progress = finished ? 1.0 : clamp01(school.progress * batch.maturity + noise);
        const bool started = progress > 0.07;
        t.online = half_hours_text(started ? half_hours(r, progress) : 0);
        t.practice = half_hours_text(started ? half_hours(r, progress) : 0);
        if (!started && r.chance(0.3)) return t;  // nothing chosen yet
        const long day = batch.in_progress ? work_day(r, batch, school.progress) : 0;
        for (int p : choose_points(r, school.environment, progress, finished))
            t.points.push_back(make_point(r, p, progress, batch, started, finished, day));
        return t;
    }

    void plan_school(int s, Rng& r) {
        SchoolPlan& school = schools_[size_t(s)];
        school.progress = progress_[size_t(s)];
        const double e = r.unit();
        if (school.stage == "职业学校" || school.stage == "高中")
            school.environment = e < 0.5 ? 'B' : 'C';
        else if (school.name.find("村小") != std::string::npos)
            school.environment = 'A';
        else
            school.environment = e < 0.3 ? 'A' : (e < 0.8 ? 'B' : 'C');
        // Deliverables: schools further along have more of them, and earlier.
        const double chances[3] = {school.progress + 0.35, school.progress + 0.1, school.progress - 0.05};
        for (size_t d = 0; d < 3; ++d) {
            if (!r.chance(chances[d])) continue;
            const int from = r.chance(0.75) ? 0 : r.below(batch_count_);
            school.deliverable_from[d] = from;
            school.deliverable_value[d] =
                r.chance(0.12) ? "true" : quoted(date_in_batch(r, batches_[size_t(from)], 0.0, 0.15));
        }
    }

    std::vector<int> split_teachers(Rng& r) {
        std::vector<double> w(static_cast<size_t>(batch_count_));
        double sum = 0;
        for (size_t k = 0; k < w.size(); ++k) sum += w[k] = batch_weights_[k] * (0.7 + 0.6 * r.unit());
        std::vector<int> counts(w.size(), 0);
        double cumulative = 0;
        int given = 0;
        for (size_t k = 0; k < w.size(); ++k) {
            cumulative += w[k];
            const int upto = k + 1 == w.size() ? per_school_ : int(double(per_school_) * cumulative / sum + 0.5);
            counts[k] = std::max(0, upto - given);
            given += counts[k];
        }
        return counts;
    }

    void add_activities(Rng& r, const SchoolPlan& school, const BatchPlan& batch, FileOut& file) {
        const int n = int(school.progress * 5 * batch.maturity + r.unit() * 2.5);
        std::vector<std::string> dates;
        for (int i = 0; i < n; ++i) dates.push_back(date_in_batch(r, batch, 0.02, 0.75));
        std::sort(dates.begin(), dates.end());
        const int teachers = std::max(1, int(file.teachers.size()));
        for (int i = 0; i < n; ++i) {
            ActivityOut a;
            a.date = dates[size_t(i)];
            a.title = i == 0 ? kActivityTitles[0] : r.pick(kActivityTitles);
            a.hours = half_hours_text(r.between(2, 8));
            a.participants = std::max(1, teachers - r.below(teachers / 4 + 1));
            file.activities.push_back(a);
        }
    }

    // Which flaws this teacher should carry (round robin, or the demo's fixed handful).
    void schedule_flaws() {
        ++flaw_counter_;
        if (!options_.with_errors) return;
        if (options_.few_errors) {
            while (next_few_ < few_schedule_.size() && few_schedule_[next_few_].first <= flaw_counter_)
                pending_.push_back(few_schedule_[next_few_++].second);
        } else if (flaw_counter_ % flaw_stride_ == flaw_stride_ / 2) {
            Flaw flaw = Flaw(next_flaw_++ % kFlawCount);
            // Kinds this district cannot show (one batch, one school) are left out.
            if (flaw == Flaw::id_in_two_batches && batch_count_ < 2) flaw = Flaw(next_flaw_++ % kFlawCount);
            if (flaw == Flaw::id_in_two_schools && school_count_ < 2) flaw = Flaw(next_flaw_++ % kFlawCount);
            if (pending_.size() < size_t(kFlawCount)) pending_.push_back(flaw);
        }
    }

    std::string unused_code(const TeacherOut& t) {
        for (int i = kPointTotal - 1; i >= 0; --i) {
            bool used = false;
            for (const PointOut& p : t.points) used = used || p.code == kPoints[i].code;
            if (!used) return kPoints[i].code;
        }
        return "A1";
    }

    // Applies one flaw to the teacher just made; false when it does not fit here (tried later).
    bool apply_flaw(Flaw flaw, Rng& r, int s, size_t k, std::vector<FileOut>& files, TeacherOut& t,
                    std::vector<TeacherOut>& extra) {
        const BatchPlan& batch = batches_[k];
        auto find_status = [&](const char* status) -> PointOut* {
            for (PointOut& p : t.points)
                if (p.status == status) return &p;
            return nullptr;
        };
        switch (flaw) {
        case Flaw::teacher_without_id: {
            // Extra records (index 99: an ordinary teacher's role) that the loader skips.
            TeacherOut bad = make_teacher(r, schools_[size_t(s)], batch, 99);
            bad.id.clear();
            extra.push_back(bad);
            return true;
        }
        case Flaw::teacher_without_name: {
            TeacherOut bad = make_teacher(r, schools_[size_t(s)], batch, 99);
            bad.name.clear();
            extra.push_back(bad);
            return true;
        }
        case Flaw::duplicate_id_in_file: {
            TeacherOut bad = make_teacher(r, schools_[size_t(s)], batch, 99);
            bad.id = t.id;
            extra.push_back(bad);
            return true;
        }
        case Flaw::negative_hours: t.practice = "-" + half_hours_text(r.between(2, 20)); break;
        case Flaw::non_number_hours: t.online = quoted(t.online); break;
        case Flaw::unknown_code: t.points.push_back({r.chance(0.5) ? "D4" : "A14", "selected", "", "", "", {}}); break;
        case Flaw::unknown_status: t.points.push_back({unused_code(t), "reviewing", "", "", "", {}}); break;
        case Flaw::duplicate_code:
            if (t.points.empty()) return false;
            t.points.push_back({t.points.front().code, "selected", "", "", "", {}});
            break;
        case Flaw::graded_without_grade:
            t.points.push_back({unused_code(t), "graded", "", date_in_batch(r, batch, 0.3, 0.5), "", {}});
            break;
        case Flaw::item_without_grade: {
            PointOut* p = find_status("graded");
            if (!p) return false;
            p->items = {{"教学设计", "良好"}, {"教学反思", p->grade}};
            break;
        }
        case Flaw::activity_without_date:
            files[k].flawed_activities.push_back({"", "教研组内研讨", "2", 12});
            break;
        case Flaw::grade_disagrees_with_items: {
            PointOut* p = find_status("graded");
            if (!p) return false;
            p->grade = p->grade == "优秀" ? "合格" : "优秀";
            const std::string other = p->grade == "优秀" ? "合格" : "优秀";
            p->items = {{"教学设计", other}, {"课堂实录片段", other}};
            break;
        }
        case Flaw::grade_on_ungraded_point: {
            PointOut* p = find_status("submitted");
            if (!p) p = find_status("selected");
            if (!p) return false;
            p->grade = "合格";
            break;
        }
        case Flaw::hours_over_500: t.online = half_hours_text(2 * r.between(501, 620)); break;
        case Flaw::date_outside_batch:
            files[k].flawed_activities.push_back(
                {iso_from_days(batch.start_day - r.between(5, 40)), "假期研修预备会", "1.5", 20});
            break;
        case Flaw::id_in_two_batches: {
            if (k + 1 >= files.size()) return false;
            // Re-enrolled in the next batch, further along there (the later batch wins).
            TeacherOut again = t;
            again.online = half_hours_text(2 * r.between(25, 36));
            for (PointOut& p : again.points) {
                if (!p.submitted.empty()) p.submitted = date_in_batch(r, batches_[k + 1], 0.25, 0.6);
                if (!p.reviewed.empty()) p.reviewed = date_in_batch(r, batches_[k + 1], 0.62, 0.8);
            }
            again.flawed = true;
            files[k + 1].teachers.push_back(again);
            break;
        }
        case Flaw::id_in_two_schools: {
            if (previous_school_teacher_.size() <= k || previous_school_teacher_[k].id.empty()) return false;
            // Moved from the previous school in the same batch: a tie on start, the file loaded last wins.
            TeacherOut moved = previous_school_teacher_[k];
            moved.flawed = true;
            extra.push_back(moved);
            break;
        }
        case Flaw::count: break;
        }
        t.flawed = true;
        return true;
    }

    void generate_school(int s, std::vector<GeneratedFile>& out) {
        Rng r(mix_seed(options_.seed, uint64_t(s) + 1));
        plan_school(s, r);
        const SchoolPlan& school = schools_[size_t(s)];
        std::vector<FileOut> files(static_cast<size_t>(batch_count_));
        const std::vector<int> counts = split_teachers(r);
        int index_in_school = 0;
        std::vector<TeacherOut> first_of_batch(static_cast<size_t>(batch_count_));
        for (size_t k = 0; k < files.size(); ++k) {
            files[k].batch = int(k);
            for (int i = 0; i < counts[k]; ++i) {
                TeacherOut t = make_teacher(r, school, batches_[k], index_in_school++);
                std::vector<TeacherOut> extra;
                schedule_flaws();
                // A finished school's teachers carry no problem (it would stop them passing).
                for (size_t f = 0; f < pending_.size() && !finished_school(school, batches_[k]);) {
                    if (apply_flaw(pending_[f], r, s, k, files, t, extra))
                        pending_.erase(pending_.begin() + long(f));
                    else
                        ++f;
                }
                if (first_of_batch[k].id.empty() && !t.flawed) first_of_batch[k] = t;
                files[k].teachers.push_back(std::move(t));
                for (TeacherOut& e : extra) {
                    e.flawed = true;
                    files[k].teachers.push_back(std::move(e));
                }
            }
        }
        for (size_t k = 0; k < files.size(); ++k) add_activities(r, school, batches_[k], files[k]);
        previous_school_teacher_ = first_of_batch;

        for (size_t k = 0; k < files.size(); ++k) {
            const std::string base = school.id + "-" + batches_[k].id;
            const bool replaced_here = options_.with_errors && s == std::min(1, school_count_ - 1) && k == 0;
            const bool rejected_here = options_.with_errors && s == 0 && k + 1 == files.size();
            if (replaced_here) {
                // An earlier export of the same school and batch, loaded first and then replaced.
                FileOut early;
                early.batch = int(k);
                for (const TeacherOut& t : files[k].teachers) {
                    if (t.flawed || early.teachers.size() * 2 >= files[k].teachers.size()) continue;
                    TeacherOut copy = t;
                    for (PointOut& p : copy.points) p = {p.code, "selected", "", "", "", {}};
                    early.teachers.push_back(copy);
                }
                out.push_back({base + ".json", write_file(school, batches_[k], early, false)});
                out.push_back({base + ".v2.json", write_file(school, batches_[k], files[k], true)});
                continue;
            }
            std::string text = write_file(school, batches_[k], files[k], true);
            if (rejected_here) {
                // A draft cut off mid-way: not JSON, so the whole file is rejected.
                const size_t cut = text.rfind('\n', std::min<size_t>(text.size() - 1, 300 + text.size() / 3));
                out.push_back({base + ".draft.json", text.substr(0, cut == std::string::npos ? text.size() / 2 : cut)});
            }
            out.push_back({base + ".json", std::move(text)});
        }
    }

    GenerateOptions options_;
    int school_count_ = 0, per_school_ = 0, batch_count_ = 1, id_width_ = 5;
    long teacher_serial_ = 0, name_serial_ = 0, flaw_counter_ = 0, flaw_stride_ = 1;
    std::vector<BatchPlan> batches_;
    std::vector<double> batch_weights_, progress_;
    std::vector<SchoolPlan> schools_;
    std::vector<std::pair<long, Flaw>> few_schedule_;
    size_t next_few_ = 0;
    int next_flaw_ = 0;
    std::vector<Flaw> pending_;
    std::vector<TeacherOut> previous_school_teacher_;
};

}  // namespace

std::vector<GeneratedFile> generate(const GenerateOptions& options) {
    Generator generator(options);
    return generator.run();
}

GenerateOptions demo_options() {
    GenerateOptions o;
    o.schools = 20;
    o.teachers_per_school = 55;
    o.batches = 3;
    o.seed = 2022;
    o.with_errors = true;
    o.few_errors = true;
    o.first_year = 2024;
    o.data_date = "2026-11-27";  // 2026-1 (to 2026-12-19) in progress: see data/demo/README.md
    return o;
}

}  // namespace it2
