#!/usr/bin/env python3
"""Cut Noto Sans CJK SC down to what the page needs.

Keeps: the 8,105 characters of the 通用规范汉字表 (Unihan field kTGH, from Debian's
unicode-data), ASCII, Latin-1 letters and signs, general and CJK punctuation, full-width forms,
and every non-ASCII character found in the given text files (UI sources, demo data).
Characters the font lacks are reported, not fatal: the page draws them through the browser.

Usage: subset-font.py --font TTC --index N --unihan DIR --out FILE [TEXT_FILES...]
Needs fontTools (Debian: python3-fonttools).
"""
import argparse
import bz2
import os
import sys

try:
    from fontTools import subset
    from fontTools.ttLib import TTFont
except ImportError:
    sys.exit("subset-font.py: fontTools is missing: install it with `apt-get install python3-fonttools` "
             "(and run this with Debian's /usr/bin/python3).")

FIXED_RANGES = [
    (0x0020, 0x007E),  # ASCII
    (0x00A0, 0x00FF),  # Latin-1: ×, ·, °, é …
    (0x2000, 0x206F),  # general punctuation: — ‘ ’ “ ” … ‰
    (0x2100, 0x214F),  # letterlike: №, ℃
    (0x2190, 0x21FF),  # arrows
    (0x2200, 0x22FF),  # math operators: ≤ ≥ ≈
    (0x2460, 0x24FF),  # circled numbers ① …
    (0x2500, 0x25FF),  # box drawing, geometric shapes: ■ □ ▲ ▼ ●
    (0x2600, 0x26FF),  # misc symbols: ★ ☆ ✓ (partly)
    (0x2700, 0x27BF),  # dingbats: ✓ ✗
    (0x3000, 0x303F),  # CJK symbols and punctuation: 、。《》「」【】
    (0xFF00, 0xFFEF),  # full-width forms: （），：；！？
    (0xFFFD, 0xFFFD),  # replacement character
]


def standard_characters(unihan_dir):
    """The 8,105 characters of the 通用规范汉字表 (Table of General Standard Chinese Characters)."""
    chars = set()
    for name in ("Unihan_OtherMappings.txt.bz2", "Unihan_OtherMappings.txt"):
        path = os.path.join(unihan_dir, name)
        if not os.path.exists(path):
            continue
        opener = bz2.open if name.endswith(".bz2") else open
        with opener(path, "rt", encoding="utf-8") as lines:
            for line in lines:
                fields = line.rstrip("\n").split("\t")
                if len(fields) >= 3 and fields[0].startswith("U+") and fields[1] == "kTGH":
                    chars.add(int(fields[0][2:], 16))
        break
    if len(chars) != 8105:
        sys.exit(f"subset-font.py: found {len(chars)} kTGH characters in {unihan_dir}, expected 8105: "
                 "install Debian's unicode-data (`apt-get install unicode-data`).")
    return chars


def characters_in_files(paths):
    chars = set()
    for path in paths:
        if not os.path.isfile(path):
            continue
        with open(path, "rb") as handle:
            text = handle.read().decode("utf-8", errors="ignore")
        chars.update(ord(c) for c in text if ord(c) >= 0x80)
    return chars


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--font", required=True)
    parser.add_argument("--index", type=int, default=2)
    parser.add_argument("--unihan", required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("text_files", nargs="*")
    args = parser.parse_args()
    if not os.path.exists(args.font):
        sys.exit(f"subset-font.py: {args.font} not found: install Debian's fonts-noto-cjk "
                 "(`apt-get install fonts-noto-cjk`).")

    wanted = standard_characters(args.unihan)
    for first, last in FIXED_RANGES:
        wanted.update(range(first, last + 1))
    from_texts = characters_in_files(args.text_files)
    wanted |= from_texts

    font = TTFont(args.font, fontNumber=args.index, lazy=False)
    family = font["name"].getDebugName(1)
    if "SC" not in (family or ""):
        sys.exit(f"subset-font.py: face {args.index} of {args.font} is '{family}', not Noto Sans CJK SC.")
    cmap = font.getBestCmap()
    missing_from_texts = sorted(c for c in from_texts if c not in cmap and c >= 0x20)
    missing_standard = sorted(c for c in standard_characters(args.unihan) if c not in cmap)
    if missing_standard:
        sys.exit(f"subset-font.py: the font lacks {len(missing_standard)} standard characters: wrong font?")
    keep = sorted(c for c in wanted if c in cmap)

    options = subset.Options()
    options.layout_features = []  # ImGui does no shaping: GSUB/GPOS would only pull in extra glyphs
    options.notdef_outline = True
    options.hinting = False  # ImGui's rasterizer ignores hints
    options.desubroutinize = False
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=keep)
    subsetter.subset(font)
    os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
    temporary = args.out + ".tmp"
    font.save(temporary)
    os.replace(temporary, args.out)

    print(f"subset-font.py: {len(keep)} characters ({len(from_texts)} non-ASCII in {len(args.text_files)} "
          f"text files), {os.path.getsize(args.out) / 1e6:.2f} MB -> {args.out}")
    if missing_from_texts:
        sample = "".join(chr(c) for c in missing_from_texts[:40])
        print(f"subset-font.py: {len(missing_from_texts)} characters from the texts are not in the font "
              f"(drawn through the browser's fonts instead): {sample}")


if __name__ == "__main__":
    main()
