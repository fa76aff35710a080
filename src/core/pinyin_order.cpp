// Pinyin order: each character becomes a 3-byte weight (class in the top bits, then a rank or a
// code point); see pinyin_order.h for the order itself.
#include "pinyin_order.h"

#include <algorithm>
#include <cstdint>

#include "pinyin_table.h"
#include "utf8.h"

namespace it2 {
namespace {

namespace table = pinyin_table;

// Classes in sort order; a weight is class << 21 | value (value < 2^21 holds any code point).
enum WeightClass : uint32_t { end_of_text = 0, symbol, number, latin, other_script, han, han_unread };

uint32_t weight(WeightClass c, uint32_t value) { return (uint32_t(c) << 21) | (value & 0x1FFFFF); }

void append_weight(std::string& key, uint32_t w) {
    key += char(w >> 16);
    key += char((w >> 8) & 0xFF);
    key += char(w & 0xFF);
}

bool is_space(uint32_t cp) { return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == 0xA0 || cp == 0x3000; }

// ASCII and full-width digits (０-９) → 0..9, else -1.
int digit_value(uint32_t cp) {
    if (cp >= '0' && cp <= '9') return int(cp - '0');
    if (cp >= 0xFF10 && cp <= 0xFF19) return int(cp - 0xFF10);
    return -1;
}

// ASCII and full-width letters → 0..25, else -1.
int latin_letter(uint32_t cp) {
    if (cp >= 0xFF21 && cp <= 0xFF5A) cp -= 0xFEE0;  // full width → ASCII
    if (cp >= 'A' && cp <= 'Z') return int(cp - 'A');
    if (cp >= 'a' && cp <= 'z') return int(cp - 'a');
    return -1;
}

bool is_han(uint32_t cp) {
    return (cp >= 0x3400 && cp <= 0x4DBF) || (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0xF900 && cp <= 0xFAFF) ||
           (cp >= 0x20000 && cp <= 0x3134F);
}

bool is_symbol(uint32_t cp) {
    return cp < 0x80 || (cp >= 0x80 && cp <= 0xBF) || (cp >= 0x2000 && cp <= 0x2BFF) || (cp >= 0x3000 && cp <= 0x303F) ||
           (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF65) || (cp >= 0xFFE0 && cp <= 0xFFEE);
}

// The table rank of a character's usual reading; 0 when the table lacks it.
uint16_t han_rank(uint32_t cp) {
    if (cp <= 0xFFFF) {
        const uint16_t* end = table::bmp_code + table::bmp_count;
        const uint16_t* it = std::lower_bound(table::bmp_code, end, uint16_t(cp));
        return it != end && *it == cp ? table::bmp_rank[it - table::bmp_code] : 0;
    }
    const uint32_t* end = table::supp_code + table::supp_count;
    const uint32_t* it = std::lower_bound(table::supp_code, end, cp);
    return it != end && *it == cp ? table::supp_rank[it - table::supp_code] : 0;
}

uint32_t char_weight(uint32_t cp) {
    if (uint16_t rank = han_rank(cp)) return weight(han, rank);
    if (int letter = latin_letter(cp); letter >= 0) return weight(latin, uint32_t(letter));
    if (is_han(cp)) return weight(han_unread, cp);
    if (is_symbol(cp)) return weight(symbol, cp);
    return weight(other_script, cp);
}

// Surname ranks for the first one or two characters of a name; 0 where the usual reading holds.
void surname_ranks(uint32_t first, uint32_t second, uint16_t& first_rank, uint16_t& second_rank) {
    const table::CompoundSurname* cend = table::compound_surnames + table::compound_surname_count;
    const table::CompoundSurname* c = std::find_if(table::compound_surnames, cend, [&](const table::CompoundSurname& s) {
        return s.first == first && s.second == second;
    });
    if (c != cend) {
        first_rank = c->first_rank;
        second_rank = c->second_rank;
        return;
    }
    const table::Surname* send = table::surnames + table::surname_count;
    const table::Surname* s = std::lower_bound(table::surnames, send, first,
                                               [](const table::Surname& x, uint32_t code) { return x.code < code; });
    if (s != send && s->code == first) first_rank = s->rank;
}

}  // namespace

std::string pinyin_sort_key(std::string_view utf8, CollateAs as) {
    std::string key;
    key.reserve(utf8.size() * 2 + 3);
    // Surname readings apply to the name's first two characters (after leading spaces).
    uint16_t surname_rank[2] = {0, 0};
    if (as == CollateAs::person_name) {
        uint32_t first_two[2] = {0, 0};
        size_t i = 0, n = 0;
        while (i < utf8.size() && n < 2) {
            uint32_t cp = next_utf8(utf8, i);
            if (!(n == 0 && is_space(cp))) first_two[n++] = cp;
        }
        surname_ranks(first_two[0], first_two[1], surname_rank[0], surname_rank[1]);
    }
    size_t i = 0, position = 0;
    while (i < utf8.size()) {
        uint32_t cp = next_utf8(utf8, i);
        if (is_space(cp)) continue;
        if (position < 2 && surname_rank[position]) {
            append_weight(key, weight(han, surname_rank[position++]));
            continue;
        }
        ++position;
        if (int d = digit_value(cp); d >= 0) {
            // A run of digits: its length without leading zeros, then the digits (2 < 10).
            std::string digits;
            size_t next = i;
            for (;;) {
                if (!(digits.empty() && d == 0)) digits += char('0' + d);
                i = next;
                if (next >= utf8.size()) break;
                d = digit_value(next_utf8(utf8, next));
                if (d < 0) break;
            }
            append_weight(key, weight(number, uint32_t(std::min<size_t>(digits.size(), 0xFFFF))));
            for (char c : digits) append_weight(key, weight(number, uint32_t(c - '0')));
            continue;
        }
        append_weight(key, char_weight(cp));
    }
    append_weight(key, weight(end_of_text, 0));
    key.append(utf8);  // ties (007 and 7, Ab and ab) fall to the bytes
    return key;
}

int compare_pinyin(std::string_view a, std::string_view b, CollateAs as) {
    return pinyin_sort_key(a, as).compare(pinyin_sort_key(b, as));
}

size_t pinyin_table_bytes() {
    return table::bmp_count * 4 + table::supp_count * 6 + table::surname_count * sizeof(table::Surname) +
           table::compound_surname_count * sizeof(table::CompoundSurname);
}

}  // namespace it2
