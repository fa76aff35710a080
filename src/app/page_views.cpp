#include "page_views.h"

namespace it2 {

using namespace ui;

namespace {

const char* const kViewKeys[kViewCount] = {"district", "school", "teacher", "capability", "problems", "rules", "help"};

}  // namespace

const char* view_key(View v) { return kViewKeys[int(v)]; }

bool view_from_key(std::string_view key, View& out) {
    for (int i = 0; i < kViewCount; ++i) {
        if (key == kViewKeys[i]) {
            out = View(i);
            return true;
        }
    }
    if (key == "levels") {
        out = View::capability;
        return true;
    }
    return false;
}

bool open_view(ui::Dashboard& d, const std::string& name, const std::string& arg) {
    d.refresh();
    View v;
    if (!view_from_key(name, v)) return false;
    switch (v) {
        case View::school:
            if (!arg.empty() && !d.school(arg)) return false;
            d.open_school(arg);
            return true;
        case View::teacher:
            if (arg.empty()) {
                if (!d.teacher(d.teacher_id)) return false;
            } else if (!d.teacher(arg)) {
                return false;
            }
            d.open_teacher(arg.empty() ? d.teacher_id : arg);
            return true;
        case View::capability: {
            Scope scope;
            if (arg.empty()) {
                scope.kind = Scope::Kind::district;
            } else if (d.school(arg)) {
                scope.kind = Scope::Kind::school;
                scope.id = arg;
            } else if (d.batch(arg)) {
                scope.kind = Scope::Kind::batch;
                scope.id = arg;
            } else {
                return false;
            }
            d.open_capability(scope);
            return true;
        }
        default:
            d.view = v;
            return true;
    }
}

}  // namespace it2
