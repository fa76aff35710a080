#include "cli_io.h"

#include <dirent.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <iterator>
#include <string_view>
#include <unordered_map>

#include "export.h"

namespace it2::cli {

namespace {

namespace fs = std::filesystem;

bool stdout_failed = false;
int stdout_errno = 0;

// The extension as std::filesystem::path::extension() gives it for a file named `name`: from
// its last '.', none for ".", ".." or a name whose only '.' comes first (".json").
bool has_extension(std::string_view name, const std::vector<std::string>& extensions) {
    const size_t dot = name.rfind('.');
    if (dot == std::string_view::npos || dot == 0 || name == "..") return false;
    std::string ext(name.substr(dot));
    std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return char(std::tolower(c)); });
    return std::find(extensions.begin(), extensions.end(), ext) != extensions.end();
}

// Every file under `folder` with a wanted extension, and everything there that cannot be read.
// With opendir/readdir and the type the listing gives: at 12,000 files, std::filesystem's
// iterator (a path split into components for every entry) and a stat or two per file took
// tens of milliseconds before the first file was read, with both cores but one idle.
void walk(const std::string& folder, const std::vector<std::string>& extensions, std::vector<InputFile>& out) {
    DIR* dir = ::opendir(folder.c_str());
    if (!dir) {
        out.push_back({folder, folder, errno ? errno : EIO, true});
        return;
    }
    const std::string prefix = folder.back() == '/' ? folder : folder + '/';
    for (;;) {
        errno = 0;
        const dirent* entry = ::readdir(dir);
        if (!entry) {
            if (errno != 0) out.push_back({folder, folder, errno, true});
            break;
        }
        const std::string_view name = entry->d_name;
        if (name == "." || name == "..") continue;
        std::string path = prefix;
        path += name;
        unsigned char type = entry->d_type;
        struct stat info {};
        if (type == DT_UNKNOWN && ::lstat(path.c_str(), &info) == 0) type = IFTODT(info.st_mode);
        if (type == DT_DIR) {  // not through links: a link loop must not recurse forever
            walk(path, extensions, out);
            continue;
        }
        if (!has_extension(name, extensions)) continue;
        if (type == DT_REG) {
            out.push_back({path, path, 0, false});
            continue;
        }
        if (type != DT_LNK && type != DT_UNKNOWN) {  // a pipe or device: reading could block
            out.push_back({path, path, kNotRegularFile, false});
            continue;
        }
        if (::stat(path.c_str(), &info) != 0) out.push_back({path, path, errno ? errno : EIO, false});  // broken link
        else if (S_ISREG(info.st_mode)) out.push_back({path, path, 0, false});
        else if (S_ISDIR(info.st_mode)) continue;  // a link to a folder named *.json: not followed
        else out.push_back({path, path, kNotRegularFile, false});
    }
    ::closedir(dir);
}

// Reads `fd` until EOF into `bytes`. 0 on success, else the errno of the failure.
int read_all(int fd, std::string& bytes) {
    // Straight into `bytes` with read(2): no stdio buffer to allocate and copy through per file.
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
    return error;
}

// A mapped file shortened by another process while it is read faults with SIGBUS. Nothing has
// been written from it then (partials are parsed before any output): say what happened and
// exit as for a partial that cannot be read, instead of dying with "Bus error".
void on_bus_error(int) {
    static const char message[] =
        "it2: an input file was shortened by another program while it was read; stopped, nothing written\n";
    const ssize_t written = ::write(STDERR_FILENO, message, sizeof message - 1);
    (void)written;
    ::_exit(kExitUsage);
}

void catch_bus_errors() {
    static const bool installed = [] {
        struct sigaction action {};
        action.sa_handler = on_bus_error;
        sigemptyset(&action.sa_mask);
        return ::sigaction(SIGBUS, &action, nullptr) == 0;
    }();
    (void)installed;
}

}  // namespace

int read_input(const std::string& path, std::string& bytes) {
    bytes.clear();
    if (path == "-") return read_all(STDIN_FILENO, bytes);
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return errno ? errno : EIO;
    const int error = read_all(fd, bytes);
    ::close(fd);
    return error;
}

InputBytes::~InputBytes() {
    if (map_) ::munmap(map_, size_);
}

void InputBytes::swap(InputBytes& other) noexcept {
    std::swap(map_, other.map_);
    std::swap(size_, other.size_);
    read_.swap(other.read_);
}

int InputBytes::open(const std::string& path) {
    InputBytes().swap(*this);
    if (path == "-") return read_all(STDIN_FILENO, read_);
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return errno ? errno : EIO;
    struct stat info {};
    if (::fstat(fd, &info) == 0 && S_ISREG(info.st_mode) && info.st_size > 0) {
        catch_bus_errors();
        void* map = ::mmap(nullptr, size_t(info.st_size), PROT_READ, MAP_PRIVATE, fd, 0);
        if (map != MAP_FAILED) {
            ::madvise(map, size_t(info.st_size), MADV_SEQUENTIAL);  // read once, front to back
            map_ = map;
            size_ = size_t(info.st_size);
        }
    }
    const int error = map_ ? 0 : read_all(fd, read_);  // not a regular file, or not mappable: read
    ::close(fd);
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
            files.insert(files.end(), std::make_move_iterator(found.begin()), std::make_move_iterator(found.end()));
        } else {
            files.push_back({input, input, 0, false});  // a broken link given by name fails when read
        }
    }
    return true;
}

std::vector<std::string> summary_names(const std::vector<InputFile>& files) {
    // The base name: after the last '/' (what fs::path::filename() gives for these paths, none
    // of which ends in '/'), found once per file.
    std::vector<std::string_view> bases;
    bases.reserve(files.size());
    for (const InputFile& f : files) {
        const std::string_view path = f.path == "-" ? std::string_view(f.display) : std::string_view(f.path);
        const size_t slash = f.path == "-" ? std::string_view::npos : path.rfind('/');
        bases.push_back(slash == std::string_view::npos ? path : path.substr(slash + 1));
    }
    std::unordered_map<std::string_view, int> uses;
    uses.reserve(files.size());
    for (std::string_view base : bases) ++uses[base];
    std::vector<std::string> names;
    names.reserve(files.size());
    for (size_t i = 0; i < files.size(); ++i)
        names.emplace_back(uses[bases[i]] > 1 ? std::string_view(files[i].display) : bases[i]);
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
