// 导出本校页面 (core/school_page.h): the demo block leaves, the school's block comes in before the
// page script, the title is the school's name and the data date (escaped), a second export
// replaces the first school's block, and anything that is not a bundled page is refused.
#include <doctest/doctest.h>

#include <string>

#include "export.h"
#include "school_page.h"
#include "workspace_file.h"

using namespace it2;

namespace {

// The shape scripts/bundle-page.py writes, in miniature.
const std::string kPage =
    "<!doctype html>\n<html><head><title>&#x63d0;&#x5347;&#x5de5;&#x7a0b;2.0 IT2 Tracker</title></head><body>\n"
    "<script type=\"application/json\" id=\"it2-shell\">{}</script>\n"
    "<script type=\"application/octet-stream\" id=\"it2-wasm\" data-encoding=\"gzip+base64\">\nAAAA\n</script>\n"
    "<script type=\"application/octet-stream\" id=\"it2-demo\" data-encoding=\"gzip+base64\">\nREVNTw==\n</script>\n"
    "<script id=\"it2-js-page\">\nconst page = 1;\n</script>\n</body></html>\n";

SchoolPageData data(const std::string& id, const std::string& name) {
    return {id, name, "2026-11-30", "{\"format\":\"it2-workspace\"}"};
}

std::string block_text(const std::string& html) {
    const std::string open = "<script type=\"application/octet-stream\" id=\"it2-school\" data-encoding=\"base64\">\n";
    const size_t start = html.find(open);
    REQUIRE(start != std::string::npos);
    const size_t end = html.find("</script>", start);
    std::string decoded;
    REQUIRE(base64_decode(html.substr(start + open.size(), end - start - open.size()), decoded));
    return decoded;
}

}  // namespace

TEST_CASE("school page: the demo leaves, the school's data and title come in") {
    std::string error;
    const std::string html = school_page_html(kPage, data("500110-0014", "綦江区石壕小学"), error);
    REQUIRE(error.empty());
    CHECK(html.find("id=\"it2-demo\"") == std::string::npos);
    // The title in ASCII, as the rest of the page (綦江区石壕小学-进度-2026-11-30).
    CHECK(html.find("<title>&#x7da6;&#x6c5f;&#x533a;&#x77f3;&#x58d5;&#x5c0f;&#x5b66;-&#x8fdb;&#x5ea6;-2026-11-30</title>") !=
          std::string::npos);
    for (char c : html) REQUIRE(static_cast<unsigned char>(c) < 0x80);
    CHECK(html.find("id=\"it2-wasm\"") != std::string::npos);
    // The block sits right before the page script, in the demo's place.
    CHECK(html.find("\n</script>\n<script type=\"application/octet-stream\" id=\"it2-school\"") != std::string::npos);
    CHECK(html.find("</script>\n<script id=\"it2-js-page\">") != std::string::npos);
    CHECK(block_text(html) ==
          "{\"school\":\"500110-0014\",\"name\":\"綦江区石壕小学\",\"date\":\"2026-11-30\"}\n{\"format\":\"it2-workspace\"}");

    // Exported again from the school page, for another school: one school block, the new one.
    const std::string again = school_page_html(html, data("500110-0001", "a<b>&\"c'"), error);
    REQUIRE(error.empty());
    CHECK(again.find("500110-0014") == std::string::npos);
    CHECK(again.find("id=\"it2-school\"") == again.rfind("id=\"it2-school\""));
    CHECK(again.find("<title>a_b_&amp;_c&#39;-&#x8fdb;&#x5ea6;-2026-11-30</title>") != std::string::npos);
}

TEST_CASE("school page: the title's references, above the BMP and for control characters") {
    CHECK(html_escape_ascii("") == "");
    CHECK(html_escape_ascii("IT2 <b>") == "IT2 &lt;b&gt;");
    CHECK(html_escape_ascii("进度 · 𠀀") == "&#x8fdb;&#x5ea6; &#xb7; &#x20000;");
    CHECK(html_escape_ascii("a\x01" "b") == "a&#x2401;b");  // made visible first (␁), as html_escape does
}

TEST_CASE("school page: file names hold no path or reserved character") {
    CHECK(school_page_stem("綦江区石壕小学", "2026-11-30") == "綦江区石壕小学-进度-2026-11-30");
    CHECK(school_page_stem("../a/b\\c:d*e?f\"g<h>i|j\tk", "2026-01-02") == ".._a_b_c_d_e_f_g_h_i_j_k-进度-2026-01-02");
}

TEST_CASE("school page: what is not a bundled page is refused with a reason") {
    std::string error;
    CHECK(school_page_html("{\"format\":\"it2-batch\"}", data("x", "x"), error).empty());
    CHECK(error.find("not an IT2 Tracker page") != std::string::npos);
    const std::string no_title = "<html><body><script id=\"it2-js-page\">\n</script></body></html>";
    CHECK(school_page_html(no_title, data("x", "x"), error).empty());
    CHECK(error.find("<title>") != std::string::npos);
}
