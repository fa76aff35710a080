// 导出本校页面: a principal's own page. The bundled page (dist/it2-tracker.html, one offline HTML
// file) with its demo data taken out and one school's data put in, titled with the school's name
// and the data date. `it2 school-page` writes it from the built page; the page writes it from its
// own HTML (web/page.js rebuilds that byte for byte). Pure text work: no browser, no ImGui.
//
// The school's data travels as one block before the page's scripts (the demo data's place):
//   <script type="application/octet-stream" id="it2-school" data-encoding="base64">
//   base64 of: {"school": ID, "name": NAME, "date": YYYY-MM-DD} "\n" it2-workspace document
//   </script>
// The workspace document is 导出本校's (workspace_file.h): that school's files, the policy and the
// settings, with the as-of date fixed to the data date. web/files.js opens it instead of the
// browser storage, and stores nothing.
#pragma once

#include <string>
#include <string_view>

namespace it2 {

struct SchoolPageData {
    std::string school_id, school_name;
    std::string data_date;  // YYYY-MM-DD: the as-of date the page opens with
    std::string workspace;  // write_school_workspace_file's document
};

// "綦江区石壕小学-进度-2026-11-30": the download's name without ".html", and the page's title.
// Characters a file name cannot hold (/ \ : * ? " < > | and control characters) become "_".
std::string school_page_stem(const std::string& school_name, const std::string& data_date);

// The principal's page built from `page` (a bundled IT2 Tracker page, the main one or another
// school's). "" with `error` set (English, for the CLI and the log) when `page` is not one.
std::string school_page_html(std::string_view page, const SchoolPageData& data, std::string& error);

}  // namespace it2
