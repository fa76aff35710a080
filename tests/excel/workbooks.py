#!/usr/bin/python3
"""Makes the Excel test inputs reproducibly (nothing binary is committed) and checks the exports.

  workbooks.py make GEN_DIR OUT_DIR    platform rows from `it2 generate` files, written as the same
                                       rows in platform.csv (UTF-8), platform-gbk.csv (GB18030),
                                       platform.xlsx (openpyxl) and platform.xls (xlwt)
  workbooks.py bad OUT_DIR             broken workbooks: zip bombs, a missing sheet, a wrong header
  workbooks.py roundtrip BOOK.xlsx TEACHERS.csv SUMMARY.json
                                       the export read with openpyxl equals the CSV export and the
                                       JSON summary
  workbooks.py same A.json B.json      two `it2 summarize --json` outputs equal but for file names
  workbooks.py schools BOOK.xlsx SCHOOLS.csv
                                       the 学校 sheet equals the page's CSV export of the district
                                       table (it2.exportCsv("schools")): the same columns, the
                                       forecast's included, and the same cells

Debian's python3-openpyxl and python3-xlwt (run-tests.sh installs them); run with /usr/bin/python3.
"""
import csv
import datetime
import io
import json
import pathlib
import sys
import zipfile

import openpyxl

STATUS = {"selected": "已选", "submitted": "已提交", "graded": "已评审"}


def platform_rows(gen_dir):
    """One row per teacher, the columns of docs/csv-import.md, from it2-batch files."""
    rows, most = [], 0
    for path in sorted(pathlib.Path(gen_dir).glob("*.json")):
        batch = json.loads(path.read_text(encoding="utf-8"))
        for t in batch["teachers"]:
            b = batch["batch"]
            row = [batch["school"]["id"], batch["school"]["name"], b["id"], t["id"], t["name"],
                   t.get("subject", ""), t["hours"]["online"], t["hours"]["practice"],
                   datetime.date.fromisoformat(b["start"]), datetime.date.fromisoformat(b["end"])]
            for p in t["points"]:
                row += [p["code"], STATUS[p["status"]], p.get("grade", "")]
            most = max(most, len(t["points"]))
            rows.append(row)
    header = ["学校编号", "学校名称", "批次", "教师编号", "姓名", "学科", "在线学时", "实践学时", "开始日期", "结束日期"]
    for i in range(1, most + 1):
        header += [f"能力点{i}", f"状态{i}", f"等级{i}"]
    return header, rows


def text(v):
    if isinstance(v, datetime.date):
        return v.isoformat()
    return ("%g" % v) if isinstance(v, float) else str(v)


def make(gen_dir, out_dir):
    out = pathlib.Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    header, rows = platform_rows(gen_dir)
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(header)
    for r in rows:
        w.writerow([text(v) for v in r])
    (out / "platform.csv").write_bytes(b"\xef\xbb\xbf" + buf.getvalue().encode("utf-8"))
    (out / "platform-gbk.csv").write_bytes(buf.getvalue().encode("gb18030"))

    # .xlsx: a cover sheet without the header first (the import must skip it), ids and hours as
    # numbers and the batch dates as date cells, as platforms write them.
    wb = openpyxl.Workbook()
    cover = wb.active
    cover.title = "封面"
    cover.append(["教师培训名单（平台导出）"])
    sheet = wb.create_sheet("名单")
    sheet.append(header)
    for r in rows:
        sheet.append([int(v) if i == 3 and str(v).isdigit() else v for i, v in enumerate(r)])
    wb.save(out / "platform.xlsx")

    import xlwt  # Debian's python3-xlwt: Excel 97–2003 (BIFF8)
    book = xlwt.Workbook(encoding="utf-8")
    s = book.add_sheet("名单")
    date_style = xlwt.easyxf(num_format_str="YYYY-MM-DD")
    for c, v in enumerate(header):
        s.write(0, c, v)
    for r, row in enumerate(rows, start=1):
        for c, v in enumerate(row):
            if isinstance(v, datetime.date):
                s.write(r, c, v, date_style)
            elif v != "":
                s.write(r, c, v)
    book.save(str(out / "platform.xls"))
    print(f"made {len(rows)} rows in platform.csv, platform-gbk.csv, platform.xlsx, platform.xls")


