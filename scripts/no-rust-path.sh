# Sourced by the install-from-artefact tests: NO_RUST_PATH is $PATH without cargo or rustc. A directory
# that holds either (rustup's ~/.cargo/bin; /usr/bin when the distribution's rust is installed, e.g.
# Debian's cargo-web for scripts/smoke-cross.sh) is replaced, in its place, by a private directory of
# links to everything else in it, so every other tool (date, mktemp, node, python3, ...) is still found
# and in the same order. require_no_rust checks that `command -v cargo rustc` finds nothing under it.
_no_rust_dirs=()
IFS=: read -r -a _path_dirs <<<"$PATH"
for _d in "${_path_dirs[@]}"; do
  if [ -n "$_d" ] && { [ -e "$_d/cargo" ] || [ -e "$_d/rustc" ]; }; then
    _link_dir=$(mktemp -d)
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
unset _d _f _link_dir _path_dirs _no_rust_dirs

require_no_rust() {
  if PATH="$NO_RUST_PATH" command -v cargo rustc >/dev/null 2>&1; then
    echo "no-rust-path: cargo or rustc is still reachable: $(PATH="$NO_RUST_PATH" command -v cargo rustc | tr '\n' ' ')" >&2
    exit 1
  fi
}
