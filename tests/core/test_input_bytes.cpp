// The CLI's InputBytes (src/cli/cli_io.h): a file's bytes without a copy (a regular file is
// mapped) or read (a pipe, an empty file). Whatever way, the bytes must be the file's, the
// errors read_input's, and a moved or reopened InputBytes must not leave a view into a mapping
// that is gone.
#include <doctest/doctest.h>

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <thread>

#include "../../src/cli/cli_io.h"

using namespace it2;

namespace {

struct TempDir {
    std::string path;
    TempDir() {
        char name[] = "/tmp/it2-input-bytes-XXXXXX";
        REQUIRE(::mkdtemp(name) != nullptr);
        path = name;
    }
    ~TempDir() { std::system(("rm -rf '" + path + "'").c_str()); }
    std::string write(const std::string& name, const std::string& bytes) const {
        const std::string file = path + "/" + name;
        FILE* out = std::fopen(file.c_str(), "wb");
        REQUIRE(out != nullptr);
        REQUIRE(std::fwrite(bytes.data(), 1, bytes.size(), out) == bytes.size());
        std::fclose(out);
        return file;
    }
};

std::string some_bytes(size_t n, unsigned seed) {
    std::string s(n, '\0');
    for (size_t i = 0; i < n; ++i) {
        seed = seed * 1103515245u + 12345u;
        s[i] = char(seed >> 16);  // every byte value, NUL included
    }
    return s;
}

}  // namespace

TEST_CASE("InputBytes gives a regular file's bytes, as read_input reads them, and the same errors") {
    TempDir dir;
    for (size_t n : {size_t(1), size_t(4095), size_t(4096), size_t(4097), size_t(5) << 20}) {
        CAPTURE(n);
        const std::string bytes = some_bytes(n, unsigned(n));
        const std::string file = dir.write("f" + std::to_string(n), bytes);
        cli::InputBytes input;
        REQUIRE(input.open(file) == 0);
        CHECK(input.view() == bytes);
        std::string read;
        REQUIRE(cli::read_input(file, read) == 0);
        CHECK(read == bytes);
    }
    cli::InputBytes input;
    CHECK(input.open(dir.write("empty", "")) == 0);
    CHECK(input.empty());
    CHECK(input.open(dir.path + "/missing") == ENOENT);
    CHECK(input.empty());
    CHECK(input.open(dir.path) == EISDIR);  // a folder: read(2)'s error, as read_input gives it
    std::string unused;
    CHECK(cli::read_input(dir.path, unused) == EISDIR);
}

TEST_CASE("InputBytes reads what is not a regular file to its end: a pipe") {
    int fds[2];
    REQUIRE(::pipe(fds) == 0);
    const std::string bytes = some_bytes(300000, 7);  // more than a pipe holds: written while read
    std::thread writer([&] {
        size_t done = 0;
        while (done < bytes.size()) {
            const ssize_t n = ::write(fds[1], bytes.data() + done, bytes.size() - done);
            if (n <= 0) break;
            done += size_t(n);
        }
        ::close(fds[1]);
    });
    cli::InputBytes input;
    const int error = input.open("/dev/fd/" + std::to_string(fds[0]));
    writer.join();
    ::close(fds[0]);
    CHECK(error == 0);
    CHECK(input.view() == bytes);
}

TEST_CASE("a moved or reopened InputBytes leaves no view into a mapping that is gone") {
    TempDir dir;
    const std::string a = some_bytes(100000, 1), b = some_bytes(70000, 2);
    const std::string file_a = dir.write("a", a), file_b = dir.write("b", b);
    cli::InputBytes first;
    REQUIRE(first.open(file_a) == 0);
    ::unlink(file_a.c_str());  // the mapping keeps the bytes of a file removed after it was opened
    cli::InputBytes second(std::move(first));
    CHECK(first.empty());
    CHECK(second.view() == a);
    cli::InputBytes third;
    REQUIRE(third.open(file_b) == 0);
    third = std::move(second);  // b's mapping is released, a's moves over
    CHECK(second.empty());
    CHECK(third.view() == a);
    REQUIRE(third.open(file_b) == 0);  // reopening releases a's mapping first
    CHECK(third.view() == b);
    third = cli::InputBytes();
    CHECK(third.empty());
}

TEST_CASE("a mapped file shortened while it is read stops the process with exit status 2, not a bus error") {
    TempDir dir;
    const std::string file = dir.write("shrinks", some_bytes(3 << 20, 3));
    const pid_t child = ::fork();
    REQUIRE(child >= 0);
    if (child == 0) {  // only system calls and no allocation here: the test process has threads
        ::close(STDERR_FILENO);  // the message is not wanted in the test's output
        cli::InputBytes input;
        if (input.open(file) != 0) ::_exit(10);
        if (::truncate(file.c_str(), 0) != 0) ::_exit(11);
        unsigned sum = 0;
        for (char c : input.view()) sum += unsigned(static_cast<unsigned char>(c));  // faults past the new end
        ::_exit(sum == 0 ? 12 : 13);  // reached only if nothing faulted
    }
    int status = 0;
    REQUIRE(::waitpid(child, &status, 0) == child);
    REQUIRE(WIFEXITED(status));  // not killed by SIGBUS
    CHECK(WEXITSTATUS(status) == cli::kExitUsage);
}
