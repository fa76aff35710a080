#!/usr/bin/env python3
"""Generate the pinyin collation table (C++ source) from Unicode's Unihan data.

Run at build time by CMake; the output goes into the build folder and is never committed.

Which characters: the 8,105 of the 通用规范汉字表 (Unihan kTGH) plus every Han character found
in the given text files (the demo data, the UI sources): the same set the page's font carries,
so every character the page can draw also sorts by its reading. Characters outside the table
sort after all of them, by code point (see src/core/pinyin_order.h).

Which reading: kMandarin's first value (Unihan: "the most customary pinyin reading"), else the
first of kTGHZ2013, kHanyuPinyin, kXHC1983; a character with none takes the reading of a variant
that has one (e.g. 𠮷 → 吉). Person names read their surname by SURNAME_READINGS below (单 is
dān in 单位 but Shàn as a surname), so those characters get a second entry.

Order: each character gets one rank, from sorting by
  1. the syllable's letters, ü as u (lu < lü < luan < lüe, as the 现代汉语词典 orders them),
  2. ü after u, then the tone: 1, 2, 3, 4, neutral,
  3. total strokes (kTotalStrokes, the mainland value), then the code point.

Usage: gen-pinyin-table.py --unihan DIR --out FILE.cpp [TEXT_FILES...]
Needs only Python 3 and Debian's unicode-data (/usr/share/unicode/Unihan_*.txt.bz2).
"""
import argparse
import bz2
import hashlib
import os
import sys
import unicodedata

PROG = "gen-pinyin-table.py"

# Debian bookworm's unicode-data 15.0.0-1. Another version may read characters differently:
# check the roster test (tests/core/test_pinyin_order.cpp) and then update these pins.
PINNED_SHA256 = {
    "Unihan_Readings.txt.bz2": "216d9e19e44195522b84a05bf7308e385356615121258869faf919e96824ddd5",
    "Unihan_OtherMappings.txt.bz2": "bdeef44d75d914e793b7f27ddc3bee01b2d11dd34f4e52de1a9fba74a1612dc2",
    "Unihan_IRGSources.txt.bz2": "52e6e55d22dd124d61dfbb845033fe354caf9a62ab84ac89aa0c374b0f8b99c5",
    "Unihan_Variants.txt.bz2": "42f42d18fe0368ca8dfb76d91bb2612b4bb34fe7960a4aa770687c0bf48a0cce",
}

# Surnames whose reading differs from the character's usual one (sources: the 通用规范汉字字典's
# "姓" readings, carried in Unihan kTGHZ2013 / kXHC1983; each is checked against Unihan below).
SURNAME_READINGS = {
    "单": "shàn", "曾": "zēng", "解": "xiè", "仇": "qiú", "区": "ōu", "查": "zhā", "朴": "piáo",
    "盖": "gě", "覃": "qín", "葛": "gě", "乐": "yuè", "翟": "zhái", "任": "rén", "华": "huà",
    "燕": "yān", "纪": "jǐ", "召": "shào", "缪": "miào", "秘": "bì", "繁": "pó",
    "员": "yùn", "种": "chóng", "折": "shé", "句": "gōu", "过": "guō", "能": "nài", "占": "zhān",
    "那": "nā", "洗": "xiǎn", "都": "dū", "相": "xiàng", "隗": "wěi", "沈": "shěn", "尉": "wèi",
}
# Two-character surnames, read as a pair only at the start of a name.
COMPOUND_SURNAMES = {
    "尉迟": ("yù", "chí"), "万俟": ("mò", "qí"), "单于": ("chán", "yú"), "澹台": ("tán", "tái"),
    "令狐": ("líng", "hú"), "长孙": ("zhǎng", "sūn"),
}

TONE_MARKS = {"\u0304": 1, "\u0301": 2, "\u030C": 3, "\u0300": 4}


def fail(message):
    sys.exit(f"{PROG}: {message}")


