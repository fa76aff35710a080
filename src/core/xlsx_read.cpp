#include "xlsx_read.h"

#include "dates.h"

#include <expat.h>
#include <zlib.h>

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <map>
#include <memory>

namespace it2 {

namespace {

bool ends_with_ci(std::string_view s, std::string_view tail) {
    if (s.size() < tail.size()) return false;
    for (size_t i = 0; i < tail.size(); ++i) {
        char a = s[s.size() - tail.size() + i];
        if (a >= 'A' && a <= 'Z') a = char(a - 'A' + 'a');
        if (a != tail[i]) return false;
    }
    return true;
}

uint32_t le16(std::string_view b, size_t at) { return uint32_t(uint8_t(b[at])) | uint32_t(uint8_t(b[at + 1])) << 8; }
uint32_t le32(std::string_view b, size_t at) { return le16(b, at) | le16(b, at + 2) << 16; }

// ---- zip: the central directory, stored and deflated entries ------------------------------------

struct ZipEntry {
    uint16_t method = 0;
    uint32_t crc = 0;
    size_t compressed = 0, size = 0, local_offset = 0;
};

struct Zip {
    std::map<std::string, ZipEntry> entries;
    std::string error_zh, error_en;
};

Zip open_zip(std::string_view b) {
    Zip zip;
    auto fail = [&](const char* zh, const char* en) {
        zip.error_zh = zh;
        zip.error_en = en;
        zip.entries.clear();
        return zip;
    };
    if (b.size() < 22) return fail("文件太短，不是完整的 .xlsx 工作簿", "too short to be a whole .xlsx workbook");
    size_t eocd = std::string_view::npos;
    const size_t lowest = b.size() > 22 + 65535 ? b.size() - 22 - 65535 : 0;
    for (size_t at = b.size() - 22 + 1; at-- > lowest;)
        if (le32(b, at) == 0x06054b50) {
            eocd = at;
            break;
        }
    if (eocd == std::string_view::npos)
        return fail("找不到 zip 目录：.xlsx 文件不完整（下载或复制中断？）",
                    "no zip directory: the .xlsx file is incomplete (an interrupted download or copy?)");
    const size_t count = le16(b, eocd + 10);
    const size_t dir_size = le32(b, eocd + 12), dir_at = le32(b, eocd + 16);
    if (dir_at > b.size() || dir_size > b.size() - dir_at)
        return fail("zip 目录超出文件末尾：.xlsx 文件不完整", "the zip directory runs past the end: the .xlsx file is incomplete");
    size_t at = dir_at;
    for (size_t i = 0; i < count; ++i) {
        if (at + 46 > b.size() || le32(b, at) != 0x02014b50)
            return fail("zip 目录已损坏", "the zip directory is damaged");
        ZipEntry e;
        e.method = uint16_t(le16(b, at + 10));
        e.crc = le32(b, at + 16);
        e.compressed = le32(b, at + 20);
        e.size = le32(b, at + 24);
        const size_t name_len = le16(b, at + 28), extra_len = le16(b, at + 30), comment_len = le16(b, at + 32);
        e.local_offset = le32(b, at + 42);
        if (at + 46 + name_len > b.size()) return fail("zip 目录已损坏", "the zip directory is damaged");
        std::string name(b.substr(at + 46, name_len));
        if (e.compressed == 0xFFFFFFFFu || e.size == 0xFFFFFFFFu || e.local_offset == 0xFFFFFFFFu)
            return fail("工作簿使用了 ZIP64（超过 4 GB 的部件），不支持", "the workbook uses ZIP64 (parts over 4 GB): not supported");
        zip.entries[name] = e;
        at += 46 + name_len + extra_len + comment_len;
    }
    return zip;
}

// The bytes of one entry, inflated within the limits; false with a message when it cannot be.
bool read_entry(std::string_view b, const ZipEntry& e, const std::string& name, const WorkbookLimits& limits,
                size_t& total, std::string& out, std::string& error_zh, std::string& error_en) {
    if (e.size > limits.max_part_bytes || total + e.size > limits.max_total_bytes ||
        (e.size > (size_t(1) << 20) && e.size / std::max<size_t>(e.compressed, 1) > limits.max_ratio)) {
        error_zh = "工作簿部件 " + name + " 解压后 " + std::to_string(e.size >> 20) +
                   " MB，超过上限（单个部件 " + std::to_string(limits.max_part_bytes >> 20) + " MB、共 " +
                   std::to_string(limits.max_total_bytes >> 20) + " MB、压缩比 " + std::to_string(limits.max_ratio) +
                   "）：可能是压缩炸弹，未读取";
        error_en = "workbook part " + name + " is " + std::to_string(e.size >> 20) + " MB uncompressed, over the limits (" +
                   std::to_string(limits.max_part_bytes >> 20) + " MB a part, " +
                   std::to_string(limits.max_total_bytes >> 20) + " MB in all, ratio " + std::to_string(limits.max_ratio) +
                   "): possibly a zip bomb; not read";
        return false;
    }
    auto damaged = [&] {
        error_zh = "工作簿部件 " + name + " 已损坏，无法解压";
        error_en = "workbook part " + name + " is damaged and cannot be decompressed";
        return false;
    };
    const size_t lh = e.local_offset;
    if (lh + 30 > b.size() || le32(b, lh) != 0x04034b50) return damaged();
    const size_t data_at = lh + 30 + le16(b, lh + 26) + le16(b, lh + 28);
    if (data_at > b.size() || e.compressed > b.size() - data_at) return damaged();
    std::string_view data = b.substr(data_at, e.compressed);
    out.assign(e.size, '\0');
    if (e.method == 0) {
        if (e.compressed != e.size) return damaged();
        std::memcpy(out.data(), data.data(), e.size);
    } else if (e.method == 8) {
        z_stream z{};
        if (inflateInit2(&z, -MAX_WBITS) != Z_OK) return damaged();
        z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
        z.avail_in = uInt(data.size());
        z.next_out = reinterpret_cast<Bytef*>(out.data());
        z.avail_out = uInt(out.size());
        // The output buffer is the declared size: a stream that would inflate further stops here.
        const int rc = inflate(&z, Z_FINISH);
        const size_t produced = z.total_out;
        inflateEnd(&z);
        if (rc != Z_STREAM_END || produced != e.size) return damaged();
    } else {
        error_zh = "工作簿部件 " + name + " 使用了不支持的压缩方式 " + std::to_string(e.method);
        error_en = "workbook part " + name + " uses an unsupported compression method " + std::to_string(e.method);
        return false;
    }
    if (crc32(0L, reinterpret_cast<const Bytef*>(out.data()), uInt(out.size())) != e.crc) return damaged();
    total += e.size;
    return true;
}

// ---- XML: one expat parse with element callbacks ------------------------------------------------

std::string_view local_name(const char* name) {  // "main|c" (namespace-separated) → "c"
    std::string_view n(name);
    size_t bar = n.rfind('|');
    return bar == std::string_view::npos ? n : n.substr(bar + 1);
}

const char* attribute(const char** attrs, std::string_view name) {
    for (size_t i = 0; attrs[i]; i += 2)
        if (local_name(attrs[i]) == name) return attrs[i + 1];
    return nullptr;
}

struct XmlHandler {
    virtual ~XmlHandler() = default;
    virtual void start(std::string_view name, const char** attrs) = 0;
    virtual void end(std::string_view name) = 0;
    virtual void text(const char* s, int len) = 0;
    bool stop = false;  // a limit was reached
};

bool parse_xml(const std::string& xml, XmlHandler& handler) {
    // Workbook parts never have a document type: refusing one avoids entity expansion entirely.
    if (xml.find("<!DOCTYPE") != std::string::npos || xml.find("<!ENTITY") != std::string::npos) return false;
    XML_Parser p = XML_ParserCreateNS("UTF-8", '|');
    if (!p) return false;
    XML_SetUserData(p, &handler);
    XML_SetElementHandler(
        p,
        [](void* h, const XML_Char* name, const XML_Char** attrs) {
            static_cast<XmlHandler*>(h)->start(local_name(name), attrs);
        },
        [](void* h, const XML_Char* name) { static_cast<XmlHandler*>(h)->end(local_name(name)); });
    XML_SetCharacterDataHandler(p, [](void* h, const XML_Char* s, int len) { static_cast<XmlHandler*>(h)->text(s, len); });
    bool ok = true;
    const size_t chunk = size_t(1) << 24;
    for (size_t at = 0; ok && at < xml.size() && !handler.stop; at += chunk) {
        const size_t n = std::min(chunk, xml.size() - at);
        ok = XML_Parse(p, xml.data() + at, int(n), at + n == xml.size()) == XML_STATUS_OK;
    }
    if (ok && xml.empty()) ok = XML_Parse(p, "", 0, 1) == XML_STATUS_OK;
    XML_ParserFree(p);
    return ok;
}

struct SheetRef {
    std::string name, rel_id, path;
};

struct WorkbookXml : XmlHandler {
    std::vector<SheetRef> sheets;
    bool date1904 = false;
    void start(std::string_view name, const char** attrs) override {
        if (name == "workbookPr") {
            const char* d = attribute(attrs, "date1904");
            date1904 = d && (std::string_view(d) == "1" || std::string_view(d) == "true");
        }
        if (name != "sheet") return;
        const char* n = attribute(attrs, "name");
        const char* id = attribute(attrs, "id");  // r:id
        sheets.push_back({n ? n : "", id ? id : "", ""});
    }
    void end(std::string_view) override {}
    void text(const char*, int) override {}
};

struct RelsXml : XmlHandler {
    std::map<std::string, std::string> targets;  // Id → Target
    std::string shared_strings;
    void start(std::string_view name, const char** attrs) override {
        if (name != "Relationship") return;
        const char* id = attribute(attrs, "Id");
        const char* target = attribute(attrs, "Target");
        const char* type = attribute(attrs, "Type");
        if (id && target) targets[id] = target;
        if (type && target && ends_with_ci(type, "/sharedstrings")) shared_strings = target;
    }
    void end(std::string_view) override {}
    void text(const char*, int) override {}
};

struct SharedStringsXml : XmlHandler {
    std::vector<std::string> strings;
    int in_si = 0, in_t = 0, in_rph = 0;
    void start(std::string_view name, const char**) override {
        if (name == "si") in_si = 1, strings.emplace_back();
        else if (name == "t") ++in_t;
        else if (name == "rPh") ++in_rph;  // phonetic guide (furigana/pinyin): not the cell's text
    }
    void end(std::string_view name) override {
        if (name == "si") in_si = 0;
        else if (name == "t") --in_t;
        else if (name == "rPh") --in_rph;
    }
    void text(const char* s, int len) override {
        if (in_si && in_t > 0 && in_rph == 0) strings.back().append(s, size_t(len));
    }
};

// Which cell styles show a date: a number cell in such a style is a date serial (days since
// 1899-12-30, or 1904-01-01), written back as YYYY-MM-DD like a CSV holds it.
struct StylesXml : XmlHandler {
    std::map<int, std::string> custom;  // numFmtId → formatCode
    std::vector<int> xf_formats;        // cellXfs, in order: numFmtId
    int in_cell_xfs = 0;
    void start(std::string_view name, const char** attrs) override {
        if (name == "numFmt") {
            const char* id = attribute(attrs, "numFmtId");
            const char* code = attribute(attrs, "formatCode");
            if (id && code) custom[std::atoi(id)] = code;
        } else if (name == "cellXfs") {
            ++in_cell_xfs;
        } else if (name == "xf" && in_cell_xfs) {
            const char* id = attribute(attrs, "numFmtId");
            xf_formats.push_back(id ? std::atoi(id) : 0);
        }
    }
    void end(std::string_view name) override {
        if (name == "cellXfs") --in_cell_xfs;
    }
    void text(const char*, int) override {}

