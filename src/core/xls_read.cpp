// Legacy .xls (BIFF2–8) through FreeXL (Debian's freexl 2.0.0 sources, cmake/excel.cmake). FreeXL
// opens files by path and converts text with iconv: xls_freexl_shim.h renames both, so that here
// it reads the workbook from memory and converts GBK (code page 936) and UTF-16 with the CSV
// import's decoders, the same on glibc and Emscripten.
#define IT2_XLS_SHIM_IMPLEMENTATION
#include "xls_freexl_shim.h"

#include <cstdlib>
#include <freexl.h>

#include <cstring>
#include <string>

#include "xlsx_read.h"

namespace {

// The workbook FreeXL is reading (one at a time: the core is single-threaded).
std::string_view g_xls_bytes;
constexpr const char* kMemoryPath = "it2-memory.xls";

enum class Charset { utf16le, gbk, latin1, ascii };
struct Converter {
    Charset from;
};

void append_utf8(std::string& out, uint32_t cp) {
    if (cp < 0x80) out += char(cp);
    else if (cp < 0x800) out += char(0xC0 | (cp >> 6)), out += char(0x80 | (cp & 0x3F));
    else if (cp < 0x10000)
        out += char(0xE0 | (cp >> 12)), out += char(0x80 | ((cp >> 6) & 0x3F)), out += char(0x80 | (cp & 0x3F));
    else
        out += char(0xF0 | (cp >> 18)), out += char(0x80 | ((cp >> 12) & 0x3F)), out += char(0x80 | ((cp >> 6) & 0x3F)),
            out += char(0x80 | (cp & 0x3F));
}

}  // namespace

extern "C" {

FILE* it2_freexl_fopen(const char* path, const char* mode) {
    if (!path || std::strcmp(path, kMemoryPath) != 0 || g_xls_bytes.empty() || !mode || mode[0] != 'r') return nullptr;
    return fmemopen(const_cast<char*>(g_xls_bytes.data()), g_xls_bytes.size(), "rb");
}

it2_iconv_t it2_iconv_open(const char* to, const char* from) {
    if (!to || std::strcmp(to, "UTF-8") != 0 || !from) return reinterpret_cast<it2_iconv_t>(-1);
    Charset c;
    if (std::strcmp(from, "UTF-16LE") == 0) c = Charset::utf16le;
    else if (std::strcmp(from, "CP936") == 0) c = Charset::gbk;
    else if (std::strcmp(from, "CP1252") == 0) c = Charset::latin1;  // close enough for headers
    else if (std::strcmp(from, "ASCII") == 0) c = Charset::ascii;
    else return reinterpret_cast<it2_iconv_t>(-1);  // other code pages: FreeXL reports the text as unreadable
    return new Converter{c};
}

size_t it2_iconv(it2_iconv_t cd, char** in, size_t* in_left, char** out, size_t* out_left) {
    if (!cd || cd == reinterpret_cast<it2_iconv_t>(-1) || !in || !*in || !in_left || !out || !out_left) return 0;
    const Converter& conv = *static_cast<Converter*>(cd);
    std::string_view src(*in, *in_left);
    std::string utf8;
    bool ok = true;
    if (conv.from == Charset::utf16le) {
        for (size_t i = 0; i + 1 < src.size(); i += 2) {
            uint32_t u = uint8_t(src[i]) | uint32_t(uint8_t(src[i + 1])) << 8;
            if (u >= 0xD800 && u < 0xDC00 && i + 3 < src.size()) {
                uint32_t lo = uint8_t(src[i + 2]) | uint32_t(uint8_t(src[i + 3])) << 8;
                if (lo >= 0xDC00 && lo < 0xE000) {
                    u = 0x10000 + ((u - 0xD800) << 10) + (lo - 0xDC00);
                    i += 2;
                }
            }
            append_utf8(utf8, u);
        }
    } else if (conv.from == Charset::gbk) {
        ok = it2::decode_gb18030(src, utf8);
    } else {
        for (char ch : src) append_utf8(utf8, uint8_t(ch));
    }
    if (!ok || utf8.size() > *out_left) return size_t(-1);
    std::memcpy(*out, utf8.data(), utf8.size());
    *out += utf8.size();
    *out_left -= utf8.size();
    *in += *in_left;
    *in_left = 0;
    return 0;
}

int it2_iconv_close(it2_iconv_t cd) {
    if (cd && cd != reinterpret_cast<it2_iconv_t>(-1)) delete static_cast<Converter*>(cd);
    return 0;
}

}  // extern "C"

