#include "workspace.h"

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstring>
#include <map>
#include <string_view>
#include <utility>
#include <vector>

#include "csv_import.h"
#include "xlsx_import.h"

namespace it2 {

std::vector<FileEntry> load_data_entries(std::string name, std::string_view bytes) {
    // A platform CSV becomes one entry per (school, batch): the same model as batch files.
    // .xlsx / .xls go through the CSV import's mapping (xlsx_import.h).
    if (looks_like_workbook(name, bytes)) return workbook_file_entries(name, bytes);
    if (looks_like_csv(name, bytes)) return csv_file_entries(name, bytes);
    BatchLoad load = load_batch(name, bytes);
    std::vector<FileEntry> entries(1);
    FileEntry& entry = entries.back();
    entry.name = std::move(name);
    entry.status = load.status;
    entry.data = std::move(load.data);  // null when rejected: the file is listed, no data changes
    entry.problems = std::move(load.problems);
    return entries;
}

const FileEntry& Workspace::add(std::string name, std::string_view bytes) {
    for (FileEntry& entry : load_data_entries(std::move(name), bytes)) files.push_back(std::move(entry));
    return files.back();
}

FileEntry unreadable_entry(const std::string& name, int error, bool folder) {
    std::string zh, en;
    switch (error) {
        case kNotRegularFile: zh = "不是普通文件（管道、套接字或设备），未读取"; en = "not a regular file (a pipe, socket or device); not read"; break;
        case ENOENT: zh = "文件不存在或是失效的链接"; en = "no such file, or a broken link"; break;
        case EACCES:
        case EPERM: zh = "没有读取权限"; en = "permission denied"; break;
        case EISDIR: zh = "这是一个文件夹，不是文件"; en = "it is a folder, not a file"; break;
        case ELOOP: zh = "符号链接循环"; en = "too many levels of symbolic links"; break;
        case EIO: zh = "读取时出现输入/输出错误（磁盘或设备故障）"; en = "input/output error while reading (a disk or device fault)"; break;
        default:
            zh = std::string("读取失败（") + std::strerror(error) + "）";
            en = std::string("reading failed (") + std::strerror(error) + ")";
    }
    Problem p;
    p.file = name;
    p.severity = Severity::error;
    p.message_zh = (folder ? "无法读取文件夹：" : "无法读取文件：") + zh +
                   (folder ? "；其中的文件未载入，其余文件照常载入" : "；整个文件未载入，其余文件照常载入");
    p.message_en = (folder ? "cannot read the folder: " : "cannot read the file: ") + en +
                   (folder ? "; the files in it were not loaded, the other files load as usual"
                           : "; the whole file was not loaded, the other files load as usual");
    FileEntry entry;
    entry.name = name;
    entry.status = FileStatus::rejected;
    entry.problems.push_back(std::move(p));
    return entry;
}

void Workspace::remove(size_t index) {
    if (index < files.size()) files.erase(files.begin() + long(index));
}

namespace {

// Teacher id -> slot in merged.teachers: open addressing over a power-of-two table of 8-byte
// (hash tag, slot) entries sized once for every record, the ids (views into the files) kept by
// slot and compared only when the tags match. std::unordered_map allocated a node per id. The
// table is read at random, a cache miss per id once it outgrows the cache (8 MB at 400,000
// teachers): the caller hashes a few ids ahead and prefetches their entries, so the misses overlap.
class IdSlots {
public:
    explicit IdSlots(size_t records) {
        size_t capacity = 16;
        while (capacity < records * 2) capacity <<= 1;
        table_.assign(capacity, Entry{});
        ids_.reserve(records);
    }
    static uint64_t hash(std::string_view id) { return std::hash<std::string_view>()(id); }
    void prefetch(uint64_t hash) const {
#if defined(__GNUC__) || defined(__clang__)
        __builtin_prefetch(&table_[size_t(hash) & (table_.size() - 1)]);
#else
        (void)hash;
#endif
    }
    // The slot of `id` (whose hash() is `hash`), and whether it is new (it then gets the next
    // slot: ids seen so far).
    std::pair<uint32_t, bool> emplace(std::string_view id, uint64_t hash) {
        const size_t mask = table_.size() - 1;
        const uint32_t tag = uint32_t(sizeof(size_t) > 4 ? hash >> 32 : hash);  // wasm: a 32-bit hash
        for (size_t at = size_t(hash) & mask;; at = (at + 1) & mask) {
            Entry& e = table_[at];
            if (e.slot == kEmpty) {
                e = {tag, uint32_t(ids_.size())};
                ids_.push_back(id);
                return {e.slot, true};
            }
            if (e.tag == tag && ids_[e.slot] == id) return {e.slot, false};
        }
    }

private:
    static constexpr uint32_t kEmpty = UINT32_MAX;
    struct Entry {
        uint32_t tag = 0;  // the hash's upper half (its lower bits pick the entry)
        uint32_t slot = kEmpty;
    };
    std::vector<Entry> table_;
    std::vector<std::string_view> ids_;
};

std::string batch_label(const BatchFile& file) {
    return file.batch_id + (file.batch_start.empty() ? std::string() : ", " + file.batch_start);
}

}  // namespace

long LatestCopies::note(const FileEntry& file, size_t index) {
    if (!file.data) return -1;
    const BatchFile& data = *file.data;
    auto [it, inserted] = latest_.emplace(std::make_pair(std::string_view(data.school_id), std::string_view(data.batch_id)), index);
    if (inserted) return -1;
    const size_t earlier = it->second;
    it->second = index;
    return long(earlier);
}

Merged merge(const Workspace& ws) {
    Merged merged;
    const std::vector<FileEntry>& files = ws.files;
    merged.file_status.reserve(files.size());
    for (const FileEntry& f : files) merged.file_status.push_back(f.data ? f.status : FileStatus::rejected);

    // The same (school id, batch id) loaded again replaces the earlier copy.
    LatestCopies latest_copies;
    for (size_t i = 0; i < files.size(); ++i) {
        const long replaced = latest_copies.note(files[i], i);
        if (replaced < 0) continue;
        const BatchFile& data = *files[i].data;
        const size_t earlier = size_t(replaced);
        merged.file_status[earlier] = FileStatus::replaced;
        Problem p;
        p.file = files[earlier].name;
        p.severity = Severity::warning;
        p.message_zh = files[i].name + " 含有同一学校（" + data.school_id + "）同一批次（" + data.batch_id +
                       "）的数据；本文件已被它替换，不再计入统计";
        p.message_en = files[i].name + " holds the same school (" + data.school_id + ") and batch (" +
                       data.batch_id + "); this file was replaced by it and no longer counts";
        merged.problems.push_back(std::move(p));
    }

    // One winning record per teacher id: the latest batch start wins (missing start is the
    // earliest); on a tie the file loaded last wins. Lexical order of ISO dates is date order.
    // Keys are views of the ids in the loaded files (alive as long as `ws`): no copy per teacher.
    size_t records = 0;
    for (size_t i = 0; i < files.size(); ++i)
        if (merged.file_status[i] != FileStatus::replaced && files[i].data) records += files[i].data->teachers.size();
    IdSlots slot_of(records);  // teacher id -> index into merged.teachers
    merged.teachers.reserve(records);
    std::vector<uint32_t> slot_of_record;  // every counted record's slot, in the order visited
    slot_of_record.reserve(records);
    constexpr size_t kAhead = 16;  // ids hashed and their entries prefetched before the inserts
    uint64_t hashes[kAhead];
    for (size_t i = 0; i < files.size(); ++i) {
        if (merged.file_status[i] == FileStatus::replaced || !files[i].data) continue;
        const BatchFile& data = *files[i].data;
        for (size_t block = 0; block < data.teachers.size(); block += kAhead) {
            const size_t block_end = std::min(data.teachers.size(), block + kAhead);
            for (size_t t = block; t < block_end; ++t) {
                hashes[t - block] = IdSlots::hash(data.teachers[t].id);
                slot_of.prefetch(hashes[t - block]);
            }
            for (size_t t = block; t < block_end; ++t) {
                TeacherRef candidate{int(i), int(t)};
                const auto [slot, inserted] = slot_of.emplace(data.teachers[t].id, hashes[t - block]);
                slot_of_record.push_back(slot);
                if (inserted) {
                    merged.teachers.push_back(candidate);
                    continue;
                }
                TeacherRef& current = merged.teachers[slot];
                const std::string& current_start = files[size_t(current.file)].data->batch_start;
                if (data.batch_start >= current_start) current = candidate;  // later file: wins ties
            }
        }
    }
    merged.teachers.shrink_to_fit();  // ids seen twice leave the reserve too large
    // Every id once: no record lost, nothing to report.
    if (merged.teachers.size() == slot_of_record.size()) return merged;

    // Every record that lost is reported once, naming the final winner.
    size_t record = 0;
    for (size_t i = 0; i < files.size(); ++i) {
        if (merged.file_status[i] == FileStatus::replaced || !files[i].data) continue;
        const BatchFile& data = *files[i].data;
        for (size_t t = 0; t < data.teachers.size(); ++t) {
            const Teacher& teacher = data.teachers[t];
            const TeacherRef& winner = merged.teachers[slot_of_record[record++]];
            if (winner.file == int(i) && winner.teacher == int(t)) continue;
            const FileEntry& winning_file = files[size_t(winner.file)];
            Problem p;
            p.file = files[i].name;
            p.severity = Severity::warning;
            p.pointer = "/teachers/" + std::to_string(teacher.index);
            p.line = teacher.line;
            p.column = teacher.column;
            p.teacher_id = teacher.id;
            p.message_zh = "教师编号 " + teacher.id + "（" + teacher.name + "）也出现在 " + winning_file.name +
                           "（批次 " + batch_label(*winning_file.data) +
                           "）；以那条记录为准（开始日期最晚的批次优先，相同时以后载入的文件为准），此条记录不计入统计";
            p.message_en = "teacher id " + teacher.id + " (" + teacher.name + ") also appears in " +
                           winning_file.name + " (batch " + batch_label(*winning_file.data) +
                           "); that record counts (the batch with the latest start wins, ties go to the file "
                           "loaded last) and this one is not counted";
            merged.problems.push_back(std::move(p));
        }
    }
    return merged;
}

}  // namespace it2
