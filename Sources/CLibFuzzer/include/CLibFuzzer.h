#ifndef CLIBFUZZER_H
#define CLIBFUZZER_H

#include <stddef.h>
#include <stdint.h>

/// Checks one input; returns 0.
typedef int (*plaidlua_fuzz_check)(const uint8_t *data, size_t size);

/// Whether libFuzzer was linked in (scripts/fuzz.sh builds so); other builds replay inputs.
int plaidlua_libfuzzer_linked(void);

/// Hands control to libFuzzer, which parses its own options from argv and calls `check`.
int plaidlua_libfuzzer_run(int *argc, char ***argv, plaidlua_fuzz_check check);

#endif
