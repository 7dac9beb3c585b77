// SwiftPM links an executable's entry point under the name `<module>_main` (`--defsym main=<module>_main`), so
// that tests can link executables. A fuzz target is built with -parse-as-library and has no entry point of its
// own: each `<target>_main` here hands the process to libFuzzer's driver, which calls the target's
// `LLVMFuzzerTestOneInput`.
#include "FuzzDriver.h"

#define FUZZ_MAIN(target) \
    int target##_main(int argc, char **argv) { return LLVMFuzzerRunDriver(&argc, &argv, LLVMFuzzerTestOneInput); }

FUZZ_MAIN(FuzzMultipart)
FUZZ_MAIN(FuzzEngineIO)
FUZZ_MAIN(FuzzSocketIO)
FUZZ_MAIN(FuzzJSON)
FUZZ_MAIN(FuzzHTTPHead)
