# Sourced by the shell scripts that run something against moto (demo, node:test, the artefact tests,
# the cross-target smoke test); $ROOT is the repository's root and .venv exists. One copy of:
#
#   start_server VAR SCRIPT   starts tests/harness/SCRIPT (moto_server.py, pager_server.py: each prints
#                             its URL on one line and serves until its stdin closes) as a coproc and
#                             sets VAR to that URL. Every server stops when the sourcing script exits.
#   on_exit COMMAND [ARG...]  runs COMMAND at exit, after the servers have stopped (temp directories).
#   check_cli LABEL CMD...    the `polyiam` command line CMD as a user gets it: --generate-cli-skeleton
#                             prints the input's skeleton, and a service error exits 254, the AWS CLI's
#                             code (get-user of a missing user against $MOTO_URL).
_harness_server_fds=()
_harness_on_exit=()

on_exit() { _harness_on_exit+=("$(printf '%q ' "$@")"); }

_harness_exit() {
  local fd cmd
  for fd in "${_harness_server_fds[@]}"; do eval "exec $fd>&-" 2>/dev/null || true; done
  wait 2>/dev/null || true
  for cmd in "${_harness_on_exit[@]}"; do eval "$cmd" || true; done
}
trap _harness_exit EXIT

start_server() {
  local var=$1 script=$2 url="" coproc_name="HARNESS_SERVER_${#_harness_server_fds[@]}"
  # A coproc's name must be a literal word, hence eval; its fds are not inherited by other children,
  # so closing the write end here is what the server sees as the end of its stdin.
  # bash warns on stderr when a second coproc starts while the first runs (each works): that warning is
  # dropped, the server's own stderr kept.
  local stderr_fd
  exec {stderr_fd}>&2
  eval "coproc $coproc_name { exec \"\$ROOT/.venv/bin/python\" \"\$ROOT/tests/harness/$script\" 2>&$stderr_fd {stderr_fd}>&-; }" 2>/dev/null
  exec {stderr_fd}>&-
  eval "_harness_server_fds+=(\"\${${coproc_name}[1]}\")"
  eval "read -r url <&\"\${${coproc_name}[0]}\"" || true
  [ -n "$url" ] || { echo "harness: tests/harness/$script did not print its URL" >&2; exit 1; }
  printf -v "$var" '%s' "$url"
}

check_cli() {
  local label=$1 skeleton code=0
  shift
  skeleton=$("$@" iam create-access-key --generate-cli-skeleton)
  [ "$skeleton" = $'{\n    "UserName": ""\n}' ] || { echo "$label: --generate-cli-skeleton printed: $skeleton" >&2; exit 1; }
  "$@" iam get-user --user-name nobody --endpoint-url "$MOTO_URL" 2>/dev/null || code=$?
  [ "$code" -eq 254 ] || { echo "$label: exited $code for a service error (the AWS CLI's 254)" >&2; exit 1; }
}
