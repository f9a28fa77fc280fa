# Sourced by the tests that need a machine without Rust (the install-from-artefact tests, the R
# tarball's configure check): NO_RUST_PATH is $PATH without cargo or rustc. A directory that holds
# either (rustup's ~/.cargo/bin; /usr/bin when the distribution's rust is installed, e.g. Debian's
# cargo-web for scripts/smoke-cross.sh) is replaced, in its place, by a directory of links to
# everything else in it, so every other tool (date, mktemp, node, python3, ...) is still found and in
# the same order. The link directories live under target/no-rust-path/<pid> (those of ended runs are
# removed; nothing is left in /tmp); source it from the repository's root. require_no_rust checks that
# `command -v cargo rustc` finds nothing under NO_RUST_PATH.
_no_rust_base="$PWD/target/no-rust-path/$$"
for _d in "$PWD"/target/no-rust-path/*; do # those of runs that have ended
  [ -d "$_d" ] && ! kill -0 "${_d##*/}" 2>/dev/null && rm -rf "$_d"
done
rm -rf "$_no_rust_base"
_no_rust_dirs=()
_n=0
IFS=: read -r -a _path_dirs <<<"$PATH"
for _d in "${_path_dirs[@]}"; do
  if [ -n "$_d" ] && { [ -e "$_d/cargo" ] || [ -e "$_d/rustc" ]; }; then
    _n=$((_n + 1))
    _link_dir="$_no_rust_base/$_n"
    mkdir -p "$_link_dir"
    for _f in "$_d"/*; do
      case "${_f##*/}" in cargo | cargo-* | rustc | rustc-* | rustdoc | rustup) continue ;; esac
      if [ -x "$_f" ] && [ ! -d "$_f" ]; then ln -s "$_f" "$_link_dir/${_f##*/}"; fi
    done
    _no_rust_dirs+=("$_link_dir")
  else
    _no_rust_dirs+=("$_d")
  fi
done
NO_RUST_PATH=$(IFS=:; echo "${_no_rust_dirs[*]}")
export NO_RUST_PATH
unset _d _f _n _link_dir _path_dirs _no_rust_dirs _no_rust_base

require_no_rust() {
  if PATH="$NO_RUST_PATH" command -v cargo rustc >/dev/null 2>&1; then
    echo "no-rust-path: cargo or rustc is still reachable: $(PATH="$NO_RUST_PATH" command -v cargo rustc | tr '\n' ' ')" >&2
    exit 1
  fi
}
