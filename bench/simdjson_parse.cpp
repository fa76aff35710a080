// The parse ceiling for bench/ratios.sh: simdjson (Debian's libsimdjson-dev) parses every file of
// a list and touches every value (numbers summed, string bytes counted), nothing else: no
// validation, no model, no summary. it2's own CPU time is compared with this one's.
//   g++ -O2 -std=c++17 bench/simdjson_parse.cpp -lsimdjson -o build/bench/simdjson_parse
//   simdjson_parse LIST_FILE     prints one JSON line: files, bytes, values, parse CPU ms
#include <simdjson.h>

#include <ctime>
#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

namespace {

double cpu_ms() {
    timespec t{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

struct Touch {
    double numbers = 0;
    size_t string_bytes = 0, values = 0;
    void visit(simdjson::dom::element e) {
        ++values;
        switch (e.type()) {
            case simdjson::dom::element_type::ARRAY:
                for (simdjson::dom::element child : e.get_array()) visit(child);
                break;
            case simdjson::dom::element_type::OBJECT:
                for (simdjson::dom::key_value_pair field : e.get_object()) {
                    string_bytes += field.key.size();
                    visit(field.value);
                }
                break;
            case simdjson::dom::element_type::STRING: string_bytes += std::string_view(e.get_string()).size(); break;
            case simdjson::dom::element_type::INT64: numbers += double(int64_t(e.get_int64())); break;
            case simdjson::dom::element_type::UINT64: numbers += double(uint64_t(e.get_uint64())); break;
            case simdjson::dom::element_type::DOUBLE: numbers += double(e.get_double()); break;
            default: break;
        }
    }
};

}  // namespace

int main(int argc, char** argv) {
    if (argc != 2) {
        std::fprintf(stderr, "usage: simdjson_parse LIST_FILE\n");
        return 2;
    }
    std::ifstream list(argv[1]);
    std::vector<std::string> paths;
    for (std::string line; std::getline(list, line);)
        if (!line.empty()) paths.push_back(line);
    simdjson::dom::parser parser;
    Touch touch;
    size_t bytes = 0;
    double parse_ms = 0;
    for (const std::string& path : paths) {
        simdjson::padded_string text;
        if (simdjson::padded_string::load(path).get(text)) {
            std::fprintf(stderr, "simdjson_parse: cannot read %s\n", path.c_str());
            return 1;
        }
        bytes += text.size();
        const double start = cpu_ms();
        simdjson::dom::element root;
        if (parser.parse(text).get(root)) {
            std::fprintf(stderr, "simdjson_parse: %s is not JSON\n", path.c_str());
            return 1;
        }
        touch.visit(root);
        parse_ms += cpu_ms() - start;
    }
    std::printf("{\"files\":%zu,\"input_bytes\":%zu,\"values\":%zu,\"string_bytes\":%zu,\"number_sum\":%.3f,"
                "\"parse_cpu_ms\":%.1f,\"cpu_ms\":%.1f}\n",
                paths.size(), bytes, touch.values, touch.string_bytes, touch.numbers, parse_ms, cpu_ms());
    return 0;
}
