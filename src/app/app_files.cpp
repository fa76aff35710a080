#include "app_files.h"

#include <algorithm>
#include <unordered_map>

#include <nlohmann/json.hpp>

#include "counts.h"
#include "export.h"
#include "page_files.h"
#include "page_views.h"
#include "policy.h"
#include "table_export.h"
#include "widgets.h"

namespace it2 {

namespace {

using nlohmann::json;
using ui::format;
using ui::Str;
using ui::tr;

std::string dump(const json& value) { return value.dump(-1, ' ', false, json::error_handler_t::replace); }

// Worse statuses win when a file's entries differ (a CSV with a rejected group).
int status_rank(FileStatus s) {
    switch (s) {
        case FileStatus::loaded: return 0;
        case FileStatus::replaced: return 1;
        case FileStatus::partial: return 2;
        case FileStatus::rejected: return 3;
    }
    return 3;
}

// The file a workspace entry came from: its own name, or a CSV's name before "#school/batch".
std::string source_of(const std::string& entry_name, const std::unordered_map<std::string, size_t>& sources) {
    if (sources.count(entry_name)) return entry_name;
    const size_t hash = entry_name.find('#');
    return hash == std::string::npos ? entry_name : entry_name.substr(0, hash);
}

bool entry_of(const std::string& entry_name, const std::string& source) {
    return entry_name == source || (entry_name.size() > source.size() && entry_name.compare(0, source.size(), source) == 0 &&
                                    entry_name[source.size()] == '#');
}

std::string joined(const std::vector<std::string>& names) {
    std::string out;
    for (const std::string& n : names) out += (out.empty() ? "" : "、") + n;
    return out;
}

}  // namespace

AppFiles::AppFiles(ui::Dashboard& dashboard) : d_(dashboard) {}

void AppFiles::say(const std::string& text) {
    pending_ = PendingNotice{};  // a newer notice replaces one still waiting for its counts
    d_.notice = text;
}

void AppFiles::reset_batch() {
    batch_files_ = batch_rejected_ = 0;
    batch_names_.clear();
    batch_policies_.clear();
    batch_replaced_.clear();
    batch_special_.clear();
    batch_too_large_.clear();
}

// The problems the summary lists for these files (a CSV's entries "name#school/batch" included),
// counted by the function the header uses.
int AppFiles::problems_of(const std::vector<std::string>& files) const {
    const ProblemCounts counts = count_problems(d_.summary.problems);
    int n = 0;
    for (const auto& [file, count] : counts.by_file) {
        for (const std::string& name : files) {
            if (entry_of(file, name)) {
                n += count;
                break;
            }
        }
    }
    return n;
}

void AppFiles::settle_notice() {
    if (!pending_.pending || d_.tracker.next_step() != Tracker::Step::none) return;
    const PendingNotice p = pending_;
    const Lang lang = d_.lang;
    const int problems = problems_of(p.counted);
    std::string text;
    if (p.single && p.rejected) {
        text = format(tr(Str::files_notice_rejected_one, lang),
                      p.files.front().c_str(), problems);
    } else if (p.single) {
        text = format(tr(Str::files_notice_loaded_one, lang), p.files.front().c_str(), problems);
    } else if (!p.files.empty()) {
        text = format(tr(Str::files_notice_loaded_many, lang),
                      int(p.files.size()), p.rejected_files, problems);
    }
    if (!p.replaced.empty()) {
        text += format(p.single ? tr(Str::files_notice_replaced_one, lang)
                                : tr(Str::files_notice_replaced_many, lang),
                       joined(p.replaced).c_str());
    }
    if (!p.tail.empty()) text += (text.empty() ? "" : " ") + p.tail;
    say(text);
}

std::string AppFiles::unused_name(const std::string& name) const {
    auto used = [&](const std::string& candidate) { return source_names_.count(candidate) > 0; };
    if (!used(name)) return name;
    // "school.json" → "school (2).json": the extension stays last, as a browser names a second download.
    const size_t slash = name.find_last_of('/');
    size_t dot = name.find_last_of('.');
    if (dot == std::string::npos || (slash != std::string::npos && dot < slash) || dot == 0) dot = name.size();
    for (int n = 2;; ++n) {
        std::string candidate = name.substr(0, dot) + " (" + std::to_string(n) + ")" + name.substr(dot);
        if (!used(candidate)) return candidate;
    }
}

std::string AppFiles::load(const std::string& given_name, std::string_view bytes) {
    const FileKind kind = sniff_file(given_name, bytes);  // the one look at what the file is
    // How a file opens is the core's one definition (open_file, tracker.h), as in `it2
    // summarize`: a workspace's files, nested workspaces too, come as parts of their own, in
    // order. A workspace's files are counted and reported with the load it is part of (or as a
    // load of their own when it was opened alone).
    const bool alone = kind == FileKind::workspace && !in_batch_;
    if (alone) begin_batch();
    std::string result;
    open_file(kind, given_name, bytes, [&](const OpenedPart& part) {
        std::string said = part.kind == FileKind::workspace ? load_workspace(part) : load_part(part.kind, part.name, part.bytes);
        if (part.depth == 0) result = std::move(said);
    });
    if (alone) end_batch();
    return result;
}

std::string AppFiles::load_part(FileKind kind, const std::string& given_name, std::string_view bytes) {
    const Lang lang = d_.lang;
    const bool is_policy = kind == FileKind::policy;
    // Every file keeps its own entry under a name of its own: a second "学校数据.json" (another
    // school's, or a broken copy) is added beside the first, never in its place.
    const std::string name = is_policy ? given_name : unused_name(given_name);
    const LoadResult loaded = d_.load(kind, name, bytes);
    const std::string& status = loaded.status;
    json result = {{"file", name}, {"status", status}, {"problems", loaded.problems}};

    // The same school and batch loaded again replaces the older copy (format.md §3).
    const std::vector<std::string>& replaced = loaded.replaced;
    if (is_policy) {
        batch_policies_.push_back(name);
        batch_special_ = status == "policy"
                             ? format(tr(Str::files_notice_policy_used, lang), name.c_str())
                             : format(tr(Str::files_notice_policy_rejected, lang),
                                      name.c_str());
    } else {
        sources_.push_back({name, next_seq_, bytes.size()});
        source_names_.insert(name);
        platform::keep_source(name, next_seq_++, bytes);
        ++files_revision_;
        if (!replaced.empty()) result["replaced"] = replaced;
        ++batch_files_;
        batch_names_.push_back(name);
        if (status == "rejected") ++batch_rejected_;
        for (const std::string& r : replaced) batch_replaced_.push_back(r);
    }
    if (!in_batch_) {
        if (is_policy) {
            say(batch_special_);
        } else {
            pending_ = PendingNotice{};
            pending_.pending = pending_.single = true;
            pending_.rejected = status == "rejected";
            pending_.files = pending_.counted = {name};
            pending_.replaced = replaced;
        }
        reset_batch();
    }
    return dump(result);
}

std::string AppFiles::load_workspace(const OpenedPart& part) {
    const Lang lang = d_.lang;
    // Its policy is in force once read; its files follow as parts, so that the page keeps each one.
    d_.load(part);
    const WorkspaceFileRead& read = *part.workspace;
    const std::string& name = part.name;
    json result;
    // A nested workspace's notice gives way to the one of the workspace the user opened.
    if (!read.ok) {
        const std::string why = read.problems.empty() ? std::string() : read.problems.front().message(lang);
        if (part.depth == 0)
            batch_special_ = format(tr(Str::files_notice_workspace_unreadable, lang), name.c_str(), why.c_str());
        result = {{"file", name}, {"status", "rejected"}, {"problems", int(read.problems.size())}};
    } else {
        // Its files are added in place, in order, like files picked one by one: nothing loaded
        // before it (in this load or earlier) is dropped; a copy of a school and batch already
        // loaded replaces the older one (format.md §3), as any file does.
        apply_settings(read.settings);
        if (part.depth == 0)
            batch_special_ = format(tr(Str::files_notice_workspace_opened, lang), name.c_str(), int(read.files.size()));
        result = {{"file", name}, {"status", "workspace"}, {"problems", int(read.problems.size())}, {"files", int(read.files.size())}};
    }
    return dump(result);
}

std::string AppFiles::refuse_too_large(const std::string& name) {
    if (batch_too_large_.empty()) batch_too_large_ = name;
    if (!in_batch_) {
        say(too_large_notice());
        batch_too_large_.clear();
    }
    return dump(json{{"file", name}, {"status", "too_large"}, {"problems", 0}});
}

std::string AppFiles::too_large_notice() const {
    return format(tr(Str::files_notice_too_large, d_.lang),
                  batch_files_, batch_too_large_.c_str());
}

void AppFiles::begin_batch() {
    in_batch_ = true;
    d_.batch_open = true;
    reset_batch();
}

void AppFiles::end_batch() {
    d_.batch_open = false;
    if (!in_batch_) return;
    in_batch_ = false;
    if (!batch_too_large_.empty()) {
        say(batch_special_.empty() ? too_large_notice() : too_large_notice() + " " + batch_special_);
    } else if (batch_files_ > 0) {
        // Said once the summary counts the batch's problems (settle_notice).
        pending_ = PendingNotice{};
        pending_.pending = true;
        pending_.files = pending_.counted = batch_names_;
        pending_.counted.insert(pending_.counted.end(), batch_policies_.begin(), batch_policies_.end());
        pending_.rejected_files = batch_rejected_;
        pending_.replaced = batch_replaced_;
        pending_.tail = batch_special_;
    } else if (!batch_special_.empty()) {
        say(batch_special_);
    }
    reset_batch();
}

void AppFiles::clear() {
    d_.clear();
    sources_.clear();
    source_names_.clear();
    platform::forget_all_sources();
    ++files_revision_;
    say(tr(Str::files_notice_cleared, d_.lang));
}

bool AppFiles::remove(const std::string& name) {
    const std::vector<FileEntry>& files = d_.workspace.files;
    bool found = false;
    for (size_t i = files.size(); i-- > 0;) {
        if (entry_of(files[i].name, name)) {
            d_.tracker.remove_file(i);
            found = true;
        }
    }
    const size_t sources_before = sources_.size();
    sources_.erase(std::remove_if(sources_.begin(), sources_.end(), [&](const Source& s) { return s.name == name; }),
                   sources_.end());
    source_names_.erase(name);
    if (!found && sources_.size() == sources_before) return false;
    platform::forget_source(name);
    d_.mark_data_changed();
    d_.refresh();
    ++files_revision_;
    say(format(tr(Str::files_notice_removed, d_.lang), name.c_str()));
    return true;
}

std::string AppFiles::export_csv(const std::string& table) {
    ui::TableText text;
    if (!ui::table_text(d_, table, text)) return "";
    return csv_export(text.header, text.rows);
}

std::string AppFiles::report_html(const std::string& scope) {
    d_.refresh();
    Scope s;
    if (!scope.empty() && scope != "district") {
        if (d_.school(scope) == nullptr) return "";
        s.kind = Scope::Kind::school;
        s.id = scope;
    }
    return it2::report_html(d_.workspace, d_.summary, d_.policy, s, d_.lang);
}

WorkspaceSettings AppFiles::settings() const {
    WorkspaceSettings s;
    s.language = d_.lang == Lang::zh ? "zh" : "en";
    s.text_size = d_.text_scale;
    if (d_.as_of != today_iso()) s.as_of = d_.as_of;  // "today" stays today on the next visit
    s.layout = view_key(d_.view);
    return s;
}

void AppFiles::apply_settings(const WorkspaceSettings& s) {
    if (s.language == "zh") d_.set_lang(Lang::zh);
    if (s.language == "en") d_.set_lang(Lang::en);
    if (s.text_size > 0) d_.set_text_scale(float(s.text_size));
    if (is_iso_date(s.as_of)) d_.set_as_of(s.as_of);
    if (!s.layout.empty()) open_view(d_, s.layout, "");
}

void AppFiles::write_workspace(const std::function<void(std::string_view)>& write) const {
    size_t next = 0;
    auto next_file = [&](StoredFile& file) {
        while (next < sources_.size()) {
            file.name = sources_[next++].name;
            if (platform::source_bytes(file.name, file.bytes)) return true;
        }
        return false;
    };
    write_workspace_file(next_file, d_.policy, settings(), write);
}

std::string AppFiles::workspace_file() const {
    std::string out;
    write_workspace([&](std::string_view piece) { out += piece; });
    return out;
}

void AppFiles::save_workspace(const std::string& download_name) const {
    platform::download_begin();
    write_workspace([](std::string_view piece) { platform::download_append(piece); });
    platform::download_finish(download_name, "application/json");
}

std::string AppFiles::school_workspace_file(const std::string& school_id, const std::string& as_of) const {
    // Only the files with some of this school's data are fetched from the page (and filtered).
    std::unordered_map<std::string, size_t> source_index;
    for (size_t i = 0; i < sources_.size(); ++i) source_index.emplace(sources_[i].name, i);
    std::vector<bool> has_school(sources_.size(), false);
    for (const FileEntry& entry : d_.workspace.files) {
        if (!entry.data || entry.data->school_id != school_id) continue;
        const auto it = source_index.find(source_of(entry.name, source_index));
        if (it != source_index.end()) has_school[it->second] = true;
    }
    std::vector<StoredFile> files;
    for (size_t i = 0; i < sources_.size(); ++i) {
        StoredFile file{sources_[i].name, {}};
        if (has_school[i] && platform::source_bytes(file.name, file.bytes)) files.push_back(std::move(file));
    }
    WorkspaceSettings fixed = settings();
    if (!as_of.empty()) fixed.as_of = as_of;
    return write_school_workspace_file(files, d_.policy, fixed, school_id);
}

std::string AppFiles::settings_fingerprint() const {
    const WorkspaceSettings s = settings();
    json stored = {{"format", "it2-settings"},
                   {"settings", {{"language", s.language}, {"text_size", s.text_size}, {"as_of", s.as_of}, {"layout", s.layout}}}};
    json policy = json::parse(policy_json(d_.policy), nullptr, false);
    if (!policy.is_discarded()) stored["policy"] = policy;
    json view_state = json::object();  // sort orders and filters (issue 12)
    for (const auto& [key, value] : d_.kept_view_state()) view_state[key] = value;
    stored["view_state"] = view_state;
    return dump(stored);
}

std::string AppFiles::persist_state() const {
    json files = json::array();
    for (const Source& s : sources_) files.push_back({{"name", s.name}, {"seq", s.seq}, {"size", s.size}});
    json state = {{"files", files}};
    state["stored"] = json::parse(settings_fingerprint(), nullptr, false);
    return dump(state);
}

bool AppFiles::restore_settings(std::string_view text) {
    const json stored = json::parse(text.begin(), text.end(), nullptr, false);
    if (stored.is_discarded() || !stored.is_object()) return false;
    const auto format_it = stored.find("format");
    if (format_it == stored.end() || !format_it->is_string() || format_it->get<std::string>() != "it2-settings") return false;
    const auto settings_it = stored.find("settings");
    if (settings_it != stored.end() && settings_it->is_object()) {
        WorkspaceSettings s;
        auto text_of = [&](const char* key) {
            const auto it = settings_it->find(key);
            return it != settings_it->end() && it->is_string() ? it->get<std::string>() : std::string();
        };
        s.language = text_of("language");
        s.as_of = text_of("as_of");
        s.layout = text_of("layout");
        const auto size_it = settings_it->find("text_size");
        if (size_it != settings_it->end() && size_it->is_number()) s.text_size = size_it->get<double>();
        apply_settings(s);
    }
    if (const auto view_it = stored.find("view_state"); view_it != stored.end() && view_it->is_object()) {
        for (const auto& [key, value] : view_it->items())
            if (value.is_string()) d_.restore_view_state(key, value.get<std::string>());
    }
    bool policy_used = true;
    const auto policy_it = stored.find("policy");
    if (policy_it != stored.end()) {
        PolicyLoad loaded = load_policy("localStorage", policy_it->is_object() ? dump(*policy_it) : std::string("null"));
        if (loaded.ok) {
            d_.tracker.set_policy(loaded.policy);
        } else {
            // E.g. a policy saved by a newer version of the page: its problems are listed, and
            // false makes the page set the stored text aside (and say so) before it is overwritten.
            d_.tracker.add_policy_problems(loaded.problems);
            policy_used = false;
        }
    }
    persisted_settings_ = settings_fingerprint();  // what is stored already needs no saving
    return policy_used;
}

void AppFiles::storage_problem(const std::string& detail) {
    if (storage_problem_said_) return;
    storage_problem_said_ = true;
    say(format(tr(Str::files_notice_storage, d_.lang), detail.c_str()));
}

void AppFiles::unreadable(const std::string& what, const std::string& detail) {
    const std::string text = format(tr(Str::files_notice_unreadable, d_.lang),
                                    what.c_str(), detail.c_str());
    if (pending_.pending) {
        pending_.tail += (pending_.tail.empty() ? "" : " ") + text;  // after the load's own notice
        return;
    }
    say(d_.notice.empty() ? text : d_.notice + " " + text);
}

void AppFiles::set_aside(const std::string& what, const std::string& key) {
    say(format(tr(Str::files_notice_set_aside, d_.lang),
               what.c_str(), key.c_str()));
}

void AppFiles::rebuild_rows() {
    d_.refresh();
    window.rows.clear();
    std::unordered_map<std::string, size_t> row_of;
    for (const Source& s : sources_) {
        row_of[s.name] = window.rows.size();
        window.rows.push_back({s.name, "loaded", 0});
    }
    std::vector<int> rank(window.rows.size(), 0);
    const ProblemCounts counts = count_problems(d_.summary.problems);  // as the header and the problems view count
    const std::vector<FileEntry>& files = d_.workspace.files;
    for (size_t i = 0; i < files.size(); ++i) {
        const auto it = row_of.find(source_of(files[i].name, row_of));
        if (it == row_of.end()) continue;
        ui::FileRow& row = window.rows[it->second];
        const FileStatus status = i < d_.merged.file_status.size() ? d_.merged.file_status[i] : files[i].status;
        if (status_rank(status) >= rank[it->second]) {
            rank[it->second] = status_rank(status);
            row.status = file_status_key(status);
        }
        row.problems += counts.of_file(files[i].name);
    }
    rows_revision_ = files_revision_;
}

void AppFiles::after_frame() {
    settle_notice();
    if (window.open && rows_revision_ != files_revision_ && !d_.loading_burst() && !d_.refreshing()) rebuild_rows();
    ui::draw_files_window(d_, window);

    bool changed = files_revision_ != persisted_revision_;
    if (++frames_since_policy_check_ >= 20 || changed) {
        frames_since_policy_check_ = 0;
        std::string fingerprint = settings_fingerprint();
        if (fingerprint != persisted_settings_) {
            persisted_settings_ = std::move(fingerprint);
            changed = true;
        }
    }
    if (changed) {
        persisted_revision_ = files_revision_;
        platform::persist_changed();
    }
}

}  // namespace it2
