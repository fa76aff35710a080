/* Force-included into FreeXL's freexl.c only (cmake/excel.cmake): its file and text-conversion
   calls go to src/core/xls_read.cpp, so FreeXL reads a workbook held in memory (the page has no
   files) and converts code page 936 (GBK) with the same decoder as the CSV import, on glibc and
   on Emscripten alike. Plain C; declares, defines nothing. */
#ifndef IT2_XLS_FREEXL_SHIM_H
#define IT2_XLS_FREEXL_SHIM_H
#include <stddef.h>
#include <stdio.h>
#ifdef __cplusplus
extern "C" {
#endif
typedef void* it2_iconv_t;
FILE* it2_freexl_fopen(const char* path, const char* mode);
it2_iconv_t it2_iconv_open(const char* to, const char* from);
size_t it2_iconv(it2_iconv_t cd, char** in, size_t* in_left, char** out, size_t* out_left);
int it2_iconv_close(it2_iconv_t cd);
#ifdef __cplusplus
}
#endif
#ifndef IT2_XLS_SHIM_IMPLEMENTATION
#include <iconv.h>
#define fopen it2_freexl_fopen
#define iconv_t it2_iconv_t
#define iconv_open it2_iconv_open
#define iconv it2_iconv
#define iconv_close it2_iconv_close
#endif
#endif
