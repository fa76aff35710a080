// Our Dear ImGui compile-time switches (IMGUI_USER_CONFIG), so ImGui's own files stay untouched.
// Every switch here applies to ImGui itself and to every file that includes imgui.h.
#pragma once

// Ext-B characters (U+20000…, common in personal names) need 32-bit ImWchar.
#define IMGUI_USE_WCHAR32

// Size: the page ships no demo window and no metrics/debug tools.
#define IMGUI_DISABLE_DEMO_WINDOWS
#define IMGUI_DISABLE_DEBUG_TOOLS

// We build against 1.92 only: keep the API free of pre-1.92 names.
#define IMGUI_DISABLE_OBSOLETE_FUNCTIONS

// No shell on the web (ImGui's SDL2 backend opens URLs through window.open itself).
#define IMGUI_DISABLE_DEFAULT_SHELL_FUNCTIONS
