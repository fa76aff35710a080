# The Excel libraries (docs/csv-import.md, "Excel"): zlib, expat, FreeXL and libxlsxwriter,
# compiled from Debian's pinned source tarballs (scripts/fetch-excel-sources.sh fetches and checks
# them into third_party/ when missing) into one static library, it2_excel, for the command line and
# the page alike. Their own build systems are not used: the few files each needs are listed here,
# with the settings their configure scripts would have found (one config for glibc and Emscripten).
set(IT2_EXCEL_SOURCES_DIR "${CMAKE_SOURCE_DIR}/third_party" CACHE PATH
    "Folder holding zlib-1.3.1, expat-2.5.0, freexl-2.0.0 and libxlsxwriter-1.1.4 (fetched when missing)")
set(IT2_ZLIB_DIR "${IT2_EXCEL_SOURCES_DIR}/zlib-1.3.1")
set(IT2_EXPAT_DIR "${IT2_EXCEL_SOURCES_DIR}/expat-2.5.0/expat")
set(IT2_FREEXL_DIR "${IT2_EXCEL_SOURCES_DIR}/freexl-2.0.0")
set(IT2_XLSXWRITER_DIR "${IT2_EXCEL_SOURCES_DIR}/libxlsxwriter-1.1.4")
if(NOT EXISTS "${IT2_ZLIB_DIR}/inflate.c" OR NOT EXISTS "${IT2_EXPAT_DIR}/lib/xmlparse.c" OR
   NOT EXISTS "${IT2_FREEXL_DIR}/src/freexl.c" OR NOT EXISTS "${IT2_XLSXWRITER_DIR}/src/workbook.c")
  message(STATUS "Fetching the Excel libraries' sources (scripts/fetch-excel-sources.sh)")
  execute_process(COMMAND bash "${CMAKE_SOURCE_DIR}/scripts/fetch-excel-sources.sh"
                  RESULT_VARIABLE it2_fetch_result)
  if(NOT it2_fetch_result EQUAL 0)
    message(FATAL_ERROR "The Excel libraries' sources could not be fetched (see above). Run "
            "scripts/fetch-excel-sources.sh by hand, or set IT2_EXCEL_SOURCES_DIR to a folder holding them.")
  endif()
endif()

set(IT2_EXCEL_GENERATED "${CMAKE_BINARY_DIR}/excel-config")
file(WRITE "${IT2_EXCEL_GENERATED}/expat_config.h.in" [=[
#define BYTEORDER 1234
#define HAVE_MEMMOVE 1
#define XML_CONTEXT_BYTES 1024
#define XML_NS 1
#define XML_POOR_ENTROPY 1
]=])
configure_file("${IT2_EXCEL_GENERATED}/expat_config.h.in" "${IT2_EXCEL_GENERATED}/expat_config.h" COPYONLY)
file(WRITE "${IT2_EXCEL_GENERATED}/config.h.in" [=[
/* FreeXL 2.0.0 built for .xls only (its .xlsx/.ods readers are not used: xlsx_read.cpp reads .xlsx). */
#define OMIT_XMLDOC 1
#define HAVE_ICONV_H 1
#define HAVE_STDLIB_H 1
#define HAVE_STRING_H 1
#define HAVE_MATH_H 1
#define VERSION "2.0.0"
#define PACKAGE_VERSION "2.0.0"
]=])
configure_file("${IT2_EXCEL_GENERATED}/config.h.in" "${IT2_EXCEL_GENERATED}/config.h" COPYONLY)

set(IT2_ZLIB_SOURCES adler32.c compress.c crc32.c deflate.c inffast.c inflate.c inftrees.c trees.c uncompr.c zutil.c)
list(TRANSFORM IT2_ZLIB_SOURCES PREPEND "${IT2_ZLIB_DIR}/")
file(GLOB IT2_XLSXWRITER_SOURCES "${IT2_XLSXWRITER_DIR}/src/*.c")
add_library(it2_excel STATIC ${IT2_ZLIB_SOURCES}
            "${IT2_EXPAT_DIR}/lib/xmlparse.c" "${IT2_EXPAT_DIR}/lib/xmlrole.c" "${IT2_EXPAT_DIR}/lib/xmltok.c"
            "${IT2_FREEXL_DIR}/src/freexl.c"
            ${IT2_XLSXWRITER_SOURCES}
            "${IT2_XLSXWRITER_DIR}/third_party/minizip/zip.c" "${IT2_XLSXWRITER_DIR}/third_party/minizip/ioapi.c"
            "${IT2_XLSXWRITER_DIR}/third_party/md5/md5.c" "${IT2_XLSXWRITER_DIR}/third_party/dtoa/emyg_dtoa.c")
target_include_directories(it2_excel SYSTEM PUBLIC "${IT2_ZLIB_DIR}" "${IT2_EXPAT_DIR}/lib" "${IT2_FREEXL_DIR}/headers"
                                                  "${IT2_XLSXWRITER_DIR}/include")
target_include_directories(it2_excel PRIVATE "${IT2_EXCEL_GENERATED}")
target_compile_definitions(it2_excel PRIVATE HAVE_EXPAT_CONFIG_H XML_STATIC NOCRYPT NOUNCRYPT USE_STANDARD_TMPFILE
                                              USE_DTOA_LIBRARY Z_HAVE_UNISTD_H)
# FreeXL reads from memory and converts text with the core's decoders (src/core/xls_read.cpp): its
# fopen and iconv calls are renamed to the shim's.
set_source_files_properties("${IT2_FREEXL_DIR}/src/freexl.c" PROPERTIES
  COMPILE_OPTIONS "-include;${CMAKE_SOURCE_DIR}/src/core/xls_freexl_shim.h")
set_target_properties(it2_excel PROPERTIES POSITION_INDEPENDENT_CODE ON C_STANDARD 99)
# Third-party code: its warnings are not ours to fix.
target_compile_options(it2_excel PRIVATE -w)