    bool is_date_style(long style) const {
        if (style < 0 || size_t(style) >= xf_formats.size()) return false;
        const int id = xf_formats[size_t(style)];
        // Built-in date formats, the Chinese locale's included (27–36, 50–58).
        if ((id >= 14 && id <= 17) || id == 22 || (id >= 27 && id <= 36) || (id >= 50 && id <= 58)) return true;
        auto it = custom.find(id);
        if (it == custom.end()) return false;
        bool quoted = false, bracket = false;
        for (char c : it->second) {  // y, m-with-d or d outside quotes and [colour]/[$-804] parts
            if (c == '"') quoted = !quoted;
            else if (!quoted && c == '[') bracket = true;
            else if (!quoted && c == ']') bracket = false;
            else if (!quoted && !bracket && (c == 'y' || c == 'Y' || c == 'd' || c == 'D')) return true;
        }
        return false;
    }
};

std::string date_text(double serial, bool date1904) {
    if (!(serial >= 1 && serial < 2958466)) return workbook_number_text(serial);  // up to 9999-12-31
    long days = long(std::floor(serial));
    const double fraction = serial - double(days);
    // Day 0 of the 1900 system is 1899-12-30 for serials after Excel's phantom 1900-02-29 (60).
    if (!date1904 && days < 60) ++days;
    const std::string day = iso_from_days(days + (date1904 ? 24107 : 0) - 25569);  // serial 25569 = 1970-01-01
    const long seconds = std::lround(fraction * 86400);
    if (seconds == 0 || seconds == 86400) return day;
    char buf[40];
    std::snprintf(buf, sizeof buf, " %02ld:%02ld:%02ld", seconds / 3600, seconds / 60 % 60, seconds % 60);
    return day + buf;
}

struct SheetXml : XmlHandler {
    const std::vector<std::string>* shared = nullptr;
    const StylesXml* styles = nullptr;
    bool date1904 = false;
    const WorkbookLimits* limits = nullptr;
    long style = -1;
    std::vector<CsvRecord> rows;
    size_t cells = 0;
    std::string error_zh, error_en;
    // The row and cell being read.
    bool in_row = false, in_cell = false, in_value = false, in_inline_t = false;
    int row_number = 0;
    size_t next_column = 0, column = 0;
    std::string type, value;
    CsvRecord row;

