#!/usr/bin/env bash
# The printed report (issue 12 item 1): the demo district's report and one school's, printed to
# PDF by Chromium as a user prints them (A4), then looked at page by page:
#   - no page is mostly empty (every page but the last is inked down to at least 60 % of its
#     printable height, and at least 25 % of its printable rows carry ink; the last page at
#     least 8 %);
#   - nothing is clipped at the right edge (no ink in the outer 4 mm of an A4 portrait page);
#   - every page has its footer: "第 N 页，共 M 页" and the data date;
#   - no JSON pointer in the report body (only in the appendix for technical readers, and there
#     they are);
#   - the school report fits 1–2 pages;
#   - its 催办名单 is the text `it2 remind` writes (district: every school's block; school: its own).
# Usage: tests/report/run.sh   (IT2=path/to/it2, CHROMIUM=path/to/chromium to use others).
# Ends with "N passed, N failed"; the PDFs and page images stay in build/report-test/.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
it2=${IT2:-$root/build/native/it2}
chromium=${CHROMIUM:-/usr/bin/chromium}
work=$root/build/report-test
school=500110-0004

if [[ ! -x $it2 ]]; then
    echo "tests/report: $it2 not found: build it first with 'cmake --preset native && cmake --build --preset native'" >&2
    exit 2
fi
[[ -x $chromium ]] || { echo "tests/report: $chromium not found: apt-get install chromium" >&2; exit 2; }
for tool in pdftoppm pdfinfo pdftotext pdffonts python3; do
    command -v "$tool" >/dev/null || { echo "tests/report: needs $tool (apt-get install poppler-utils python3)" >&2; exit 2; }
done

# Without a Chinese font Chromium prints every Chinese character as a box (it happened on a fresh
# machine where fonts-noto-cjk came later, with the page's build): say so instead of printing tofu.
if [[ -z $(fc-list :lang=zh family 2>/dev/null) ]]; then
    echo "tests/report: no Chinese font on this machine: apt-get install fonts-noto-cjk" >&2
    exit 2
fi

rm -rf "$work"
mkdir -p "$work"

# it2 exits 1 when the input has problems (the demo district has a few on purpose).
report() {  # report OUT.html [--school ID]
    local out=$1 status=0
    shift
    "$it2" summarize --report "$@" "$root/data/demo/" >"$out" || status=$?
    if (( status > 1 )); then echo "tests/report: it2 summarize --report failed ($status)" >&2; exit 2; fi
}
report "$work/district.html"
report "$work/school.html" --school "$school"
remind() {  # remind OUT.txt [--school ID]: what a trainer pastes, to compare with the report's list
    local out=$1 status=0
    shift
    "$it2" remind "$@" "$root/data/demo/" >"$out" 2>/dev/null || status=$?
    if (( status > 1 )); then echo "tests/report: it2 remind failed ($status)" >&2; exit 2; fi
}
remind "$work/district.remind.txt"
remind "$work/school.remind.txt" --school "$school"

print_pdf() {  # print_pdf NAME: NAME.html → NAME.pdf, NAME-N.pgm (one image per page)
    "$chromium" --headless --no-sandbox --disable-gpu --no-first-run --disable-background-networking \
        --disable-component-update --disable-sync --no-pdf-header-footer \
        --print-to-pdf="$work/$1.pdf" "file://$work/$1.html" >"$work/$1.chromium.log" 2>&1 || true
    [[ -s $work/$1.pdf ]] || { echo "tests/report: Chromium printed no PDF (see $work/$1.chromium.log)" >&2; exit 2; }
    pdftoppm -r 50 -gray "$work/$1.pdf" "$work/$1"
    pdftotext -layout "$work/$1.pdf" "$work/$1.txt"
}
print_pdf district
print_pdf school

python3 - "$work" <<'EOF'
import html as html_lib, pathlib, re, sys

work = pathlib.Path(sys.argv[1])
passed = failed = 0

def check(name, ok, detail=""):
    global passed, failed
    if ok:
        passed += 1
        print(f"ok   {name}")
    else:
        failed += 1
        print(f"FAIL {name}{': ' + detail if detail else ''}")

import subprocess
for name in ("district", "school"):
    # DejaVu has no Chinese glyphs: a PDF set only in DejaVu shows every Chinese character as a box.
    fonts = subprocess.run(["pdffonts", str(work / f"{name}.pdf")], capture_output=True, text=True).stdout.splitlines()[2:]
    cjk = [f for f in fonts if "DejaVu" not in f]
    check(f"{name}: Chinese printed with a font that has Chinese glyphs (not only DejaVu)", bool(cjk),
          "fonts: " + "; ".join(sorted({f.split()[0] for f in fonts})))

