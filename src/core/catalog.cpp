#include "catalog.h"

#include <nlohmann/json.hpp>

namespace it2 {

namespace {
using E = Env;
using D = Dimension;
const std::array<PointInfo, kPointCount> kCatalog = {{
    {"A1", "技术支持的学情分析", "Technology-supported learner analysis", E::A, D::analysis},
    {"A2", "数字教育资源获取与评价", "Finding and evaluating digital resources", E::A, D::design},
    {"A3", "演示文稿设计与制作", "Designing presentation slides", E::A, D::design},
    {"A4", "数字教育资源管理", "Managing digital resources", E::A, D::design},
    {"A5", "技术支持的课堂导入", "Technology-supported lesson openings", E::A, D::guidance},
    {"A6", "技术支持的课堂讲授", "Technology-supported teaching", E::A, D::guidance},
    {"A7", "技术支持的总结提升", "Technology-supported lesson summaries", E::A, D::guidance},
    {"A8", "技术支持的方法指导", "Technology-supported method guidance", E::A, D::guidance},
    {"A9", "学生信息道德培养", "Students' information ethics", E::A, D::guidance},
    {"A10", "学生信息安全意识培养", "Students' information security awareness", E::A, D::guidance},
    {"A11", "评价量规设计与应用", "Designing and using rubrics", E::A, D::assessment},
    {"A12", "评价数据的伴随性采集", "Collecting assessment data along the way", E::A, D::assessment},
    {"A13", "数据可视化呈现与解读", "Visualising and reading data", E::A, D::assessment},
    {"B1", "技术支持的测验与练习", "Technology-supported tests and exercises", E::B, D::analysis},
    {"B2", "微课程设计与制作", "Designing micro-courses", E::B, D::design},
    {"B3", "探究型学习活动设计", "Designing inquiry activities", E::B, D::design},
    {"B4", "技术支持的发现与解决问题", "Technology-supported problem solving", E::B, D::guidance},
    {"B5", "学习小组组织与管理", "Organising learning groups", E::B, D::guidance},
    {"B6", "技术支持的展示交流", "Technology-supported presentation and exchange", E::B, D::guidance},
    {"B7", "家校交流与合作", "Home-school communication", E::B, D::guidance},
    {"B8", "公平管理技术资源", "Fair management of technology resources", E::B, D::guidance},
    {"B9", "自评与互评活动的组织", "Organising self- and peer-assessment", E::B, D::assessment},
    {"B10", "档案袋评价", "Portfolio assessment", E::B, D::assessment},
    {"C1", "跨学科学习活动设计", "Designing interdisciplinary activities", E::C, D::design},
    {"C2", "创造真实学习情境", "Creating authentic learning situations", E::C, D::design},
    {"C3", "创新解决问题的方法", "Innovative problem-solving methods", E::C, D::guidance},
    {"C4", "支持学生创造性学习与表达", "Supporting creative learning and expression", E::C, D::guidance},
    {"C5", "基于数据的个别化指导", "Data-based individual guidance", E::C, D::guidance},
    {"C6", "应用数据分析模型", "Applying data analysis models", E::C, D::assessment},
    {"C7", "创建数据分析模型", "Building data analysis models", E::C, D::assessment},
}};

char upper(char c) { return (c >= 'a' && c <= 'z') ? char(c - 'a' + 'A') : c; }
}  // namespace

const std::array<PointInfo, kPointCount>& catalog() { return kCatalog; }

int point_index(std::string_view code) {
    if (code.size() < 2 || code.size() > 3) return -1;
    for (int i = 0; i < kPointCount; ++i) {
        std::string_view c = kCatalog[i].code;
        if (c.size() != code.size()) continue;
        bool same = true;
        for (size_t k = 0; k < c.size() && same; ++k) same = upper(code[k]) == c[k];
        if (same) return i;
    }
    return -1;
}

const char* env_name(Env env, Lang lang) {
    static constexpr const char* zh[] = {"多媒体教学环境", "混合学习环境", "智慧学习环境"};
    static constexpr const char* en[] = {"Multimedia classroom", "Blended learning", "Smart learning"};
    return (lang == Lang::zh ? zh : en)[int(env)];
}

const char* dimension_name(Dimension d, Lang lang) {
    static constexpr const char* zh[] = {"学情分析", "教学设计", "学法指导", "学业评价"};
    static constexpr const char* en[] = {"Learner analysis", "Instructional design", "Learning guidance",
                                         "Assessment"};
    return (lang == Lang::zh ? zh : en)[int(d)];
}

std::string catalog_json() {
    nlohmann::ordered_json points = nlohmann::ordered_json::array();
    for (const PointInfo& p : kCatalog) {
        points.push_back({{"code", p.code},
                          {"name", p.name_zh},
                          {"name_en", p.name_en},
                          {"environment", std::string(1, char('A' + int(p.env)))},
                          {"dimension", dimension_name(p.dimension, Lang::zh)},
                          {"dimension_en", dimension_name(p.dimension, Lang::en)}});
    }
    nlohmann::ordered_json doc = {{"format", "it2-catalog"}, {"version", 1}, {"points", points}};
    return doc.dump(2) + "\n";
}

}  // namespace it2
