#include "cli_io.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <map>

#include "export.h"

namespace it2::cli {

namespace {

namespace fs = std::filesystem;

bool stdout_failed = false;
int stdout_errno = 0;

bool has_extension(const fs::path& path, const std::vector<std::string>& extensions) {
    std::string ext = path.extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return char(std::tolower(c)); });
    return std::find(extensions.begin(), extensions.end(), ext) != extensions.end();
}

// Every file under `folder` with a wanted extension, and everything there that cannot be read.
void walk(const fs::path& folder, const std::vector<std::string>& extensions, std::vector<InputFile>& out) {
    std::error_code error;
    fs::directory_iterator it(folder, error), end;
    if (error) {
        out.push_back({folder.string(), folder.string(), error.value(), true});
        return;
    }
    for (; it != end; it.increment(error)) {
        const fs::path& path = it->path();
        // The entry's own type as the folder listing gave it (no stat per file: at 12,000 files
        // two stats each were most of the time before the first file was read); a link, or a
        // type the listing did not give, is asked of the file system.
        std::error_code type_error;
        const bool link = it->is_symlink(type_error);
        if (!type_error && !link && it->is_directory(type_error)) {  // not through links: a link loop must not recurse forever
            walk(path, extensions, out);
            continue;
        }
        if (!has_extension(path, extensions)) continue;
        if (!type_error && !link) {
            if (it->is_regular_file(type_error)) out.push_back({path.string(), path.string(), 0, false});
            else if (!type_error) out.push_back({path.string(), path.string(), kNotRegularFile, false});
            if (!type_error) continue;
        }
        const fs::file_status target = fs::status(path, type_error);
        if (type_error) out.push_back({path.string(), path.string(), type_error.value(), false});  // broken link
        else if (fs::is_regular_file(target)) out.push_back({path.string(), path.string(), 0, false});
        else if (fs::is_directory(target)) continue;  // a link to a folder named *.json: not followed
        else out.push_back({path.string(), path.string(), kNotRegularFile, false});  // a pipe or device: reading could block
    }
    if (error) out.push_back({folder.string(), folder.string(), error.value(), true});
}

}  // namespace

int read_input(const std::string& path, std::string& bytes) {
    bytes.clear();
    const bool is_stdin = path == "-";
    // Straight into `bytes` with read(2): no stdio buffer to allocate and copy through per file.
    const int fd = is_stdin ? STDIN_FILENO : ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return errno ? errno : EIO;
    // Regular files: one read of the known size (and one at EOF). Pipes, /dev/stdin, <(…):
    // st_size says nothing, so read until EOF in any case.
    struct stat info {};
    size_t room = 1 << 16;
    if (::fstat(fd, &info) == 0 && S_ISREG(info.st_mode) && info.st_size > 0) room = size_t(info.st_size) + 1;
    bytes.resize(room);
    size_t used = 0;
    int error = 0;
    for (;;) {
        if (used == bytes.size()) bytes.resize(bytes.size() * 2);
        const ssize_t got = ::read(fd, &bytes[used], bytes.size() - used);
        if (got < 0 && errno == EINTR) continue;
        if (got < 0) error = errno ? errno : EIO;
        if (got <= 0) break;
        used += size_t(got);
    }
    bytes.resize(used);
    if (!is_stdin) ::close(fd);
    return error;
}

bool expand_inputs(const std::vector<std::string>& inputs, const std::vector<std::string>& extensions,
                   std::vector<InputFile>& files) {
    bool stdin_seen = false;
    for (const std::string& input : inputs) {
        if (input == "-") {
            if (stdin_seen) {
                std::cerr << "it2: - (stdin) is given twice; it can be read only once\n";
                return false;
            }
            stdin_seen = true;
            files.push_back({"-", "<stdin>", 0, false});
            continue;
        }
        std::error_code error;
        const fs::file_status own = fs::symlink_status(input, error);
        if (!fs::exists(own)) {
            std::cerr << "it2: no such file or folder: " << input
                      << " (check the path; folders are read for *.json and *.csv)\n";
            return false;
        }
        if (fs::is_directory(fs::status(input, error))) {
            std::vector<InputFile> found;
            walk(input, extensions, found);
            std::sort(found.begin(), found.end(),
                      [](const InputFile& a, const InputFile& b) { return a.path < b.path; });
            files.insert(files.end(), found.begin(), found.end());
        } else {
            files.push_back({input, input, 0, false});  // a broken link given by name fails when read
        }
    }
    return true;
}

std::vector<std::string> summary_names(const std::vector<InputFile>& files) {
    std::map<std::string, int> uses;
    auto base_of = [](const InputFile& f) { return f.path == "-" ? f.display : fs::path(f.path).filename().string(); };
    for (const InputFile& f : files) ++uses[base_of(f)];
    std::vector<std::string> names;
    for (const InputFile& f : files) {
        const std::string base = base_of(f);
        names.push_back(uses[base] > 1 ? f.display : base);
    }
    return names;
}

std::string problem_line(const Problem& p, Lang lang) {
    return visible_controls(p.file + ":" + std::to_string(p.line) + ":" + std::to_string(p.column) + ": " +
                                severity_key(p.severity) + ": " + p.pointer + ": " + p.message(lang),
                            false);
}

void write_out(std::string_view text) {
    if (stdout_failed || text.empty()) return;
    if (std::fwrite(text.data(), 1, text.size(), stdout) != text.size()) {
        stdout_failed = true;
        stdout_errno = errno;
    }
}

int finish_output(int status) {
    if (!stdout_failed && std::fflush(stdout) != 0) {
        stdout_failed = true;
        stdout_errno = errno;
    }
    if (!stdout_failed) return status;
    std::cerr << "it2: cannot write the output: " << std::strerror(stdout_errno ? stdout_errno : EIO)
              << " (check the disk space, or where the output goes)\n";
    return kExitUsage;
}

}  // namespace it2::cli