def syllable_key(reading):
    """(letters with ü as u, 1 if ü, tone 1..5) for a tone-marked reading such as 'lǜ'."""
    letters, umlaut, tone = [], 0, 5
    for ch in unicodedata.normalize("NFD", reading.strip().lower()):
        if ch in TONE_MARKS:
            tone = TONE_MARKS[ch]
        elif ch == "\u0308":  # ü
            umlaut = 1
        elif ch == "\u0302":  # ê: sorts as e
            pass
        elif "a" <= ch <= "z":
            letters.append(ch)
        else:
            fail(f"cannot read the pinyin '{reading}' (unexpected '{ch}', U+{ord(ch):04X})")
    if not letters:
        fail(f"empty pinyin reading '{reading}'")
    return ("".join(letters), umlaut, tone)


def open_unihan(unihan_dir, name, check_pins):
    path = os.path.join(unihan_dir, name)
    if not os.path.exists(path):
        fail(f"{path} is missing: install Debian's unicode-data (`apt-get install unicode-data`).")
    if check_pins:
        with open(path, "rb") as f:
            digest = hashlib.sha256(f.read()).hexdigest()
        if digest != PINNED_SHA256[name]:
            fail(f"{path} has sha256 {digest}, not the pinned {PINNED_SHA256[name]} (unicode-data "
                 "15.0.0-1, Debian bookworm). Another Unihan version may change the order: run the "
                 "pinyin tests with --any-unihan (CMake: -DIT2_UNIHAN_ANY_VERSION=ON), then update "
                 "PINNED_SHA256 in this script.")
    return bz2.open(path, "rt", encoding="utf-8")


def read_fields(unihan_dir, name, wanted, check_pins):
    """{field: {code point: value}} for the wanted fields of one Unihan file."""
    out = {field: {} for field in wanted}
    with open_unihan(unihan_dir, name, check_pins) as lines:
        for line in lines:
            if not line.startswith("U+"):
                continue
            cp, field, value = line.rstrip("\n").split("\t", 2)
            if field in out:
                out[field][int(cp[2:], 16)] = value
    return out


def is_han(cp):
    return (0x3400 <= cp <= 0x4DBF or 0x4E00 <= cp <= 0x9FFF or 0xF900 <= cp <= 0xFAFF
            or 0x20000 <= cp <= 0x3134F)


