// find_it2_prefix (text_sniff.h): the block scan (SSE2 natively, SWAR in wasm) must give
// string_view::find's answer wherever the pattern stands: at every offset of a block, across
// block ends, in the tail, overlapping a near miss, and not at all.
#include <doctest/doctest.h>

#include <random>
#include <string>

#include "text_sniff.h"

using namespace it2;

TEST_CASE("find_it2_prefix: the same answer as string_view::find at every place") {
    std::mt19937 random(14);
    // Bytes close to the pattern so that partial matches ("it2", "t2-", "iit2") are common.
    const char alphabet[] = {'i', 't', '2', '-', '"', 'x', '\xE5', '\0'};
    size_t found = 0;
    for (int round = 0; round < 20000; ++round) {
        std::string text(size_t(random() % 80), ' ');
        for (char& c : text) c = alphabet[random() % sizeof alphabet];
        if (round % 2 == 0 && text.size() >= 4) text.replace(random() % (text.size() - 3), 4, "it2-");
        const std::string_view view(text);
        const size_t from = round % 5 == 0 ? size_t(random() % (text.size() + 2)) : 0;
        INFO("text: ", text, "  from: ", from);
        const size_t expected = view.find("it2-", from);
        REQUIRE(find_it2_prefix(view, from) == expected);
        found += expected != std::string_view::npos;
    }
    CHECK(found > 5000);  // the planted and chance matches were really exercised
    CHECK(find_it2_prefix("") == std::string_view::npos);
    CHECK(find_it2_prefix("it2") == std::string_view::npos);
    CHECK(find_it2_prefix(std::string(100, 'a') + "it2-policy") == 100);
    CHECK(find_it2_prefix("it2-it2-", 1) == 4);
}
