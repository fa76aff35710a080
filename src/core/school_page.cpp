// 导出本校页面: see school_page.h.
#include "school_page.h"

#include <nlohmann/json.hpp>

#include "export.h"
#include "vocabulary.h"
#include "workspace_file.h"

namespace it2 {

namespace {

// scripts/bundle-page.py writes the data blocks and the page script with exactly these openings.
constexpr std::string_view kBlockOpen = "<script type=\"application/octet-stream\" id=\"";
constexpr std::string_view kBlockClose = "</script>";
constexpr std::string_view kPageScript = "<script id=\"it2-js-page\">";
constexpr size_t kLineLength = 16384;  // base64 line length, as bundle-page.py writes it

// Takes out the data block with `id` (and the newline after it), if it comes before `end`.
void remove_block(std::string& page, std::string_view id, size_t& end) {
    const std::string open = std::string(kBlockOpen) + std::string(id) + "\"";
    const size_t start = page.find(open);
    if (start == std::string::npos || start > end) return;
    size_t stop = page.find(kBlockClose, start);
    if (stop == std::string::npos || stop > end) return;
    stop += kBlockClose.size();
    if (stop < page.size() && page[stop] == '\n') ++stop;
    page.erase(start, stop - start);
    end -= stop - start;
}

std::string school_block(const SchoolPageData& data) {
    const nlohmann::ordered_json header = {{"school", data.school_id}, {"name", data.school_name}, {"date", data.data_date}};
    const std::string packed = base64_encode(header.dump() + "\n" + data.workspace);
    std::string block = std::string(kBlockOpen) + "it2-school\" data-encoding=\"base64\">\n";
    for (size_t i = 0; i < packed.size(); i += kLineLength) {
        block.append(packed, i, kLineLength);
        block += '\n';
    }
    return block + std::string(kBlockClose) + "\n";
}

}  // namespace

std::string school_page_stem(const std::string& school_name, const std::string& data_date) {
    std::string stem = school_name + "-" + vocab::term(vocab::Term::school_page_progress, Lang::zh) + "-" + data_date;
    for (char& c : stem) {
        const unsigned char u = static_cast<unsigned char>(c);
        if (u < 0x20 || u == 0x7f || std::string_view("/\\:*?\"<>|").find(c) != std::string_view::npos) c = '_';
    }
    return stem;
}

std::string school_page_html(std::string_view page_text, const SchoolPageData& data, std::string& error) {
    std::string page(page_text);
    size_t anchor = page.find(kPageScript);
    if (anchor == std::string::npos || page.find(kPageScript, anchor + 1) != std::string::npos) {
        error = "not an IT2 Tracker page (it must hold <script id=\"it2-js-page\"> once): give the page ./build-wasm.sh "
                "builds, dist/it2-tracker.html";
        return "";
    }
    const size_t title_open = page.find("<title>");
    const size_t title_close = page.find("</title>");
    if (title_open == std::string::npos || title_close == std::string::npos || title_close < title_open ||
        title_close > anchor) {
        error = "not an IT2 Tracker page (no <title> in its head): give the page ./build-wasm.sh builds, dist/it2-tracker.html";
        return "";
    }
    // The demo district and any other school's data leave; this school's data comes in.
    remove_block(page, "it2-demo", anchor);
    remove_block(page, "it2-school", anchor);
    page.insert(anchor, school_block(data));
    const size_t content = title_open + std::string_view("<title>").size();
    page.replace(content, title_close - content, html_escape_ascii(school_page_stem(data.school_name, data.data_date)));
    error.clear();
    return page;
}

}  // namespace it2