def write_zip(path, parts, big=None):
    """A workbook zip from {name: bytes}; `big` = (name, megabytes) streams that many MB of spaces."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        for name, data in parts.items():
            z.writestr(name, data)
        if big:
            with z.open(big[0], "w", force_zip64=False) as f:
                chunk = b" " * (1 << 20)
                for _ in range(big[1]):
                    f.write(chunk)


def bad(out_dir):
    out = pathlib.Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    wb = openpyxl.Workbook()
    wb.active.title = "名单"
    wb.active.append(["学校编号", "教师编号", "姓名"])
    wb.active.append(["500110-0001", "1", "王"])
    wb.save(out / "good.xlsx")
    with zipfile.ZipFile(out / "good.xlsx") as z:
        parts = {n: z.read(n) for n in z.namelist()}
    sheet = "xl/worksheets/sheet1.xml"
    # A zip bomb: the sheet inflates to 300 MB (over the 256 MB a part may have).
    write_zip(out / "bomb.xlsx", {n: d for n, d in parts.items() if n != sheet}, (sheet, 300))
    # Under the size limit but compressed over 200:1.
    write_zip(out / "ratio-bomb.xlsx", {n: d for n, d in parts.items() if n != sheet}, (sheet, 64))
    # The workbook names a sheet whose part is missing.
    write_zip(out / "missing-sheet.xlsx", {n: d for n, d in parts.items() if n != sheet})
    # Every sheet without the 教师编号 header.
    wrong = openpyxl.Workbook()
    wrong.active.title = "汇总"
    wrong.active.append(["学校", "人数"])
    wrong.create_sheet("备注").append(["无"])
    wrong.save(out / "wrong-header.xlsx")
    # Cut in half (an interrupted download).
    data = (out / "good.xlsx").read_bytes()
    (out / "truncated.xlsx").write_bytes(data[: len(data) // 2])
    print("made bomb.xlsx, ratio-bomb.xlsx, missing-sheet.xlsx, wrong-header.xlsx, truncated.xlsx")


def same_number(cell, text_value):
    if isinstance(cell, (int, float)) and not isinstance(cell, bool):
        return abs(cell - float(text_value)) < 1e-9
    return (cell or "") == text_value


def roundtrip(book_path, teachers_csv, summary_json):
    failures = []
    wb = openpyxl.load_workbook(book_path)
    names = wb.sheetnames
    if names != ["说明", "学校", "教师", "问题"]:
        failures.append(f"sheet names {names}")
    summary = json.loads(pathlib.Path(summary_json).read_text(encoding="utf-8"))
    about = {r[0]: r[1] for r in wb["说明"].iter_rows(values_only=True) if r and r[0]}
    if about.get("数据日期") != summary["as_of"]:
        failures.append(f"说明 sheet date {about.get('数据日期')!r}, summary {summary['as_of']!r}")
    for name in ["学校", "教师", "问题"]:
        if wb[name].freeze_panes != "A2":
            failures.append(f"{name}: header row not frozen ({wb[name].freeze_panes})")

    # 教师 equals `it2 summarize --csv`, cell by cell (numbers as numbers).
    with open(teachers_csv, encoding="utf-8-sig", newline="") as f:
        csv_rows = list(csv.reader(f))
    sheet_rows = [list(r) for r in wb["教师"].iter_rows(values_only=True)]
    if len(sheet_rows) != len(csv_rows):
        failures.append(f"教师: {len(sheet_rows)} rows, CSV {len(csv_rows)}")
    cells = 0
    for i, (a, b) in enumerate(zip(sheet_rows, csv_rows)):
        b = b + [""] * (len(a) - len(b))
        for j, (x, y) in enumerate(zip(a, b)):
            cells += 1
            if not same_number(x, y):
                failures.append(f"教师 row {i + 1} column {j + 1}: sheet {x!r}, CSV {y!r}")
    # Hours are numbers, not text.
    if not isinstance(sheet_rows[1][7], (int, float)):
        failures.append(f"教师: 在线学时 is {type(sheet_rows[1][7]).__name__}, not a number")

    # 学校: rates are numbers in a percent format equal to the JSON summary's.
    ws = wb["学校"]
    header = [c.value for c in ws[1]]
    keys = {"参训率": "participation_rate", "学时达标率": "hours_rate", "提交率": "submission_rate",
            "合格率": "pass_rate", "优秀率": "excellence_rate"}
    by_id = {s["id"]: s for s in summary["schools"]}
    for row in ws.iter_rows(min_row=2):
        school = by_id.get(row[0].value)
        if school is None:
            continue  # the district row
        for label, key in keys.items():
            cell = row[header.index(label)]
            want = school[key]
            if want is None:
                ok = cell.value is None
            else:
                ok = isinstance(cell.value, float) or isinstance(cell.value, int)
                ok = ok and abs(cell.value - want) < 1e-9 and "%" in cell.number_format
            if not ok:
                failures.append(f"学校 {school['id']} {label}: {cell.value!r} ({cell.number_format}), JSON {want!r}")
        cells += 5
    # Widths fitted to Chinese text: the school-name column is at least as wide as its longest name
    # (a Chinese character takes two width units).
    longest = max(sum(2 if ord(ch) > 0x2E80 else 1 for ch in (r[1].value or "")) for r in ws.iter_rows(min_row=2))
    width = ws.column_dimensions["B"].width
    if not width or width < longest:
        failures.append(f"学校: column B width {width}, longest name needs {longest}")
    # The forecast columns (预计完成, 预计未达标, 近7天合格) equal the JSON summary's forecast.
    forecast_cells = 0
    late_word, done_word = "无法按期完成", "已完成"
    for row in ws.iter_rows(min_row=2, values_only=True):
        got = dict(zip(header, row))
        school = by_id.get(got["学校编号"])
        f = school["forecast"] if school else summary["district"]["forecast"]
        if got.get("近7天合格") != f["new_passed_7d"]:
            failures.append(f"学校 {got['学校编号']} 近7天合格: {got.get('近7天合格')!r}, JSON {f['new_passed_7d']!r}")
        if school is None:
            want_finish, want_short = None, f["projected_unpassed"]
        else:
            is_open = any(b["state"] in ("done", "on_track", "late") for b in f["batches"])
            want_finish = None if not is_open else late_word if f["late"] else f["finish"] or done_word
            want_short = f["projected_unpassed"] if is_open else None
        if (got.get("预计完成") or None) != want_finish or got.get("预计未达标") != want_short:
            failures.append(f"学校 {got['学校编号']} 预计完成 / 预计未达标: {got.get('预计完成')!r} / "
                            f"{got.get('预计未达标')!r}, JSON {want_finish!r} / {want_short!r}")
        forecast_cells += 3
    cells += forecast_cells
    problems = wb["问题"].max_row - 1
    if problems != len(summary["problems"]):
        failures.append(f"问题: {problems} rows, summary has {len(summary['problems'])}")
    for f in failures[:20]:
        print("FAIL", f)
    print(f"roundtrip: {cells} cells compared, {len(failures)} differences")
    return 1 if failures else 0


def schools(book_path, csv_path):
    """The 学校 sheet against the page's CSV of the district table (rows in the page's order)."""
    failures = []
    ws = openpyxl.load_workbook(book_path)["学校"]
    sheet = [list(r) for r in ws.iter_rows(values_only=True)]
    with open(csv_path, encoding="utf-8-sig", newline="") as f:
        page = list(csv.reader(f))
    if sheet[0] != page[0]:
        failures.append(f"header: sheet {sheet[0]}, CSV {page[0]}")
    for name in ("近7天合格", "预计完成", "预计未达标"):
        if name not in page[0]:
            failures.append(f"the CSV lacks the column {name}")
    by_id = {r[0]: r for r in sheet[1:]}
    if len(page) - 1 != len(sheet) - 2:  # the sheet ends with the district row
        failures.append(f"{len(page) - 1} CSV rows, {len(sheet) - 2} schools in the sheet")
    compared = 0
    for row in page[1:]:
        want = by_id.get(row[0])
        if want is None:
            failures.append(f"school {row[0]} is not in the sheet")
            continue
        for j, (text_value, cell) in enumerate(zip(row, want)):
            compared += 1
            fmt = ws.cell(row=2, column=j + 1).number_format
            if cell is None:
                ok = text_value in ("", "—")
            elif isinstance(cell, (int, float)) and "%" in fmt:
                ok = text_value == f"{cell * 100:.1f}%"
            elif isinstance(cell, (int, float)):
                ok = same_number(cell, text_value)
            else:
                ok = str(cell) == text_value
            if not ok:
                failures.append(f"school {row[0]} column {page[0][j]}: sheet {cell!r}, CSV {text_value!r}")
    for f in failures[:20]:
        print("FAIL", f)
    print(f"schools: {compared} cells compared, {len(failures)} differences")
    return 1 if failures else 0


def same(a_path, b_path):
    a, b = (json.loads(pathlib.Path(p).read_text(encoding="utf-8")) for p in (a_path, b_path))
    for d in (a, b):
        d.pop("files", None)
        for p in d.get("problems", []):
            p.pop("file", None)
    if a == b:
        print(f"same summary: {a_path} and {b_path}")
        return 0
    for key in a:
        if a.get(key) != b.get(key):
            print(f"FAIL {key} differs: {json.dumps(a.get(key), ensure_ascii=False)[:300]} vs "
                  f"{json.dumps(b.get(key), ensure_ascii=False)[:300]}")
    return 1


if __name__ == "__main__":
    cmd, args = sys.argv[1], sys.argv[2:]
    if cmd == "make":
        make(*args)
    elif cmd == "bad":
        bad(*args)
    elif cmd == "roundtrip":
        sys.exit(roundtrip(*args))
    elif cmd == "schools":
        sys.exit(schools(*args))
    elif cmd == "same":
        sys.exit(same(*args))
    else:
        sys.exit(f"unknown command {cmd}")
