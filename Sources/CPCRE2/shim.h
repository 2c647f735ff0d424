#ifndef ASSAY_CPCRE2_SHIM_H
#define ASSAY_CPCRE2_SHIM_H

/* Assay's bridge to the 8-bit PCRE2 library (libpcre2-8).
 *
 * Swift does not import PCRE2's generic names (pcre2_compile, pcre2_match, ...):
 * they are token-pasting macros. Call the `_8` functions instead
 * (pcre2_compile_8, pcre2_match_8, ...).
 *
 * PCRE2_ZERO_TERMINATED and PCRE2_UNSET are cast macros that Swift does not
 * import; they are re-exported below as typed constants. */

#define PCRE2_CODE_UNIT_WIDTH 8
#include <stddef.h>
#include <stdint.h>
#include <pcre2.h>

/* They are functions rather than `static const size_t`: Swift imports size_t as Int and
 * cannot represent the constant ~0 as an Int literal (the call returns -1 as an Int). */

/** PCRE2_UNSET: the ovector value of a capture group that did not participate. */
static inline size_t assay_pcre2_unset(void) { return PCRE2_UNSET; }

/** PCRE2_ZERO_TERMINATED: pass as a length to mean "NUL-terminated". */
static inline size_t assay_pcre2_zero_terminated(void) { return PCRE2_ZERO_TERMINATED; }

#endif
