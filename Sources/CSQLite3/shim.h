#ifndef ASSAY_CSQLITE3_SHIM_H
#define ASSAY_CSQLITE3_SHIM_H

#include <sqlite3.h>

/// SQLITE_TRANSIENT is a cast macro `((sqlite3_destructor_type)-1)` that Swift cannot import.
/// Passing it to sqlite3_bind_* makes SQLite copy the bytes before the call returns.
static inline sqlite3_destructor_type assay_sqlite_transient(void) {
    return SQLITE_TRANSIENT;
}

/// SQLITE_STATIC (`(sqlite3_destructor_type)0`): the caller keeps the bytes alive until rebind/reset.
static inline sqlite3_destructor_type assay_sqlite_static(void) {
    return SQLITE_STATIC;
}

#endif