def readings_of(cp, fields):
    """All readings Unihan knows for cp, the most customary first."""
    out = []
    if cp in fields["kMandarin"]:
        out += fields["kMandarin"][cp].split()
    for field in ("kTGHZ2013", "kHanyuPinyin", "kXHC1983"):
        for entry in fields.get(field, {}).get(cp, "").split():
            out += entry.split(":")[-1].split(",")
    return out


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--unihan", required=True, help="folder with Unihan_*.txt.bz2")
    parser.add_argument("--out", required=True, help="C++ file to write")
    parser.add_argument("--any-unihan", action="store_true", help="skip the sha256 pins")
    parser.add_argument("text_files", nargs="*", help="files whose Han characters join the table")
    args = parser.parse_args()
    pins = not args.any_unihan

    fields = read_fields(args.unihan, "Unihan_Readings.txt.bz2",
                         ("kMandarin", "kTGHZ2013", "kHanyuPinyin", "kXHC1983"), pins)
    standard = read_fields(args.unihan, "Unihan_OtherMappings.txt.bz2", ("kTGH",), pins)["kTGH"]
    strokes = read_fields(args.unihan, "Unihan_IRGSources.txt.bz2", ("kTotalStrokes",), pins)
    strokes = {cp: int(v.split()[0]) for cp, v in strokes["kTotalStrokes"].items()}
    variants = read_fields(args.unihan, "Unihan_Variants.txt.bz2",
                           ("kZVariant", "kSemanticVariant", "kTraditionalVariant",
                            "kSimplifiedVariant", "kSpoofingVariant"), pins)
    if len(standard) != 8105:
        fail(f"found {len(standard)} kTGH characters in {args.unihan}, expected 8105: "
             "install Debian's unicode-data (`apt-get install unicode-data`).")

    chars = set(standard)
    for path in args.text_files:
        with open(path, encoding="utf-8", errors="replace") as f:
            chars.update(ord(c) for c in f.read() if is_han(ord(c)))
    for text in list(SURNAME_READINGS) + list(COMPOUND_SURNAMES):
        chars.update(ord(c) for c in text)

    # (syllable key, strokes, code point, surname?) → rank
    entries = []
    unread = []
    for cp in sorted(chars):
        readings = readings_of(cp, fields)
        if not readings:  # borrow a variant's reading (𠮷 → 吉)
            for table in variants.values():
                for ref in table.get(cp, "").split():
                    readings = readings or readings_of(int(ref.split("<")[0][2:], 16), fields)
        if not readings:
            unread.append(cp)
            continue
        entries.append((syllable_key(readings[0]), strokes.get(cp, 99), cp, ""))

    def surname_entry(char, reading):
        cp = ord(char)
        known = {syllable_key(r) for r in readings_of(cp, fields)}
        if syllable_key(reading) not in known:
            fail(f"surname reading {char} {reading} is not among Unihan's readings of U+{cp:04X}")
        return (syllable_key(reading), strokes.get(cp, 99), cp, "surname")

    single = {ord(c): surname_entry(c, r) for c, r in SURNAME_READINGS.items()}
    compound = {}
    for pair, (first, second) in COMPOUND_SURNAMES.items():
        compound[pair] = (surname_entry(pair[0], first), surname_entry(pair[1], second))
    entries += list(single.values()) + [e for both in compound.values() for e in both]
    entries = sorted(set(entries))
    rank = {e: i + 1 for i, e in enumerate(entries)}  # 0: "no entry"
    if len(entries) >= 0xFFFF:
        fail(f"{len(entries)} entries do not fit a 16-bit rank")

    plain = sorted((e[2], rank[e]) for e in entries if not e[3])
    bmp = [(cp, r) for cp, r in plain if cp <= 0xFFFF]
    supp = [(cp, r) for cp, r in plain if cp > 0xFFFF]

    def array(ctype, name, values, per_line=16):
        rows = [", ".join(str(v) for v in values[i:i + per_line]) for i in range(0, len(values), per_line)]
        return f"const {ctype} {name}[] = {{\n" + ",\n".join("    " + r for r in rows) + "\n};\n"

    single_rows = sorted((cp, rank[e]) for cp, e in single.items())
    compound_rows = sorted((ord(p[0]), ord(p[1]), rank[a], rank[b]) for p, (a, b) in compound.items())
    size = 4 * len(bmp) + 6 * len(supp) + 6 * len(single_rows) + 12 * len(compound_rows)
    out = [
        f"// Generated by scripts/{PROG} from Unihan (Debian unicode-data). Do not edit, do not commit.",
        f"// {len(plain)} characters ({len(bmp)} BMP, {len(supp)} supplementary), "
        f"{len(single_rows)} surname and {len(compound_rows)} two-character surname readings; "
        f"about {size} bytes of tables.",
        f"// Characters without any reading (sorted after all others, by code point): "
        + (" ".join(f"U+{cp:04X}" for cp in unread) or "none") + ".",
        '#include "pinyin_table.h"',
        "",
        "namespace it2::pinyin_table {",
        array("uint16_t", "bmp_code", [cp for cp, _ in bmp]),
        array("uint16_t", "bmp_rank", [r for _, r in bmp]),
        array("uint32_t", "supp_code", [cp for cp, _ in supp] or [0]),
        array("uint16_t", "supp_rank", [r for _, r in supp] or [0]),
        "const Surname surnames[] = {\n" + "".join(f"    {{{cp}, {r}}},\n" for cp, r in single_rows) + "};\n",
        "const CompoundSurname compound_surnames[] = {\n"
        + "".join(f"    {{{a}, {b}, {ra}, {rb}}},\n" for a, b, ra, rb in compound_rows) + "};\n",
        f"const size_t bmp_count = {len(bmp)};",
        f"const size_t supp_count = {len(supp)};",
        f"const size_t surname_count = {len(single_rows)};",
        f"const size_t compound_surname_count = {len(compound_rows)};",
        f"const size_t rank_count = {len(entries) + 1};",
        "}  // namespace it2::pinyin_table",
        "",
    ]
    os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
    tmp = args.out + ".tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        f.write("\n".join(out))
    os.replace(tmp, args.out)
    print(f"{PROG}: {len(plain)} characters, {len(single_rows)}+{len(compound_rows)} surname readings, "
          f"~{size} bytes -> {args.out}")


if __name__ == "__main__":
    main()
