// Records' texts live in their file's TextStore (model.h): every reader must copy them there, so a
// loaded file owns its ids, names and titles, whatever becomes of the bytes it was read from.
#include <doctest/doctest.h>

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "csv_import.h"
#include "load_batch.h"
#include "partial.h"

using namespace it2;

namespace {

// Overwrites the bytes a file was read from, then frees them: a view left pointing into them
// reads 'x's (or, under the sanitizers, is a use after free).
void clobber(std::string& bytes) {
    bytes.assign(bytes.size(), 'x');
    std::string().swap(bytes);
}

// The texts of a batch file with one teacher: plain ones (the fast reader's) and, with
// `escaped`, one escape in each (the general reader's).
std::string batch_json(bool escaped) {
    const std::string e = escaped ? "\\u4e00" : "";  // 一
    return R"({"format":"it2-batch","version":1,"school":{"id":"S1","name":"一小"},)"
           R"("batch":{"id":"2022-1","start":"2022-03-01","end":"2022-12-31"},"teachers":[)"
           R"({"id":"T-0001-a-long-id)" + e + R"(","name":"张三)" + e + R"(","subject":"数学)" + e +
           R"(","role":"班主任)" + e + R"(","stage":"小学)" + e + R"(","hours":{"online":30,"practice":25},)"
           R"("points":[{"code":"A1","status":"graded","items":[{"title":"教学设计方案一份)" + e +
           R"(","grade":"优秀"},{"title":"课堂实录片段)" + e + R"(","grade":"合格"}]}]}]})";
}

void check_texts(const BatchFile& f, bool escaped) {
    const std::string e = escaped ? "一" : "";
    REQUIRE(f.teachers.size() == 1);
    const Teacher& t = f.teachers[0];
    CHECK(t.id == "T-0001-a-long-id" + e);
    CHECK(t.name == "张三" + e);
    CHECK(t.subject == "数学" + e);
    CHECK(t.role == "班主任" + e);
    CHECK(t.stage == "小学" + e);
    REQUIRE(f.points_of(t).size() == 1);
    const ItemRange items = f.items_of(f.points_of(t)[0]);
    REQUIRE(items.size() == 2);
    CHECK(items[0].title == "教学设计方案一份" + e);
    CHECK(items[1].title == "课堂实录片段" + e);
}

}  // namespace

TEST_CASE("text store: kept bytes are copies that stay where they are") {
    TextStore store;
    CHECK(store.keep("").empty());
    CHECK(store.capacity() == 0);  // "" takes nothing
    std::vector<std::pair<std::string, Text>> kept;
    for (int k = 0; k < 5000; ++k) {
        // Lengths from 1 to well over a block, so many blocks are started, some by one text.
        std::string s(size_t(1 + (k * 37) % 3000), char('a' + k % 26));
        s += std::to_string(k);
        kept.emplace_back(s, store.keep(s));
        s.assign(s.size(), '#');  // the source changes: the kept copy does not
    }
    TextStore moved = std::move(store);  // blocks are not copied: the views stay valid
    CHECK(moved.capacity() >= 5000);
    // The moved-from store starts again empty: it writes nothing into the blocks it gave away.
    CHECK(store.capacity() == 0);  // NOLINT(bugprone-use-after-move): what this checks
    const Text again = store.keep(std::string(100, '!'));
    TextStore assigned;
    assigned.keep("x");
    assigned = std::move(moved);
    for (const auto& [expected, text] : kept) REQUIRE(text == expected);
    CHECK(again == std::string(100, '!'));
}

TEST_CASE("text store: a loaded file's texts outlive the bytes it was read from") {
    for (bool escaped : {false, true}) {
        for (BatchReading reading : {BatchReading::fast_then_general, BatchReading::general}) {
            CAPTURE(escaped);
            CAPTURE(int(reading));
            std::string bytes = batch_json(escaped);
            size_t fast = 0;
            const BatchLoad load = load_batch("a.json", bytes, reading, &fast);
            clobber(bytes);
            REQUIRE(bool(load.data));
            // The clean file is the fast reader's (so both readers are checked here).
            CHECK(fast == (!escaped && reading == BatchReading::fast_then_general ? 1u : 0u));
            check_texts(*load.data, escaped);
        }
    }
}

TEST_CASE("text store: a partial's records outlive the line they were read from") {
    for (bool escaped : {false, true}) {
        for (PartialReader reader : {PartialReader::fast_then_general, PartialReader::general}) {
            CAPTURE(escaped);
            CAPTURE(int(reader));
            FileEntry entry;
            entry.name = "a.json";
            BatchLoad load = load_batch("a.json", batch_json(escaped));
            entry.status = load.status;
            entry.data = load.data;
            std::string line = partial_line(entry, "k");
            PartialRead read = read_partials("p.jsonl", line, 1, reader);
            clobber(line);
            load = {};
            entry = {};  // the loaded file is gone too: nothing may point into it
            REQUIRE(read.entries.size() == 1);
            REQUIRE(bool(read.entries[0].file.data));
            check_texts(*read.entries[0].file.data, escaped);
        }
    }
}

TEST_CASE("text store: a platform CSV's teachers outlive the bytes it was read from") {
    std::string bytes =
        "学校编号,学校名称,批次,教师编号,姓名,学科,角色,在线学时,实践学时\n"
        "S1,一小,2022-1,T-0001-a-long-id,张三,数学,班主任,30,25\n";
    const std::vector<BatchLoad> loads = load_csv("a.csv", bytes);
    clobber(bytes);
    REQUIRE(loads.size() == 1);
    REQUIRE(bool(loads[0].data));
    REQUIRE(loads[0].data->teachers.size() == 1);
    const Teacher& t = loads[0].data->teachers[0];
    CHECK(t.id == "T-0001-a-long-id");
    CHECK(t.name == "张三");
    CHECK(t.subject == "数学");
    CHECK(t.role == "班主任");
}
