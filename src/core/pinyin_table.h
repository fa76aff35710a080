// The pinyin collation table, generated at build time by scripts/gen-pinyin-table.py from
// Unihan (build/<preset>/generated/pinyin_table.cpp; never committed). Read by pinyin_order.cpp only.
#pragma once

#include <cstddef>
#include <cstdint>

namespace it2::pinyin_table {

struct Surname {
    uint32_t code;
    uint16_t rank;  // the character's rank under its surname reading (单 → shàn)
};
struct CompoundSurname {
    uint32_t first, second;
    uint16_t first_rank, second_rank;  // 尉迟 → yù chí
};

// Ranks run 1..rank_count-1 in pinyin order (letters, ü after u, tone 1-4 then neutral,
// strokes, code point). Codes are sorted ascending, ranks parallel to them.
extern const uint16_t bmp_code[];
extern const uint16_t bmp_rank[];
extern const uint32_t supp_code[];
extern const uint16_t supp_rank[];
extern const Surname surnames[];                    // sorted by code
extern const CompoundSurname compound_surnames[];  // sorted by (first, second)
extern const size_t bmp_count, supp_count, surname_count, compound_surname_count, rank_count;

}  // namespace it2::pinyin_table
