#!/usr/bin/env python3
"""Finds user-facing Chinese written outside the string tables (issue 11 item 3).

Every word a user sees comes from a table: the screen's (src/ui/ui_strings.cpp), the core
vocabulary shared by the screen, CSV, report and CLI (src/core/vocabulary.cpp), and the message
tables listed in TABLES below (problem messages, the report's prose, the still-missing text).
Two rules, over the string literals of src/ (comments are skipped):

1. A literal holding a Han character outside TABLES and DATA is an error, unless its line (or
   the line above) carries the comment `lint-strings: allow` with a reason.
2. Words the vocabulary retired (RETIRED) may not appear in any literal, tables included: they
   are how the screen and the paper drifted apart before.

Usage: scripts/lint-strings.py [repo root]; exits 1 and prints file:line: text for each finding.
"""
import pathlib
import re
import sys

# Files whose literals are user-facing text tables (zh and en side by side).
TABLES = {
    "src/ui/ui_strings.cpp": "the screen's string table",
    "src/core/vocabulary.cpp": "the vocabulary: terms shared by screen, CSV, report and CLI",
    "src/core/problems.cpp": "problem messages",
    "src/core/load_batch.cpp": "problem messages of the JSON loader",
    "src/core/csv_import.cpp": "problem messages of the CSV reader",
    "src/core/workspace.cpp": "problem messages of the merge",
    "src/core/workspace_file.cpp": "problem messages of workspace files",
    "src/core/policy.cpp": "problem messages of policy files",
    "src/core/text_sniff.cpp": "problem messages for files that are not text",
    "src/core/partial.cpp": "problem messages of partial summaries",
    "src/core/field_limits.h": "the length-limit problem message",
    "src/core/metrics.cpp": "describe(): the still-missing sentences",
    "src/core/export.cpp": "the printed report's headings and prose (its terms come from the vocabulary)",
    "src/core/summary_json.cpp": "the --table title line (its column labels come from the vocabulary)",
    "src/core/remind.cpp": "the reminder message (催办名单): its headings and short forms",
    "src/core/xlsx_read.cpp": "problem messages of the Excel workbook reader",
    "src/core/xls_read.cpp": "problem messages of the .xls reader",
    "src/core/xlsx_import.cpp": "problem messages of the Excel import (which sheets were tried)",
    "src/core/xlsx_export.cpp": "the Excel workbook's sheet names and 说明 sheet (its column terms come from the vocabulary)",
}
# Files whose Chinese is data, not interface text.
DATA = {
    "src/core/catalog.cpp": "the 30 micro-abilities' official names",
    "src/core/generate.cpp": "demo district names and subjects",
    "src/core/csv_import.h": "CSV column names the reader accepts",
    "src/core/pinyin_table.h": "collation data",
}
# Owned elsewhere while this lint arrived: each is to move into ui_strings.cpp (lead's list).
# Empty now: the load notices, the Files window, the window title and the CLI's words moved.
PENDING = {}
RETIRED = {
    "进度得分": "推进得分",
    "组织与规划": "组织与方案",
    "临近截止": "临期",
    "记录错误": "记录跳过",
    "已拒绝": "未加载",
}
ALLOW = "lint-strings: allow"
HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


def literals(text):
    """(line, literal body) for each string literal, comments skipped; raw strings included."""
    i, line, n = 0, 1, len(text)
    while i < n:
        c = text[i]
        if c == "\n":
            line += 1
            i += 1
        elif text.startswith("//", i):
            j = text.find("\n", i)
            i = n if j < 0 else j
        elif text.startswith("/*", i):
            j = text.find("*/", i + 2)
            j = n if j < 0 else j + 2
            line += text.count("\n", i, j)
            i = j
        elif c == "R" and i + 1 < n and text[i + 1] == '"' and not (i and (text[i - 1].isalnum() or text[i - 1] == "_")):
            open_paren = text.find("(", i + 2)
            delim = text[i + 2:open_paren]
            close = text.find(")" + delim + '"', open_paren)
            close = n if close < 0 else close
            yield line, text[open_paren + 1:close]
            line += text.count("\n", i, close)
            i = close + len(delim) + 2
        elif c == '"' or c == "'":
            j = i + 1
            while j < n and text[j] != c and text[j] != "\n":
                j += 2 if text[j] == "\\" else 1
            if c == '"':
                yield line, text[i + 1:j]
            i = j + 1
        else:
            i += 1


def main():
    root = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else pathlib.Path(__file__).resolve().parent.parent)
    findings = []
    files = sorted(p for p in (root / "src").rglob("*") if p.suffix in (".cpp", ".h"))
    if not files:
        print(f"lint-strings: no sources under {root / 'src'}; pass the repository root", file=sys.stderr)
        return 2
    for path in files:
        rel = path.relative_to(root).as_posix()
        text = path.read_text(encoding="utf-8")
        lines = text.split("\n")
        exempt = rel in TABLES or rel in DATA or rel in PENDING
        for line, body in literals(text):
            for old, new in RETIRED.items():
                if old in body:
                    findings.append(f"{rel}:{line}: retired word {old!r} (the vocabulary says {new!r}): {body[:60]}")
            if exempt or not HAN.search(body):
                continue
            here = lines[line - 1] if line - 1 < len(lines) else ""
            above = lines[line - 2] if line >= 2 else ""
            if ALLOW in here or ALLOW in above:
                continue
            findings.append(f"{rel}:{line}: Chinese outside the string tables: {body[:60]!r} "
                            f"(move it to src/ui/ui_strings.cpp or src/core/vocabulary.cpp)")
    for f in findings:
        print(f)
    stale = [rel for rel in list(TABLES) + list(DATA) + list(PENDING) if not (root / rel).exists()]
    for rel in stale:
        print(f"lint-strings: {rel} is listed but no longer exists: remove it from scripts/lint-strings.py")
    print(f"lint-strings: {len(files)} files, {len(findings)} findings, {len(PENDING)} files pending")
    return 1 if findings or stale else 0


if __name__ == "__main__":
    sys.exit(main())
