// The loaded data: what one training-batch file holds after validation (format.md §1).
// Plain values only; every rule lives in rules/metrics, every check in load_batch.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "dates.h"

namespace it2 {

// A text of a loaded record (an id, a name, an item's title): a view of bytes kept in its
// BatchFile's TextStore (or of a string literal). It cannot be made from a std::string, whose
// bytes would go with it: `teacher.id = file.text.keep(s)` says where the bytes live.
struct Text : std::string_view {
    constexpr Text() = default;
    constexpr Text(std::string_view s) : std::string_view(s) {}  // NOLINT: bytes that outlive the record
    constexpr Text(const char* literal) : std::string_view(literal) {}  // NOLINT
    Text(const std::string&) = delete;
    std::string str() const { return std::string(*this); }
};
// Messages are built with + as from std::strings.
inline std::string operator+(std::string a, Text b) { return a.append(b); }
inline std::string operator+(Text a, const std::string& b) { return std::string(a).append(b); }

// The bytes of one file's record texts, each copied in once: one block per few hundred records
// instead of a heap string per id, name and title. Blocks never move, so the views stay valid as
// long as the store lives, the BatchFile moved or not; a store cannot be copied (the copy's views
// would still point into this one).
class TextStore {
public:
    TextStore() = default;
    // A moved-from store is empty: it must not write on into the block it gave away.
    TextStore(TextStore&& other) noexcept { swap(other); }
    TextStore& operator=(TextStore&& other) noexcept {
        TextStore(std::move(other)).swap(*this);
        return *this;
    }
    TextStore(const TextStore&) = delete;
    TextStore& operator=(const TextStore&) = delete;

    // The bytes of `s`, kept; "" needs no bytes.
    Text keep(std::string_view s) {
        if (s.empty()) return {};
        if (s.size() > left_) grow(s.size());
        char* at = next_;
        std::char_traits<char>::copy(at, s.data(), s.size());
        next_ += s.size();
        left_ -= s.size();
        return std::string_view(at, s.size());
    }
    // The first block's size: about what the file's texts will take (later blocks double).
    void expect(size_t bytes) { block_ = bytes < kMinBlock ? kMinBlock : bytes; }
    size_t capacity() const { return held_; }  // bytes allocated (the tests check it)

private:
    static constexpr size_t kMinBlock = 256, kMaxBlock = size_t(1) << 20;
    void swap(TextStore& other) noexcept {
        blocks_.swap(other.blocks_);
        std::swap(next_, other.next_);
        std::swap(left_, other.left_);
        std::swap(held_, other.held_);
        std::swap(block_, other.block_);
    }
    void grow(size_t at_least) {
        const size_t size = at_least > block_ ? at_least : block_;
        blocks_.emplace_back(new char[size]);  // not zero-filled: every byte used is written first
        next_ = blocks_.back().get();
        left_ = size;
        held_ += size;
        if (block_ < kMaxBlock) block_ *= 2;
    }
    std::vector<std::unique_ptr<char[]>> blocks_;
    char* next_ = nullptr;
    size_t left_ = 0, held_ = 0, block_ = 1024;
};

enum class PointStatus : uint8_t { selected, submitted, graded };
enum class Grade : uint8_t { none, excellent, pass, fail };  // 优秀 / 合格 / 不合格

struct Item {
    Text title;
    Grade grade = Grade::none;
};

struct PointRecord {
    uint8_t point = 0;  // index into catalog()
    PointStatus status = PointStatus::selected;
    Grade grade = Grade::none;  // effective grade: derived from items when they are usable
    // The loader keeps only valid YYYY-MM-DD dates, so a day number (dates.h) holds all there is to
    // keep: 4 bytes instead of a 32-byte string, two per point (the largest part of the model).
    Day submitted = kNoDay, reviewed = kNoDay;  // iso_date() gives YYYY-MM-DD, or "" for kNoDay
    // Its items, BatchFile::items_of(): one vector per file instead of one per point (20 bytes a
    // point instead of 40, and no allocation per point that has items).
    uint32_t first_item = 0, item_count = 0;
};

// A record's points or a point's items: a range of its BatchFile's points or items.
template <class T>
struct Span {
    const T* first = nullptr;
    const T* last = nullptr;
    const T* begin() const { return first; }
    const T* end() const { return last; }
    size_t size() const { return size_t(last - first); }
    bool empty() const { return first == last; }
    const T& operator[](size_t i) const { return first[i]; }
};
using ItemRange = Span<Item>;
using PointRange = Span<PointRecord>;

struct Teacher {
    Text id, name, subject, role, stage;  // in the file's TextStore
    double online = 0, practice = 0;
    // Its points, BatchFile::points_of(): one vector per file instead of one per teacher (no
    // allocation per teacher; 120 bytes a record instead of 136).
    uint32_t first_point = 0, point_count = 0;
    int index = 0;  // position in the file's "teachers" array (for JSON pointers)
    int line = 0, column = 0;  // where the record starts in its file (merge warnings); 0 unknown
};

struct Activity {
    std::string date, title;
    double hours = 0;
    int participants = 0;
};

// One deliverable: present or not, with its date when known.
struct Deliverable {
    bool present = false;
    std::string date;  // empty when absent or given as `true`
};

struct BatchFile {
    std::string file;  // the file name as given by the user
    std::string district_code, district_name;
    std::string school_id, school_name, school_stage;
    char environment = 0;  // 'A' / 'B' / 'C', 0 when not given
    Deliverable management_team, development_plan, training_plan;
    std::string batch_id, batch_name, batch_start, batch_end;  // dates ISO or empty
    std::vector<Activity> activities;
    std::vector<Teacher> teachers;
    std::vector<PointRecord> points;  // every teacher's points, teacher after teacher (Teacher::first_point)
    std::vector<Item> items;          // every point's items, point after point (PointRecord::first_item)
    TextStore text;                   // the bytes of the teachers' and items' texts

    PointRange points_of(const Teacher& t) const {
        return {points.data() + t.first_point, points.data() + t.first_point + t.point_count};
    }
    ItemRange items_of(const PointRecord& p) const {
        return {items.data() + p.first_item, items.data() + p.first_item + p.item_count};
    }
};

}  // namespace it2
