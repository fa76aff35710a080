// The two readers of `it2 merge` (partial.h): the fast one, for the lines partial_line() writes,
// and the general one (any JSON, and why a line is not a partial). For every line the fast one
// takes, the general one must take it too and give the same entry; the lines partial_line()
// writes from real data must all be taken by the fast one; and read_partials() with both must
// give the same entries and problems whatever the lines (damaged ones included).
#include <doctest/doctest.h>

#include <random>
#include <thread>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "dates.h"
#include "generate.h"
#include "partial.h"
#include "workspace.h"

using namespace it2;

namespace {

// Lines of every kind the loader gives: clean files, every record error, rejected files.
std::vector<std::string> partial_lines() {
    std::vector<std::string> lines;
    for (uint64_t seed : {3, 8}) {
        GenerateOptions options;
        options.schools = 6;
        options.teachers_per_school = 15;
        options.batches = 2;
        options.seed = seed;
        options.with_errors = seed == 8;
        for (const GeneratedFile& f : generate(options))
            for (const FileEntry& e : load_data_entries(f.name, f.bytes))
                lines.push_back(partial_line(e, "data/" + f.name));
    }
    return lines;
}

// An entry as text: its line again, whatever reader made it.
std::string shown(const PartialEntry& e) { return partial_line(e.file, e.order_key); }

std::string shown(const PartialRead& read) {
    std::string text;
    for (const PartialEntry& e : read.entries) text += shown(e) + "\n";
    for (const Problem& p : read.problems)
        text += p.file + ":" + std::to_string(p.line) + ":" + std::to_string(p.column) + ": " + p.message_en + "\n";
    return text;
}

bool has_unicode_escape(const std::string& line) { return line.find("\\u") != std::string::npos; }

}  // namespace

TEST_CASE("the fast partial reader takes every line partial_line writes, as the general reader reads it") {
    const std::vector<std::string> lines = partial_lines();
    REQUIRE(lines.size() > 20);
    size_t taken = 0, rejected = 0, with_problems = 0;
    for (const std::string& line : lines) {
        CAPTURE(line.substr(0, 200));
        PartialEntry fast;
        const bool ok = read_partial_line_fast(line, fast);
        CHECK(ok == !has_unicode_escape(line));  // \uXXXX (control characters in a name) goes the general way
        const PartialRead general = read_partials("p.jsonl", line, 1, PartialReader::general);
        REQUIRE(general.entries.size() == 1);
        if (!ok) continue;
        ++taken;
        rejected += fast.file.data == nullptr;
        with_problems += !fast.file.problems.empty();
        CHECK(shown(fast) == line);
        CHECK(shown(fast) == shown(general.entries[0]));
    }
    CHECK(taken * 10 >= lines.size() * 9);
    bool quoted = false;  // a message quoting a key: \" decoded by the fast reader
    for (const std::string& line : lines) quoted = quoted || line.find("\\\"") != std::string::npos;
    CHECK(quoted);
    CHECK(rejected > 0);  // the test saw rejected files and files with problems
    CHECK(with_problems > rejected);
}

TEST_CASE("damaged partial lines: whatever the fast reader takes, the general reader takes the same") {
    const std::vector<std::string> lines = partial_lines();
    std::mt19937_64 random(20261201);
    const std::string bytes = "0123456789-.eE+\"\\,:[]{} \tntfaxu\x01\x7f\x80\xC3\xA9\xE6\xED\xF4";
    size_t fast_taken = 0;
    std::string all;  // every damaged line, for read_partials below
    for (int round = 0; round < 4000; ++round) {
        std::string line = lines[random() % lines.size()];
        const int edits = 1 + int(random() % 3);
        for (int k = 0; k < edits && !line.empty(); ++k) {
            const size_t at = random() % line.size();
            switch (random() % 4) {
                case 0: line[at] = bytes[random() % bytes.size()]; break;
                case 1: line.erase(at, 1 + random() % 3); break;
                case 2: line.insert(at, 1, bytes[random() % bytes.size()]); break;
                default: {  // a digit changed: numbers, ranges, dates
                    const size_t digit = line.find_first_of("0123456789", at);
                    if (digit != std::string::npos) line[digit] = char('0' + random() % 10);
                }
            }
        }
        all += line + "\n";
        PartialEntry fast;
        if (!read_partial_line_fast(line, fast)) continue;
        ++fast_taken;
        CAPTURE(line.substr(0, 300));
        const PartialRead general = read_partials("p.jsonl", line, 1, PartialReader::general);
        REQUIRE(general.problems.empty());
        REQUIRE(general.entries.size() == 1);
        CHECK(shown(fast) == shown(general.entries[0]));
    }
    CHECK(fast_taken > 100);  // digits changed in place keep many lines valid
    CHECK(shown(read_partials("p.jsonl", all)) == shown(read_partials("p.jsonl", all, 1, PartialReader::general)));
}

