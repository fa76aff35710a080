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

namespace {

std::vector<FileEntry> data_entries(std::string name, std::string_view bytes) {
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

uint64_t id_hash(std::string_view id) { return std::hash<std::string_view>()(id); }

// entry.id_hashes when they are for its data, else null.
const uint64_t* noted_hashes(const FileEntry& entry) {
    if (!entry.data || entry.hashed != entry.data || entry.id_hashes.size() != entry.data->teachers.size())
        return nullptr;
    return entry.id_hashes.data();
}

}  // namespace

void note_id_hashes(FileEntry& entry) {
    entry.id_hashes.clear();
    entry.hashed = entry.data;
    if (!entry.data) return;
    entry.id_hashes.reserve(entry.data->teachers.size());
    for (const Teacher& teacher : entry.data->teachers) entry.id_hashes.push_back(id_hash(teacher.id));
}

std::vector<FileEntry> load_data_entries(std::string name, std::string_view bytes) {
    std::vector<FileEntry> entries = data_entries(std::move(name), bytes);
    for (FileEntry& entry : entries) note_id_hashes(entry);
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

// Teacher id -> slot: open addressing over a power-of-two table of 8-byte (hash tag, slot)
// entries sized once for every id, an id compared through the caller (`same(slot)`) only when
// the tags match. std::unordered_map allocated a node per id. The table is read at random, a
// cache miss per id once it outgrows the cache (8 MB at 400,000 teachers): the caller hashes a
// few ids ahead and prefetches their entries, so the misses overlap.
class SlotTable {
public:
    explicit SlotTable(size_t ids) {
        size_t capacity = 16;
        while (capacity < ids * 2) capacity <<= 1;
        table_.assign(capacity, Entry{});
    }
    void prefetch(uint64_t hash) const {
#if defined(__GNUC__) || defined(__clang__)
        __builtin_prefetch(&table_[size_t(hash) & (table_.size() - 1)]);
#else
        (void)hash;
#endif
    }
    // The slot of the id whose hash is `hash`, and whether it is new (it then gets `next`).
    template <class Same>
    std::pair<uint32_t, bool> emplace(uint64_t hash, uint32_t next, const Same& same) {
        const size_t mask = table_.size() - 1;
        const uint32_t tag = uint32_t(sizeof(size_t) > 4 ? hash >> 32 : hash);  // wasm: a 32-bit hash
        for (size_t at = size_t(hash) & mask;; at = (at + 1) & mask) {
            Entry& e = table_[at];
            if (e.slot == kEmpty) {
                e = {tag, next};
                return {next, true};
            }
            if (e.tag == tag && same(e.slot)) return {e.slot, false};
        }
    }

private:
    static constexpr uint32_t kEmpty = UINT32_MAX;
    struct Entry {
        uint32_t tag = 0;  // the hash's upper half (its lower bits pick the entry)
        uint32_t slot = kEmpty;
    };
    std::vector<Entry> table_;
};

// Teacher id -> slot in merged.teachers, the ids (views into the files) kept by slot.
class IdSlots {
public:
    explicit IdSlots(size_t records) : table_(records) { ids_.reserve(records); }
    static uint64_t hash(std::string_view id) { return id_hash(id); }
    void prefetch(uint64_t hash) const { table_.prefetch(hash); }
    // The slot of `id` (whose hash() is `hash`), and whether it is new (it then gets the next
    // slot: ids seen so far).
    std::pair<uint32_t, bool> emplace(std::string_view id, uint64_t hash) {
        const auto found = table_.emplace(hash, uint32_t(ids_.size()), [&](uint32_t slot) { return ids_[slot] == id; });
        if (found.second) ids_.push_back(id);
        return found;
    }

private:
    SlotTable table_;
    std::vector<std::string_view> ids_;
};

constexpr size_t kPrefetchAhead = 4;  // the records are read from memory: overlap the misses
void prefetch_id(const Teacher& teacher) {
#if defined(__GNUC__) || defined(__clang__)
    __builtin_prefetch(&teacher.id);
    __builtin_prefetch(teacher.id.data());
#else
    (void)teacher;
#endif
}

// Whether file i's records take part in the merge: loaded, and not replaced by a later copy.
bool records_count(const std::vector<FileEntry>& files, const Merged& merged, size_t i) {
    return merged.file_status[i] != FileStatus::replaced && files[i].data;
}

// The winner rule, for both merges below: the latest batch start wins (missing start is the
// earliest); on a tie the file loaded last wins (`candidate` comes later in load order).
// Lexical order of ISO dates is date order.
void keep_winner(const std::vector<FileEntry>& files, TeacherRef& current, TeacherRef candidate) {
    if (files[size_t(candidate.file)].data->batch_start >= files[size_t(current.file)].data->batch_start)
        current = candidate;
}

// One winning record per teacher id (keep_winner).
// Keys are views of the ids in the loaded files (alive as long as the files): no copy per
// teacher. Fills merged.teachers (in load order of first appearance) and every counted
// record's slot in it, in load order.
void merge_winners(const std::vector<FileEntry>& files, Merged& merged, size_t records,
                   std::vector<uint32_t>& slot_of_record) {
    IdSlots slot_of(records);  // teacher id -> index into merged.teachers
    merged.teachers.reserve(records);
    slot_of_record.reserve(records);
    constexpr size_t kAhead = 16;  // ids hashed and their entries prefetched before the inserts
    uint64_t hashes[kAhead];
    for (size_t i = 0; i < files.size(); ++i) {
        if (!records_count(files, merged, i)) continue;
        const BatchFile& data = *files[i].data;
        const uint64_t* noted = noted_hashes(files[i]);
        for (size_t block = 0; block < data.teachers.size(); block += kAhead) {
            const size_t block_end = std::min(data.teachers.size(), block + kAhead);
            for (size_t t = block; t < block_end; ++t) {
                if (t + kAhead < data.teachers.size()) prefetch_id(data.teachers[t + kAhead]);
                hashes[t - block] = noted ? noted[t] : IdSlots::hash(data.teachers[t].id);
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
                keep_winner(files, merged.teachers[slot], candidate);
            }
        }
    }
}

// merge_winners() on threads, for the same result. The ids are hashed on the threads, in
// chunks of files, each chunk listing its records by group of ids (bits of the hash that pick
// no table entry); then each of kGroups groups visits its records in load order (chunk after
// chunk) with its own table, so the same record wins each id; last, one pass in load order
// numbers the ids by first appearance, as merge_winners() does.
constexpr size_t kParallelMergeRecords = 4096;  // below this the threads' hand-over costs more
constexpr size_t kGroups = 8;                   // a few per thread: a slowed thread takes fewer
constexpr size_t kChunks = 64;
size_t group_of(uint64_t hash) { return size_t(hash >> 29) & (kGroups - 1); }

void merge_winners_by_groups(const std::vector<FileEntry>& files, Merged& merged, size_t records,
                             const ParallelFor& parallel, std::vector<uint32_t>& slot_of_record) {
    std::vector<size_t> counted;  // files whose records count, in load order
    std::vector<size_t> first;    // each one's first record (records numbered in load order)
    for (size_t i = 0; i < files.size(); ++i) {
        if (!records_count(files, merged, i)) continue;
        first.push_back(counted.empty() ? 0 : first.back() + files[counted.back()].data->teachers.size());
        counted.push_back(i);
    }
    struct Record {
        uint64_t hash;
        TeacherRef ref;
    };
    const size_t chunks = std::min(kChunks, counted.size());
    std::vector<std::vector<Record>> lists(chunks * kGroups);  // chunk c, group g: lists[c * kGroups + g]
    std::vector<uint8_t> group_of_record(records);
    std::vector<uint64_t> hashes(records);
    for_ranges(parallel, chunks, [&](size_t begin, size_t end) {
        for (size_t c = begin; c < end; ++c) {
            const size_t k_begin = counted.size() * c / chunks, k_end = counted.size() * (c + 1) / chunks;
            size_t in_group[kGroups] = {};
            for (size_t k = k_begin; k < k_end; ++k) {
                const std::vector<Teacher>& teachers = files[counted[k]].data->teachers;
                const uint64_t* noted = noted_hashes(files[counted[k]]);
                for (size_t t = 0; t < teachers.size(); ++t) {
                    if (!noted && t + kPrefetchAhead < teachers.size()) prefetch_id(teachers[t + kPrefetchAhead]);
                    const uint64_t hash = noted ? noted[t] : IdSlots::hash(teachers[t].id);
                    const size_t g = group_of(hash);
                    hashes[first[k] + t] = hash;
                    group_of_record[first[k] + t] = uint8_t(g);
                    ++in_group[g];
                }
            }
            for (size_t g = 0; g < kGroups; ++g) lists[c * kGroups + g].reserve(in_group[g]);
            for (size_t k = k_begin; k < k_end; ++k) {
                const size_t count = files[counted[k]].data->teachers.size();
                for (size_t t = 0; t < count; ++t) {
                    const size_t r = first[k] + t;
                    lists[c * kGroups + group_of_record[r]].push_back({hashes[r], TeacherRef{int(counted[k]), int(t)}});
                }
            }
        }
    });
    struct Group {
        std::vector<TeacherRef> winners;  // by the group's own slot, numbered by first appearance
        std::vector<uint32_t> slots;      // the group's records' slots, in load order
    };
    std::vector<Group> groups(kGroups);
    for_ranges(parallel, kGroups, [&](size_t begin, size_t end) {
        for (size_t g = begin; g < end; ++g) {
            size_t n = 0;
            for (size_t c = 0; c < chunks; ++c) n += lists[c * kGroups + g].size();
            Group& group = groups[g];
            group.winners.reserve(n);
            group.slots.reserve(n);
            std::vector<TeacherRef> first_seen;  // a record of each slot's id, to compare ids with
            first_seen.reserve(n);
            SlotTable table(n);
            for (size_t c = 0; c < chunks; ++c) {
                for (const Record& record : lists[c * kGroups + g]) {
                    const TeacherRef& candidate = record.ref;
                    const BatchFile& data = *files[size_t(candidate.file)].data;
                    const auto [slot, inserted] = table.emplace(record.hash, uint32_t(first_seen.size()), [&](uint32_t s) {
                        const TeacherRef& seen = first_seen[s];
                        return files[size_t(seen.file)].data->teachers[size_t(seen.teacher)].id ==
                               data.teachers[size_t(candidate.teacher)].id;
                    });
                    group.slots.push_back(slot);
                    if (inserted) {
                        first_seen.push_back(candidate);
                        group.winners.push_back(candidate);
                        continue;
                    }
                    keep_winner(files, group.winners[slot], candidate);
                }
            }
        }
    });
    // The ids numbered by first appearance in load order: a group's slots are numbered so too.
    merged.teachers.reserve(records);
    slot_of_record.reserve(records);
    std::vector<std::vector<uint32_t>> slot_in_merged(kGroups);
    std::vector<size_t> next(kGroups, 0);    // each group's next record
    std::vector<uint32_t> seen(kGroups, 0);  // each group's ids so far
    for (size_t g = 0; g < kGroups; ++g) slot_in_merged[g].resize(groups[g].winners.size());
    for (const uint8_t g : group_of_record) {
        const uint32_t slot = groups[g].slots[next[g]++];
        if (slot == seen[g]) {  // the id's first record
            slot_in_merged[g][slot] = uint32_t(merged.teachers.size());
            merged.teachers.push_back(groups[g].winners[slot]);
            ++seen[g];
        }
        slot_of_record.push_back(slot_in_merged[g][slot]);
    }
}

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

Merged merge(const Workspace& ws, const ParallelFor& parallel) {
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

    // One winning record per teacher id (merge_winners()).
    size_t records = 0;
    for (size_t i = 0; i < files.size(); ++i)
        if (merged.file_status[i] != FileStatus::replaced && files[i].data) records += files[i].data->teachers.size();
    std::vector<uint32_t> slot_of_record;  // every counted record's slot, in the order visited
    if (parallel && sizeof(size_t) == 8 && records >= kParallelMergeRecords)
        merge_winners_by_groups(files, merged, records, parallel, slot_of_record);
    else
        merge_winners(files, merged, records, slot_of_record);
    merged.teachers.shrink_to_fit();  // ids seen twice leave the reserve too large
    // Every id once: no record lost, nothing to report.
    if (merged.teachers.size() == slot_of_record.size()) return merged;
    // Every record that lost is reported once, naming the final winner.
    size_t record = 0;
    for (size_t i = 0; i < files.size(); ++i) {
        if (!records_count(files, merged, i)) continue;
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
