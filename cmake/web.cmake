# The web page: SDL2 (compiled from source with emcc), Dear ImGui, the App and the platform glue,
# linked into app.js + app.wasm, then bundled with the page, font and demo data into ONE file,
# dist/it2-tracker.html (the wasm travels inside it gzip'd; see scripts/bundle-page.py).
# Included by CMakeLists.txt when EMSCRIPTEN; driven by build-wasm.sh.

set(IT2_IMGUI_DIR "" CACHE PATH "Dear ImGui 1.92.x source folder (imgui.cpp, backends/)")
set(IT2_SDL2_DIR "" CACHE PATH "SDL2 2.26.x source folder (include/, src/)")
set(IT2_CJK_FONT "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc" CACHE FILEPATH
    "Noto Sans CJK collection (Debian: fonts-noto-cjk)")
set(IT2_CJK_FONT_INDEX "2" CACHE STRING "Face index of Noto Sans CJK SC in the collection")
set(IT2_DIST_DIR "${CMAKE_SOURCE_DIR}/dist" CACHE PATH "Where the page is written")

foreach(required_dir IT2_IMGUI_DIR IT2_SDL2_DIR)
  if(NOT EXISTS "${${required_dir}}")
    message(FATAL_ERROR "${required_dir} is not set or missing ('${${required_dir}}'): run ./build-wasm.sh, which fetches the sources and passes it.")
  endif()
endforeach()
if(NOT EXISTS "${IT2_IMGUI_DIR}/imgui.cpp" OR NOT EXISTS "${IT2_IMGUI_DIR}/backends/imgui_impl_sdl2.cpp")
  message(FATAL_ERROR "IT2_IMGUI_DIR=${IT2_IMGUI_DIR} does not look like Dear ImGui (no imgui.cpp or backends/).")
endif()
if(NOT EXISTS "${IT2_SDL2_DIR}/include/SDL.h" OR NOT EXISTS "${IT2_SDL2_DIR}/src/video/emscripten")
  message(FATAL_ERROR "IT2_SDL2_DIR=${IT2_SDL2_DIR} does not look like SDL2 source (no include/SDL.h or src/video/emscripten).")
endif()

# No exceptions on the page: nlohmann/json then reports errors as values (parse(..., false) +
# is_discarded()) and the wasm carries no unwinding tables. Set for the core here too, with the
# rest of the code generation options the node benchmark shares (IT2_WASM_CODEGEN, CMakeLists.txt).
set(IT2_WEB_CXX_OPTIONS ${IT2_WASM_CODEGEN})
target_compile_options(it2_core PRIVATE ${IT2_WEB_CXX_OPTIONS})

