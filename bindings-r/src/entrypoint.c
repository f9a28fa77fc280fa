// The package's init routine: registers the Rust functions (see extendr_module! in rust/src/lib.rs)
// and extendr's panic hook, which keeps Rust's panic backtraces off the R console (set
// EXTENDR_BACKTRACE=1 to see them); panics themselves arrive as R conditions.
#include <Rinternals.h>
#include <R_ext/Utils.h>

void R_init_polyiam_extendr(void *dll);
void register_extendr_panic_hook(void);

void R_init_polyiam(void *dll) {
    register_extendr_panic_hook();
    R_init_polyiam_extendr(dll);
}

static void check_user_interrupt(void *unused) {
    (void) unused;
    R_CheckUserInterrupt();
}

// Called by the Rust library, on R's main thread, while a call waits: 1 when the user interrupted
// R (Ctrl-C, Esc). R_CheckUserInterrupt would jump out of the Rust frames below; under
// R_ToplevelExec the jump ends here instead, and the R layer raises the interrupt again once the
// call has returned (see .polyiam_unwrap in R/runtime.R).
int polyiam_interrupt_pending(void) {
    return R_ToplevelExec(check_user_interrupt, NULL) == FALSE;
}
