#ifndef CCHILDPROCESS_H
#define CCHILDPROCESS_H

#include <sys/types.h>

/// Starts `path` (searched on PATH when it has no '/') with `argv` and `envp`, its standard
/// input, output and error taken from the three descriptors, in `directory` when not NULL.
/// Every other descriptor is closed in the child, and signals get their default handling and an
/// empty mask. Returns 0 or an errno value.
int childprocess_spawn(pid_t *pid, const char *path, char *const argv[], char *const envp[],
                       const char *directory, int input, int output, int error);

/// A pipe whose two ends close on exec. Returns 0 or -1 with errno set.
int childprocess_pipe(int ends[2]);

#endif