TEST_CASE("read_partials on a piece of a file numbers its lines from the piece's first line") {
    const std::vector<std::string> lines = partial_lines();
    const std::string text = lines[0] + "\n" + "not a partial\n" + lines[1] + "\n";
    const PartialRead read = read_partials("p.jsonl", text, 41);
    CHECK(read.entries.size() == 2);
    REQUIRE(read.problems.size() == 1);
    CHECK(read.problems[0].line == 42);
}

TEST_CASE("point dates in partials are written as iso_date writes them, from year 1 to 9999") {
    auto data = std::make_shared<BatchFile>();
    data->school_id = "S1";
    data->batch_id = "2022-1";
    std::vector<Day> days;
    for (Day d = Day(days_from_iso("0001-01-01")); d <= Day(days_from_iso("9999-12-31")); d += 97) days.push_back(d);
    days.push_back(Day(days_from_iso("9999-12-31")));
    for (size_t i = 0; i < days.size(); ++i) {
        Teacher& t = data->teachers.emplace_back();
        t.id = data->text.keep("T" + std::to_string(i));
        t.name = "甲";
        t.first_point = uint32_t(data->points.size());
        t.point_count = 1;
        PointRecord& p = data->points.emplace_back();
        p.status = PointStatus::submitted;
        p.submitted = days[i];
    }
    FileEntry entry;
    entry.name = "a.json";
    entry.status = FileStatus::loaded;
    entry.data = data;
    const nlohmann::json line = nlohmann::json::parse(partial_line(entry, "a"));
    const nlohmann::json& teachers = line["data"]["teachers"];
    REQUIRE(teachers.size() == days.size());
    for (size_t i = 0; i < days.size(); ++i) {
        CHECK(teachers[i][10][0][3] == iso_date(days[i]));
        CHECK(teachers[i][10][0][4] == "");
    }
}

TEST_CASE("a large partial file read in pieces on several threads gives what one reader gives, lines numbered alike") {
    const std::vector<std::string> lines = partial_lines();
    std::string text = "\xEF\xBB\xBF";
    std::mt19937_64 random(7);
    int bad = 0;
    while (text.size() < (5u << 20)) {  // five pieces or so, with bad lines and blank ones among them
        const uint64_t pick = random() % 100;
        if (pick == 0) text += "{\"format\": \"not it2\"}\n", ++bad;
        else if (pick == 1) text += "\r\n";
        else text += lines[random() % lines.size()] + (pick == 2 ? "\r\n" : "\n");
    }
    text += lines[0];  // no newline at the end
    // Ranges run in reverse order, each on a thread of its own: the result must not depend on it.
    const ParallelFor parallel = [](size_t n, const RangeBody& body) {
        std::vector<std::thread> threads;
        for (size_t k = 3; k-- > 0;) threads.emplace_back(body, n * k / 3, n * (k + 1) / 3);
        for (std::thread& t : threads) t.join();
    };
    const PartialRead whole = read_partials("big.jsonl", text), pieces = read_partials("big.jsonl", text, parallel);
    CHECK(whole.problems.size() == size_t(bad));
    CHECK(bad > 5);
    CHECK(pieces.entries.size() == whole.entries.size());
    CHECK(shown(pieces) == shown(whole));
}

TEST_CASE("hours in partials are written as nlohmann writes doubles") {
    std::vector<double> values = {0.0, -0.0, 0.5, 1.0, 2.5, 26, 28.5, 0.25, 1.75, 1e-7, 1e13 + 0.5, 99999999999999.5,
                                  1e14, 1e15, 1e16, 123456789.125, 3.3, 1.0 / 3};
    for (int i = 0; i < 2000; ++i) values.push_back(i * 0.5), values.push_back(i * 0.1);
    auto data = std::make_shared<BatchFile>();
    data->school_id = "S1";
    data->batch_id = "2022-1";
    for (size_t i = 0; i < values.size(); ++i) {
        Teacher& t = data->teachers.emplace_back();
        t.id = data->text.keep("T" + std::to_string(i));
        t.name = "甲";
        t.online = values[i];
        t.practice = values[i] * 3;
    }
    FileEntry entry;
    entry.name = "a.json";
    entry.status = FileStatus::loaded;
    entry.data = data;
    const std::string line = partial_line(entry, "a");
    std::string expected;  // each teacher's two numbers as nlohmann::json(double).dump() prints them
    for (double v : values) expected += nlohmann::json(v).dump() + "," + nlohmann::json(v * 3).dump() + ";";
    std::string written;
    size_t at = 0;
    for (size_t i = 0; i < values.size(); ++i) {
        // The two numbers follow the teacher's id, name, subject, role and stage.
        const std::string head = "[\"T" + std::to_string(i) + "\",\"甲\",\"\",\"\",\"\",";
        at = line.find(head, at);
        REQUIRE(at != std::string::npos);
        const size_t first = at + head.size(), second = line.find(',', first) + 1;
        written += line.substr(first, second - 1 - first) + "," + line.substr(second, line.find(',', second) - second) + ";";
    }
    CHECK(written == expected);
}

