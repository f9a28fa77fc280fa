# Sourced by the install-from-artefact tests: NO_RUST_PATH is $PATH without any directory that holds
# cargo or rustc (rustup's ~/.cargo/bin, a distribution's /usr/bin when it has rust, ...); when that
# would drop a directory the tests need (node, python), those tools are linked into a private
# directory instead. require_no_rust checks that `command -v cargo rustc` finds nothing under it.
_no_rust_dirs=()
_no_rust_needs=()
IFS=: read -r -a _path_dirs <<<"$PATH"
for _d in "${_path_dirs[@]}"; do
  if [ -n "$_d" ] && { [ -e "$_d/cargo" ] || [ -e "$_d/rustc" ]; }; then
    _no_rust_needs+=("$_d")
  else
    _no_rust_dirs+=("$_d")
  fi
done
NO_RUST_PATH=$(IFS=:; echo "${_no_rust_dirs[*]}")
if [ "${#_no_rust_needs[@]}" -gt 0 ]; then
  # Tools the tests run that lived only in a dropped directory: link them in one by one.
  NO_RUST_BIN=
  for _tool in node npm npx python3 sh bash env tar gzip; do
    if ! PATH="$NO_RUST_PATH" command -v "$_tool" >/dev/null 2>&1; then
      _found=$(command -v "$_tool" 2>/dev/null || true)
      if [ -n "$_found" ]; then
        [ -n "$NO_RUST_BIN" ] || NO_RUST_BIN=$(mktemp -d)
        ln -s "$_found" "$NO_RUST_BIN/$_tool"
      fi
    fi
  done
  if [ -n "$NO_RUST_BIN" ]; then NO_RUST_PATH="$NO_RUST_BIN${NO_RUST_PATH:+:$NO_RUST_PATH}"; fi
fi
export NO_RUST_PATH
unset _d _tool _found _path_dirs _no_rust_dirs _no_rust_needs

require_no_rust() {
  if PATH="$NO_RUST_PATH" command -v cargo rustc >/dev/null 2>&1; then
    echo "no-rust-path: cargo or rustc is still reachable: $(PATH="$NO_RUST_PATH" command -v cargo rustc | tr '\n' ' ')" >&2
    exit 1
  fi
}
