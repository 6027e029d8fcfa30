#ifndef CSQLITESETTINGS_H
#define CSQLITESETTINGS_H

/// Turns off SQLite's memory statistics, which PlaidLua never reads: with them on, every
/// allocation SQLite makes takes one process-wide mutex, which threads reading at once queue for.
/// Only takes effect before SQLite's first use in the process; returns SQLITE_OK (0) when it did,
/// SQLITE_MISUSE (21) when SQLite was already in use.
int sqlitesettings_disable_memory_statistics(void);

#endif
