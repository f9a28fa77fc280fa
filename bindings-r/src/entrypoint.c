// The package's init routine: registers the Rust functions (see extendr_module! in rust/src/lib.rs)
// and extendr's panic hook, which keeps Rust's panic backtraces off the R console (set
// EXTENDR_BACKTRACE=1 to see them); panics themselves arrive as R conditions.
void R_init_polyiam_extendr(void *dll);
void register_extendr_panic_hook(void);

void R_init_polyiam(void *dll) {
    register_extendr_panic_hook();
    R_init_polyiam_extendr(dll);
}
