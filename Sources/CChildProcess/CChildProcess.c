#define _GNU_SOURCE
#include "CChildProcess.h"

#include <signal.h>
#include <spawn.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

int childprocess_spawn(pid_t *pid, const char *path, char *const argv[], char *const envp[],
                       const char *directory, int input, int output, int error) {
    posix_spawn_file_actions_t actions;
    posix_spawnattr_t attributes;
    int status = posix_spawn_file_actions_init(&actions);
    if (status != 0) return status;
    status = posix_spawnattr_init(&attributes);
    if (status != 0) {
        posix_spawn_file_actions_destroy(&actions);
        return status;
    }
    sigset_t empty, all;
    sigemptyset(&empty);
    sigfillset(&all);
    posix_spawnattr_setsigmask(&attributes, &empty);
    posix_spawnattr_setsigdefault(&attributes, &all);
    posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
    if ((status = posix_spawn_file_actions_adddup2(&actions, input, 0)) == 0
        && (status = posix_spawn_file_actions_adddup2(&actions, output, 1)) == 0
        && (status = posix_spawn_file_actions_adddup2(&actions, error, 2)) == 0
        && (status = posix_spawn_file_actions_addclosefrom_np(&actions, 3)) == 0
        && (directory == NULL || (status = posix_spawn_file_actions_addchdir_np(&actions, directory)) == 0)) {
        status = strchr(path, '/') ? posix_spawn(pid, path, &actions, &attributes, argv, envp)
                                   : posix_spawnp(pid, path, &actions, &attributes, argv, envp);
    }
    posix_spawnattr_destroy(&attributes);
    posix_spawn_file_actions_destroy(&actions);
    return status;
}

int childprocess_pipe(int ends[2]) {
    return pipe2(ends, O_CLOEXEC);
}
