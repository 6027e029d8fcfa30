#include "CLibFuzzer.h"

// libFuzzer's entry for programs that keep their own main. Weak, so a build without libFuzzer
// links and sees it as absent.
extern int LLVMFuzzerRunDriver(int *argc, char ***argv,
                               int (*test_one_input)(const uint8_t *data, size_t size)) __attribute__((weak));

int plaidlua_libfuzzer_linked(void) { return LLVMFuzzerRunDriver != NULL; }

int plaidlua_libfuzzer_run(int *argc, char ***argv, plaidlua_fuzz_check check) {
    return LLVMFuzzerRunDriver(argc, argv, check);
}