    void limit(std::string zh, std::string en) {
        error_zh = std::move(zh);
        error_en = std::move(en);
        stop = true;
    }

    void start(std::string_view name, const char** attrs) override {
        if (stop) return;
        if (name == "row") {
            in_row = true;
            const char* r = attribute(attrs, "r");
            row_number = r ? std::atoi(r) : row_number + 1;
            if (row_number <= 0) row_number = int(rows.empty() ? 1 : rows.back().number + 1);
            row = CsvRecord{};
            row.number = row.line = row_number;
            next_column = 0;
        } else if (name == "c" && in_row) {
            in_cell = true;
            column = next_column;
            if (const char* r = attribute(attrs, "r")) {
                size_t c = 0;
                for (const char* p = r; *p >= 'A' && *p <= 'Z' && c <= limits->max_columns + 1; ++p)
                    c = c * 26 + size_t(*p - 'A' + 1);
                if (c > 0) column = c - 1;
            }
            const char* t = attribute(attrs, "t");
            type = t ? t : "n";
            const char* st = attribute(attrs, "s");
            style = st ? std::atol(st) : -1;
            value.clear();
        } else if (name == "v" && in_cell) {
            in_value = true;
        } else if (name == "t" && in_cell) {
            in_inline_t = true;
        }
    }
    void end(std::string_view name) override {
        if (stop) return;
        if (name == "v") in_value = false;
        else if (name == "t") in_inline_t = false;
        else if (name == "c" && in_cell) {
            in_cell = false;
            next_column = column + 1;
            std::string text;
            if (type == "s") {
                const long index = value.empty() ? -1 : std::strtol(value.c_str(), nullptr, 10);
                if (index >= 0 && size_t(index) < shared->size()) text = (*shared)[size_t(index)];
            } else if (type == "n" && !value.empty()) {
                char* end_ptr = nullptr;
                const double v = std::strtod(value.c_str(), &end_ptr);
                text = !(end_ptr && *end_ptr == '\0') ? value
                       : styles->is_date_style(style) ? date_text(v, date1904)
                                                      : workbook_number_text(v);
            } else if (type == "b") {
                text = value == "1" ? "TRUE" : value == "0" ? "FALSE" : value;
            } else {
                text = value;  // str (a formula's text), inlineStr, e (an error such as #N/A)
            }
            if (text.empty()) return;
            if (column >= limits->max_columns)
                return limit("第 " + std::to_string(row_number) + " 行有超过第 " + std::to_string(limits->max_columns) +
                                 " 列的数据，工作表太宽，未读取",
                             "row " + std::to_string(row_number) + " has data beyond column " +
                                 std::to_string(limits->max_columns) + ": the sheet is too wide; not read");
            if (row.fields.size() <= column) {
                cells += column + 1 - row.fields.size();
                row.fields.resize(column + 1);
            }
            if (cells > limits->max_cells) {
                WorkbookRead too_many = too_many_cells(*limits);
                return limit(too_many.error_zh, too_many.error_en);
            }
            row.fields[column] = std::move(text);
        } else if (name == "row" && in_row) {
            in_row = false;
            if (!row.fields.empty()) rows.push_back(std::move(row));
        }
    }
    void text(const char* s, int len) override {
        if ((in_value || in_inline_t) && in_cell) value.append(s, size_t(len));
    }
};

std::string part_path(const std::string& target) {  // a relationship's target inside xl/
    if (!target.empty() && target[0] == '/') return target.substr(1);
    std::string path = "xl/" + target;
    for (size_t dots; (dots = path.find("/../")) != std::string::npos;) {
        size_t slash = path.rfind('/', dots == 0 ? 0 : dots - 1);
        path.erase(slash == std::string::npos ? 0 : slash, dots + 3 - (slash == std::string::npos ? 0 : slash));
    }
    return path;
}

}  // namespace

std::string workbook_number_text(double value) {
    char buf[40];
    if (std::isfinite(value) && std::fabs(value) < 1e15 && value == std::floor(value))
        std::snprintf(buf, sizeof buf, "%.0f", value);
    else
        std::snprintf(buf, sizeof buf, "%.15g", value);
    return buf;
}

WorkbookRead workbook_failure(std::string zh, std::string en) {
    WorkbookRead out;
    out.error_zh = std::move(zh);
    out.error_en = std::move(en);
    return out;
}

WorkbookRead too_many_cells(const WorkbookLimits& limits) {
    return workbook_failure("工作表的单元格超过 " + std::to_string(limits.max_cells) + " 个，太大，未读取",
                            "the sheet has more than " + std::to_string(limits.max_cells) + " cells: too large; not read");
}

WorkbookKind workbook_kind(std::string_view file_name, std::string_view bytes) {
    if (bytes.size() >= 4 && bytes.substr(0, 4) == std::string_view("PK\x03\x04", 4))
        return bytes.find("xl/workbook.xml") != std::string_view::npos || ends_with_ci(file_name, ".xlsx")
                   ? WorkbookKind::xlsx
                   : WorkbookKind::none;
    if (bytes.size() >= 8 && bytes.substr(0, 8) == std::string_view("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8))
        return WorkbookKind::xls;
    if (ends_with_ci(file_name, ".xls") && bytes.size() >= 4 && uint8_t(bytes[0]) == 0x09 &&
        (uint8_t(bytes[1]) == 0x00 || uint8_t(bytes[1]) == 0x02 || uint8_t(bytes[1]) == 0x04 || uint8_t(bytes[1]) == 0x08))
        return WorkbookKind::xls;  // BIFF2–4 without a compound file
    return WorkbookKind::none;
}

WorkbookRead read_xlsx(std::string_view bytes, const WorkbookLimits& limits) {
    WorkbookRead out;
    Zip zip = open_zip(bytes);
    if (!zip.error_zh.empty()) return workbook_failure(zip.error_zh, zip.error_en);
    size_t total = 0;
    auto part = [&](const std::string& name, std::string& xml) -> bool {
        auto it = zip.entries.find(name);
        if (it == zip.entries.end()) {
            out.error_zh = "工作簿缺少部件 " + name + "（不是 Excel 保存的 .xlsx？）";
            out.error_en = "the workbook has no part " + name + " (not an .xlsx saved by Excel?)";
            return false;
        }
        return read_entry(bytes, it->second, name, limits, total, xml, out.error_zh, out.error_en);
    };
    std::string xml;
    if (!part("xl/workbook.xml", xml)) return out;
    WorkbookXml workbook;
    if (!parse_xml(xml, workbook)) return workbook_failure("xl/workbook.xml 不是有效的 XML", "xl/workbook.xml is not valid XML");
    RelsXml rels;
    if (!part("xl/_rels/workbook.xml.rels", xml)) return out;
    if (!parse_xml(xml, rels))
        return workbook_failure("xl/_rels/workbook.xml.rels 不是有效的 XML", "xl/_rels/workbook.xml.rels is not valid XML");
    SharedStringsXml shared;
    const std::string shared_path = rels.shared_strings.empty() ? "xl/sharedStrings.xml" : part_path(rels.shared_strings);
    if (zip.entries.count(shared_path)) {
        if (!part(shared_path, xml)) return out;
        if (!parse_xml(xml, shared)) return workbook_failure(shared_path + " 不是有效的 XML", shared_path + " is not valid XML");
    }
    StylesXml styles;
    if (zip.entries.count("xl/styles.xml")) {
        if (!part("xl/styles.xml", xml)) return out;
        if (!parse_xml(xml, styles)) return workbook_failure("xl/styles.xml 不是有效的 XML", "xl/styles.xml is not valid XML");
    }
    if (workbook.sheets.empty()) return workbook_failure("工作簿里没有工作表", "the workbook has no sheets");
    for (const SheetRef& ref : workbook.sheets) {
        auto target = rels.targets.find(ref.rel_id);
        if (target == rels.targets.end())
            return workbook_failure("工作表「" + ref.name + "」在工作簿中找不到（缺少关系 " + ref.rel_id + "）",
                        "sheet " + ref.name + " cannot be found in the workbook (no relationship " + ref.rel_id + ")");
        const std::string path = part_path(target->second);
        if (!zip.entries.count(path))
            return workbook_failure("工作表「" + ref.name + "」的数据（" + path + "）在工作簿中缺失：工作簿不完整",
                        "sheet " + ref.name + ": its data (" + path + ") is missing from the workbook: it is incomplete");
        if (!part(path, xml)) return out;
        SheetXml sheet;
        sheet.shared = &shared.strings;
        sheet.styles = &styles;
        sheet.date1904 = workbook.date1904;
        sheet.limits = &limits;
        const bool parsed = parse_xml(xml, sheet);
        if (!sheet.error_zh.empty())
            return workbook_failure("工作表「" + ref.name + "」" + sheet.error_zh, "sheet " + ref.name + ": " + sheet.error_en);
        if (!parsed)
            return workbook_failure("工作表「" + ref.name + "」（" + path + "）不是有效的 XML", "sheet " + ref.name + " (" + path + ") is not valid XML");
        out.sheets.push_back({ref.name, std::move(sheet.rows)});
    }
    xml.clear();
    return out;
}

}  // namespace it2