namespace it2 {

WorkbookRead read_xls(std::string_view bytes, const WorkbookLimits& limits) {
    WorkbookRead out;
    if (bytes.empty()) return workbook_failure("文件是空的", "the file is empty");
    g_xls_bytes = bytes;
    const void* handle = nullptr;
    const int rc = freexl_open(kMemoryPath, &handle);
    g_xls_bytes = {};  // FreeXL has read everything it needs by now
    if (rc != FREEXL_OK) {
        // On a failed open FreeXL frees its workbook but leaves the handle itself allocated, and
        // freexl_close then refuses it (its workbook is gone): free it here (found by the fuzzer).
        if (handle && freexl_close(handle) != FREEXL_OK) std::free(const_cast<void*>(handle));
        if (rc == FREEXL_INSUFFICIENT_MEMORY) return workbook_failure(".xls 工作簿太大，内存不够", "the .xls workbook is too large for the memory available");
        return workbook_failure(".xls 工作簿已损坏或不是 Excel 97–2003 工作簿（FreeXL 错误 " + std::to_string(rc) + "）",
                    "the .xls workbook is damaged or not an Excel 97–2003 workbook (FreeXL error " + std::to_string(rc) + ")");
    }
    unsigned int password = 0, sheet_count = 0;
    if (freexl_get_info(handle, FREEXL_BIFF_PASSWORD, &password) == FREEXL_OK && password == FREEXL_BIFF_OBFUSCATED) {
        freexl_close(handle);
        return workbook_failure("工作簿有密码保护，无法读取：请在 Excel 中取消密码后另存",
                    "the workbook is password-protected: remove the password in Excel and save again");
    }
    freexl_get_info(handle, FREEXL_BIFF_SHEET_COUNT, &sheet_count);
    size_t cells = 0;
    for (unsigned int s = 0; s < sheet_count; ++s) {
        const char* name = nullptr;
        freexl_get_worksheet_name(handle, (unsigned short)s, &name);
        WorkbookSheet sheet;
        sheet.name = name ? name : "Sheet" + std::to_string(s + 1);
        unsigned int rows = 0;
        unsigned short columns = 0;
        if (freexl_select_active_worksheet(handle, (unsigned short)s) != FREEXL_OK ||
            freexl_worksheet_dimensions(handle, &rows, &columns) != FREEXL_OK) {
            freexl_close(handle);
            return workbook_failure("工作表「" + sheet.name + "」无法读取", "sheet " + sheet.name + " cannot be read");
        }
        const unsigned short used_columns = (unsigned short)std::min<size_t>(columns, limits.max_columns);
        for (unsigned int r = 0; r < rows; ++r) {
            CsvRecord record;
            record.number = record.line = int(r + 1);
            for (unsigned short c = 0; c < used_columns; ++c) {
                FreeXL_CellValue v;
                if (freexl_get_cell_value(handle, r, c, &v) != FREEXL_OK) continue;
                std::string text;
                switch (v.type) {
                    case FREEXL_CELL_INT: text = std::to_string(v.value.int_value); break;
                    case FREEXL_CELL_DOUBLE: text = workbook_number_text(v.value.double_value); break;
                    case FREEXL_CELL_TEXT:
                    case FREEXL_CELL_SST_TEXT:
                    case FREEXL_CELL_DATE:
                    case FREEXL_CELL_DATETIME:
                    case FREEXL_CELL_TIME: text = v.value.text_value ? v.value.text_value : ""; break;
                    default: break;
                }
                if (text.empty()) continue;
                if (record.fields.size() <= c) {
                    cells += c + 1 - record.fields.size();
                    record.fields.resize(size_t(c) + 1);
                }
                record.fields[c] = std::move(text);
            }
            if (cells > limits.max_cells) {
                freexl_close(handle);
                return too_many_cells(limits);
            }
            if (!record.fields.empty()) sheet.rows.push_back(std::move(record));
        }
        out.sheets.push_back(std::move(sheet));
    }
    freexl_close(handle);
    if (out.sheets.empty()) return workbook_failure("工作簿里没有工作表", "the workbook has no sheets");
    return out;
}

}  // namespace it2
