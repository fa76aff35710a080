// The 30 micro-abilities (微能力点) of IT 2.0: the one source of truth for codes, names,
// environments and dimensions. data/catalog.json is generated from this table
// (`it2 catalog`) and a unit test keeps the two equal.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace it2 {

enum class Lang : uint8_t { zh, en };

// Environment: A 多媒体教学环境, B 混合学习环境, C 智慧学习环境.
enum class Env : uint8_t { A, B, C };
constexpr int kEnvCount = 3;

// Dimension: 学情分析, 教学设计, 学法指导, 学业评价.
enum class Dimension : uint8_t { analysis, design, guidance, assessment };
constexpr int kDimensionCount = 4;

struct PointInfo {
    const char* code;     // "A1" … "C7"
    const char* name_zh;  // 技术支持的学情分析
    const char* name_en;  // Technology-supported learner analysis
    Env env;
    Dimension dimension;
};

constexpr int kPointCount = 30;

// Index 0..29 in catalogue order (A1..A13, B1..B10, C1..C7).
const std::array<PointInfo, kPointCount>& catalog();

// Case-insensitive code lookup ("a1", " B10" is not trimmed); -1 when unknown.
int point_index(std::string_view code);

const char* env_name(Env env, Lang lang);            // 多媒体教学环境 / Multimedia classroom
const char* dimension_name(Dimension d, Lang lang);  // 学情分析 / Learner analysis

// The catalogue as JSON text (what data/catalog.json holds).
std::string catalog_json();

}  // namespace it2
