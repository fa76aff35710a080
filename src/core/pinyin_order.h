// Pinyin order for Chinese names and school names, the way a Chinese roster, Excel's 中文排序
// and the provincial platforms sort them.
//
// Character by character (like a dictionary: 张三 < 章一 because 张 < 章):
//   1. spaces are skipped (张 三 sorts as 张三);
//   2. punctuation and symbols first, by code point;
//   3. then numbers, by value (2班 < 10班; leading zeros ignored);
//   4. then Latin letters, case-insensitive (a < B < c);
//   5. then other scripts (kana, Greek …), by code point;
//   6. then Han characters by their reading: the syllable's letters (ü as u, after u when equal),
//      the tone (1, 2, 3, 4, neutral), total strokes, code point. The table (generated from
//      Unihan at build time) covers the 8,105 standard characters and the demo data's;
//   7. then Han characters the table lacks (e.g. 𠀾 U+2003E, which has no reading in
//      Unihan), by code point.
// Equal by these rules (007 vs 7, Ab vs ab), the UTF-8 bytes decide, so the order is total.
//
// As a person's name, the first character reads as a surname: 单 Shàn, 曾 Zēng, 解 Xiè, 仇 Qiú,
// 区 Ōu, 查 Zhā, 朴 Piáo, 盖 Gě …, and 尉迟 Yùchí, 万俟 Mòqí … as two-character surnames
// (the list lives in scripts/gen-pinyin-table.py).
#pragma once

#include <string>
#include <string_view>

namespace it2 {

enum class CollateAs {
    text,         // school names, subjects, anything that is not a person's name
    person_name,  // the first character (or two) reads as a surname
};

// Bytes whose plain comparison (std::string's <) is the pinyin order: build once per row,
// then sort by it. About 3 bytes per character plus the text itself.
std::string pinyin_sort_key(std::string_view utf8, CollateAs as = CollateAs::text);

// <0, 0 or >0 as `a` sorts before, with or after `b` (0 only for identical bytes).
int compare_pinyin(std::string_view a, std::string_view b, CollateAs as = CollateAs::text);

// Bytes of the generated collation table in this binary (reported by the benchmark).
size_t pinyin_table_bytes();

}  // namespace it2