// Session 7 (issue 14, map/reduce): the fast reader's integers and plain strings read with a local
// position and json_lex's run; the same entry as the general reader on edge values put in place
// of a real line's numbers and strings, and the same problem when the general reader refuses.
TEST_CASE("fast partial reader: edge integers, strings and dates give what the general reader gives") {
    const std::vector<std::string> lines = partial_lines();
    const std::vector<std::string> numbers = {"0", "-0", "7", "-1", "00", "01", "12345678901234567", "123456789012345678",
                                              "1234567890123456789", "99999999999999999999", "2147483647", "2147483648",
                                              "-2147483648", "1.0", "1e1", "2.5", "-", ""};
    const std::vector<std::string> strings = {"", "2024-02-29", "2023-02-29", "2024-1-01", "2024-01-3\\u0031",
                                              "2024-01-0\\/", "loaded", "partial", "l\\u006faded", "B", "BB", "\\u0042",
                                              "\\\"", "\xC3\xA9", "\xE6\x96\x87", "\xED\xA0\x80", "\xC3", "a\tb", "\x7f"};
    std::mt19937_64 random(14);
    size_t taken = 0, tried = 0;
    for (const std::string& original : lines) {
        for (int round = 0; round < 80; ++round) {
            std::string line = original;
            const size_t at = random() % line.size();
            if (random() % 2) {  // a number after a ',' or '['
                const size_t start = line.find_first_of("0123456789", at);
                if (start == std::string::npos || (line[start - 1] != ',' && line[start - 1] != '[')) continue;
                const size_t end = line.find_first_not_of("0123456789.", start);
                line.replace(start, end - start, numbers[random() % numbers.size()]);
            } else {  // the content of a string
                const size_t open = line.find("\"", at);
                const size_t close = open == std::string::npos ? open : line.find("\"", open + 1);
                if (close == std::string::npos) continue;
                line.replace(open + 1, close - open - 1, strings[random() % strings.size()]);
            }
            ++tried;
            CAPTURE(line.substr(0, 300));
            const PartialRead general = read_partials("p.jsonl", line, 1, PartialReader::general);
            CHECK(shown(read_partials("p.jsonl", line)) == shown(general));
            PartialEntry fast;
            if (!read_partial_line_fast(line, fast)) continue;
            ++taken;
            REQUIRE(general.entries.size() == 1);
            CHECK(shown(fast) == shown(general.entries[0]));
        }
    }
    CHECK(tried > 1000);
    CHECK(taken > 100);
}

TEST_CASE("a partial with a teacher id used twice names the first repeated id, after earlier teachers' problems") {
    const std::vector<std::string> lines = partial_lines();
    nlohmann::json doc;
    for (const std::string& line : lines) {
        doc = nlohmann::json::parse(line);
        if (!doc["data"].is_null() && doc["data"]["teachers"].size() >= 6) break;
    }
    REQUIRE(doc["data"]["teachers"].size() >= 6);
    auto& teachers = doc["data"]["teachers"];
    const std::string repeated = teachers[1][0];
    teachers[3][0] = repeated;
    teachers[5][0] = repeated;
    auto problem = [&] {
        const PartialRead read = read_partials("p.jsonl", doc.dump());
        REQUIRE(read.problems.size() == 1);
        return read.problems[0].message_en;
    };
    CHECK(problem().find("teacher id " + repeated + " is used twice in one file") != std::string::npos);
    teachers[2][1] = "";  // an earlier teacher's empty name is found first
    CHECK(problem().find("the name is empty or too long") != std::string::npos);
    teachers[2][1] = "x";
    teachers[4][1] = "";  // a later one's is not
    CHECK(problem().find("is used twice in one file") != std::string::npos);
}
