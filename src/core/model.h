// The loaded data: what one training-batch file holds after validation (format.md §1).
// Plain values only; every rule lives in rules/metrics, every check in load_batch.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "dates.h"

namespace it2 {

enum class PointStatus : uint8_t { selected, submitted, graded };
enum class Grade : uint8_t { none, excellent, pass, fail };  // 优秀 / 合格 / 不合格

struct Item {
    std::string title;
    Grade grade = Grade::none;
};

struct PointRecord {
    uint8_t point = 0;  // index into catalog()
    PointStatus status = PointStatus::selected;
    Grade grade = Grade::none;  // effective grade: derived from items when they are usable
    // The loader keeps only valid YYYY-MM-DD dates, so a day number (dates.h) holds all there is to
    // keep: 4 bytes instead of a 32-byte string, two per point (the largest part of the model).
    Day submitted = kNoDay, reviewed = kNoDay;  // iso_date() gives YYYY-MM-DD, or "" for kNoDay
    std::vector<Item> items;
};

struct Teacher {
    std::string id, name, subject, role, stage;
    double online = 0, practice = 0;
    std::vector<PointRecord> points;
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
};

}  // namespace it2