def read_pgm(path):
    data = path.read_bytes()
    fields, at = [], 0
    while len(fields) < 4:  # P5 width height maxval, separated by whitespace
        while data[at:at + 1].isspace():
            at += 1
        end = at
        while not data[end:end + 1].isspace():
            end += 1
        fields.append(data[at:end])
        at = end
    assert fields[0] == b"P5", path
    width, height = int(fields[1]), int(fields[2])
    pixels = data[at + 1:]
    return width, height, [pixels[y * width:(y + 1) * width] for y in range(height)]

MM = 50 / 25.4          # pixels per millimetre at -r 50
TOP, BOTTOM = 13, 15    # the report's @page margins (mm); the footer lives in the bottom one
DARK = 200              # a pixel darker than this is ink

def pages(name):
    return sorted(work.glob(f"{name}-*.pgm"), key=lambda p: int(p.stem.rsplit("-", 1)[1]))

def look(name, expect_max_pages=None):
    files = pages(name)
    check(f"{name}: printed ({len(files)} pages)", len(files) > 0)
    if expect_max_pages:
        check(f"{name}: fits {expect_max_pages} pages", 0 < len(files) <= expect_max_pages, f"{len(files)} pages")
    text = (work / f"{name}.txt").read_text()
    for number, path in enumerate(files, 1):
        width, height, rows = read_pgm(path)
        check(f"{name} page {number}: A4 portrait", abs(width / height - 210 / 297) < 0.01, f"{width}x{height}")
        top, bottom = int(TOP * MM), height - int(BOTTOM * MM)
        inked = [y for y in range(top, bottom) if min(rows[y]) < DARK]
        body = bottom - top
        extent = (inked[-1] - top + 1) / body if inked else 0
        coverage = len(inked) / body
        last = number == len(files)
        need_extent, need_coverage = (0.08, 0.03) if last else (0.60, 0.25)
        check(f"{name} page {number}: not mostly empty (inked to {extent:.0%} of the page, {coverage:.0%} of rows)",
              extent >= need_extent and coverage >= need_coverage,
              f"needs {need_extent:.0%} and {need_coverage:.0%}")
        edge = int(4 * MM)
        clipped = [y for y in range(height) if min(rows[y][width - edge:]) < DARK or min(rows[y][:edge]) < DARK]
        check(f"{name} page {number}: nothing reaches the paper's edge (clipped)", not clipped,
              f"ink in the outer 4 mm on {len(clipped)} rows")
        footer = f"第 {number} 页，共 {len(files)} 页"
        check(f"{name} page {number}: footer with page number and data date",
              re.sub(r"\s+", " ", text).count(footer) == 1 and "数据截至" in text.split("\f")[number - 1],
              f"wanted '{footer}'")

POINTER = re.compile(r"(?<![\w.])/(teachers|activities|school|batch|district|rows|format|version)\b(/[^\s<\"]*)?")

def no_pointer_in_body(name):
    html = (work / f"{name}.html").read_text()
    body = re.sub(r"<style>.*?</style>", "", html, flags=re.S)
    appendix = re.search(r'<section class="appendix".*?</section>', body, flags=re.S)
    outside = body.replace(appendix.group(0), "") if appendix else body
    found = POINTER.findall(outside)
    check(f"{name}: no JSON pointer in the report body", not found, f"found {found[:3]}")
    return appendix.group(0) if appendix else ""

def reminders_match(name, expect_schools):
    page = (work / f"{name}.html").read_text()
    blocks = re.findall(r'<div class="reminder" data-school="([^"]*)">(.*?)</div>', page, flags=re.S)
    report_text = "\n\n".join(html_lib.unescape(text) for _, text in blocks)
    remind_text = (work / f"{name}.remind.txt").read_text().rstrip("\n")
    check(f"{name}: the 催办名单 has {expect_schools} ({len(blocks)} blocks)", len(blocks) >= 1 and
          (expect_schools != "one school" or len(blocks) == 1))
    check(f"{name}: the 催办名单 is the text of it2 remind ({len(remind_text)} characters)",
          report_text == remind_text and remind_text.startswith("【催办名单】"),
          f"report {len(report_text)} characters, it2 remind {len(remind_text)}")

look("district")
reminders_match("district", "a block per school")
appendix = no_pointer_in_body("district")
check("district: the pointers are in the appendix for technical readers",
      "/teachers/20/hours/practice" in appendix)
check("district: problems in people's words (school, teacher name and id, field)",
      "綦江区营盘山小学，第 21 位教师（程浩健，50011000201）的实践学时" in (work / "district.html").read_text())
look("school", expect_max_pages=2)
reminders_match("school", "one school")
no_pointer_in_body("school")

print(f"{passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
EOF
