#include <sqlite3.h>

// SQLITE_TRANSIENT is a macro casting -1 to a function pointer, which Swift cannot import.
static inline void (*csqlite_transient(void))(void *) { return (void (*)(void *))-1; }

// sqlite3_config is variadic, which Swift cannot call; these settings take effect only before
// the library initialises. No memory statistics: they take one process-wide mutex on every
// allocation, and nothing reads them. No bulk page-cache allocation per pager: each temporary
// b-tree (an ORDER BY the indexes cannot give, a DISTINCT) opens a pager of its own, and its
// bulk of ~20 pages is above glibc's mmap threshold, so every such query mapped and unmapped
// memory (page faults, and TLB shootdowns on the other core).
static inline int csqlite_configure_library(void) {
    int rc = sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
    if (rc == SQLITE_OK) rc = sqlite3_config(SQLITE_CONFIG_PAGECACHE, (void *)0, 0, 0);
    return rc;
}