# ---- SDL2 for the Emscripten platform, compiled straight from its sources ------------------
# (-sUSE_SDL=2 would write to Emscripten's frozen cache and download SDL: not possible here.)
# The file list follows Emscripten's own port (tools/ports/sdl2.py) for the 2.26 tree.
set(sdl_src "${IT2_SDL2_DIR}/src")
file(GLOB IT2_SDL2_SOURCES
  ${sdl_src}/*.c
  ${sdl_src}/atomic/*.c
  ${sdl_src}/audio/*.c ${sdl_src}/audio/disk/*.c ${sdl_src}/audio/dummy/*.c ${sdl_src}/audio/emscripten/*.c
  ${sdl_src}/cpuinfo/*.c
  ${sdl_src}/dynapi/*.c
  ${sdl_src}/events/*.c
  ${sdl_src}/file/*.c
  ${sdl_src}/filesystem/emscripten/*.c
  ${sdl_src}/haptic/*.c ${sdl_src}/haptic/dummy/*.c
  ${sdl_src}/hidapi/SDL_hidapi.c
  ${sdl_src}/joystick/*.c ${sdl_src}/joystick/emscripten/*.c ${sdl_src}/joystick/virtual/*.c
  ${sdl_src}/libm/*.c
  ${sdl_src}/loadso/dlopen/*.c
  ${sdl_src}/locale/*.c ${sdl_src}/locale/emscripten/*.c
  ${sdl_src}/misc/*.c ${sdl_src}/misc/emscripten/*.c
  ${sdl_src}/power/*.c ${sdl_src}/power/emscripten/*.c
  ${sdl_src}/render/*.c ${sdl_src}/render/*/*.c
  ${sdl_src}/sensor/*.c ${sdl_src}/sensor/dummy/*.c
  ${sdl_src}/stdlib/*.c
  ${sdl_src}/thread/*.c ${sdl_src}/thread/generic/*.c
  ${sdl_src}/timer/*.c ${sdl_src}/timer/unix/*.c
  ${sdl_src}/video/*.c ${sdl_src}/video/dummy/*.c ${sdl_src}/video/emscripten/*.c ${sdl_src}/video/yuv2rgb/*.c)
add_library(it2_sdl2 STATIC ${IT2_SDL2_SOURCES})
# Emscripten's sysroot carries SDL 1.2 headers: SDL2's own include folder must come first.
target_include_directories(it2_sdl2 BEFORE PUBLIC "${IT2_SDL2_DIR}/include")
target_include_directories(it2_sdl2 PRIVATE "${sdl_src}")
target_compile_options(it2_sdl2 PRIVATE -O2 -w)
set_target_properties(it2_sdl2 PROPERTIES ARCHIVE_OUTPUT_DIRECTORY "${CMAKE_BINARY_DIR}/sdl2"
                                          OUTPUT_NAME SDL2)

# ---- Dear ImGui + its SDL2 and OpenGL3 (WebGL2) backends -----------------------------------
add_library(it2_imgui STATIC
  ${IT2_IMGUI_DIR}/imgui.cpp ${IT2_IMGUI_DIR}/imgui_draw.cpp ${IT2_IMGUI_DIR}/imgui_tables.cpp
  ${IT2_IMGUI_DIR}/imgui_widgets.cpp ${IT2_IMGUI_DIR}/imgui_demo.cpp
  ${IT2_IMGUI_DIR}/backends/imgui_impl_sdl2.cpp ${IT2_IMGUI_DIR}/backends/imgui_impl_opengl3.cpp
  ${IT2_IMGUI_DIR}/misc/cpp/imgui_stdlib.cpp)
target_include_directories(it2_imgui SYSTEM PUBLIC "${IT2_IMGUI_DIR}" "${IT2_IMGUI_DIR}/backends"
                                                   "${IT2_IMGUI_DIR}/misc/cpp")
# -iquote: only "…" includes look here (src/ui/strings.h must not shadow the C library's <strings.h>).
target_compile_options(it2_imgui PUBLIC "-iquote${CMAKE_SOURCE_DIR}/src/app")
# Our switches live in src/app/imgui_config.h; ImGui's files stay untouched.
target_compile_definitions(it2_imgui PUBLIC IMGUI_USER_CONFIG="imgui_config.h")
# -Os (after IT2_WEB_CXX_OPTIONS, so it wins over the build type's -O3), here and for the page's own
# code below; the core keeps -O3. V8 compiles each wasm function the first time it runs, and the
# first frame runs ImGui's and the dashboard's biggest: with -O3 inlining them, that compile was
# most of the first frame (190 ms of it; 40 ms with every function compiled ahead). -Os made the
# wasm 11 % smaller and the first frame 50-120 ms sooner at 1x and 200-320 ms at 4x (medians of
# alternating runs); per frame the difference was within the machine's noise, at most ~0.2 ms
# (docs/performance.md, session 12).
# The SDL2 backend uses EMSCRIPTEN_KEEPALIVE via em_js.h, which Emscripten 3.1.6 does not define there.
target_compile_options(it2_imgui PRIVATE -include emscripten.h ${IT2_WEB_CXX_OPTIONS} -Os)
target_link_libraries(it2_imgui PUBLIC it2_sdl2)

# ---- the app -------------------------------------------------------------------------------
file(GLOB IT2_UI_SOURCES CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/src/ui/*.cpp)
add_executable(it2_page
  ${CMAKE_SOURCE_DIR}/src/platform/web_main.cpp
  ${CMAKE_SOURCE_DIR}/src/platform/web_exports.cpp
  ${CMAKE_SOURCE_DIR}/src/app/app.cpp
  ${CMAKE_SOURCE_DIR}/src/app/app_files.cpp
  ${CMAKE_SOURCE_DIR}/src/app/page_probe.cpp
  ${CMAKE_SOURCE_DIR}/src/app/page_views.cpp
  ${CMAKE_SOURCE_DIR}/src/platform/platform_web.cpp
  ${CMAKE_SOURCE_DIR}/src/platform/page_files_web.cpp
  ${IT2_UI_SOURCES})
target_compile_options(it2_page PRIVATE "-iquote${CMAKE_SOURCE_DIR}/src" "-iquote${CMAKE_SOURCE_DIR}/src/app"
                                       "-iquote${CMAKE_SOURCE_DIR}/src/ui" "-iquote${CMAKE_SOURCE_DIR}/src/platform")
target_link_libraries(it2_page PRIVATE it2_core it2_imgui)
target_compile_options(it2_page PRIVATE -Wall -Wextra ${IT2_WEB_CXX_OPTIONS} -Os)  # -Os: see it2_imgui above
set_target_properties(it2_page PROPERTIES OUTPUT_NAME app SUFFIX ".js"
                                          RUNTIME_OUTPUT_DIRECTORY "${CMAKE_BINARY_DIR}/page")
set(IT2_PAGE_EXPORTS
  _main _malloc _free
  _it2_load_file _it2_clear _it2_summary_json _it2_set_view _it2_state_json
  _it2_frame_count _it2_add_input_text _it2_paste_text _it2_free_string
  _it2_export_csv _it2_report_html _it2_remove_file _it2_workspace_file _it2_persist_state
  _it2_restore_settings _it2_storage_problem _it2_set_aside _it2_begin_batch _it2_end_batch
  _it2_live_heap_bytes _it2_unreadable _it2_room_for _it2_refuse_too_large
  _it2_set_memory_ceiling_for_test _it2_abort_for_test
  _it2_school_page_html _it2_show_own_school)
# The most memory the page may use: the link flag and web_exports.cpp's check before each file
# (it2_room_for) read the same number, so a file too big is refused, not an abort.
set(IT2_MAXIMUM_MEMORY 2147483648)  # 2 GB: the largest Emscripten 3.1.6 grows to without 4 GB pointer support
target_compile_definitions(it2_page PRIVATE IT2_MAXIMUM_MEMORY=${IT2_MAXIMUM_MEMORY})
string(REPLACE ";" "," IT2_PAGE_EXPORTS_CSV "${IT2_PAGE_EXPORTS}")
target_link_options(it2_page PRIVATE ${IT2_WASM_LINK}
  -sENVIRONMENT=web
  -sUSE_WEBGL2=1 -sMIN_WEBGL_VERSION=2 -sMAX_WEBGL_VERSION=2
  -sGL_SUPPORT_AUTOMATIC_ENABLE_EXTENSIONS=0
  -sALLOW_MEMORY_GROWTH=1 -sINITIAL_MEMORY=64MB -sMAXIMUM_MEMORY=${IT2_MAXIMUM_MEMORY}
  -sEXPORTED_FUNCTIONS=${IT2_PAGE_EXPORTS_CSV}
  -sEXPORTED_RUNTIME_METHODS=UTF8ToString,stringToUTF8,lengthBytesUTF8
  -sERROR_ON_UNDEFINED_SYMBOLS=1)

# ---- font: Noto Sans CJK SC cut to the 8,105 standard characters + what the UI and demo use --
file(GLOB IT2_FONT_TEXT_SOURCES CONFIGURE_DEPENDS
  ${CMAKE_SOURCE_DIR}/src/ui/*.cpp ${CMAKE_SOURCE_DIR}/src/ui/*.h
  ${CMAKE_SOURCE_DIR}/src/app/*.cpp ${CMAKE_SOURCE_DIR}/src/app/*.h
  ${CMAKE_SOURCE_DIR}/data/demo/*.json)
set(IT2_FONT "${CMAKE_BINARY_DIR}/font/it2-noto-sans-sc.otf")
add_custom_command(
  OUTPUT "${IT2_FONT}"
  COMMAND "${IT2_PYTHON}" "${CMAKE_SOURCE_DIR}/scripts/subset-font.py"
          --font "${IT2_CJK_FONT}" --index "${IT2_CJK_FONT_INDEX}" --unihan "${IT2_UNIHAN_DIR}"
          --out "${IT2_FONT}" ${IT2_FONT_TEXT_SOURCES}
  DEPENDS "${CMAKE_SOURCE_DIR}/scripts/subset-font.py" ${IT2_FONT_TEXT_SOURCES}
  COMMENT "Subsetting Noto Sans CJK SC (8,105 standard characters + UI and demo characters)"
  VERBATIM)

# ---- the page: one self-contained HTML file ----------------------------------------------------
file(GLOB IT2_WEB_FILES CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/web/*)
file(GLOB IT2_DEMO_FILES CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/data/demo/*.json)
set(IT2_PAGE "${IT2_DIST_DIR}/it2-tracker.html")
add_custom_command(
  OUTPUT "${IT2_PAGE}"
  COMMAND "${IT2_PYTHON}" "${CMAKE_SOURCE_DIR}/scripts/bundle-page.py"
          --template "${CMAKE_SOURCE_DIR}/web/page.html" --web "${CMAKE_SOURCE_DIR}/web"
          --app "$<TARGET_FILE:it2_page>" --wasm "${CMAKE_BINARY_DIR}/page/app.wasm" --font "${IT2_FONT}"
          --out "${IT2_PAGE}" ${IT2_DEMO_FILES}
  DEPENDS "${CMAKE_SOURCE_DIR}/scripts/bundle-page.py" it2_page "$<TARGET_FILE:it2_page>"
          "${IT2_FONT}" ${IT2_WEB_FILES} ${IT2_DEMO_FILES}
  COMMENT "Bundling dist/it2-tracker.html"
  VERBATIM)
add_custom_target(it2_tracker_html ALL DEPENDS "${IT2_PAGE}")
