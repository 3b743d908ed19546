#!/usr/bin/env bash
# Runs .ci/run as CI does: in a fresh clone of this repository's HEAD, inside a private (0700)
# temporary folder, with CI=true and no standard input. `--as USER` clones and runs as that
# user (root only; the user needs a home for npm's cache). The clone is removed afterwards
# unless --keep is given. Exit code: .ci/run's.
#
#   scripts/ci-in-fresh-clone.sh                # as yourself
#   sudo scripts/ci-in-fresh-clone.sh --as ci   # as the ordinary user `ci`
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
as_user=""
keep=0
while [ $# -gt 0 ]; do
  case "$1" in
    --as) as_user="$2"; shift 2 ;;
    --keep) keep=1; shift ;;
    *) echo "usage: $0 [--as USER] [--keep]" >&2; exit 2 ;;
  esac
done
head="$(git -C "$repo" rev-parse HEAD)"
run() {
  # The clone comes from a bundle, so the other user needs no access to this checkout.
  local bundle="$1" work="$2"
  git -c advice.detachedHead=false clone -q "$bundle" "$work/channel"
  git -C "$work/channel" -c advice.detachedHead=false checkout -q "$head"
  cp -r "$repo/../shared" "$work/shared" 2>/dev/null || true
  cd "$work/channel"
  CI=true bash .ci/run < /dev/null
}
work="$(mktemp -d)"   # mode 0700
bundle="$work/head.bundle"
git -C "$repo" bundle create -q "$bundle" HEAD 2>/dev/null || git -C "$repo" bundle create "$bundle" HEAD
trap '[ "$keep" = 1 ] || rm -rf "$work"' EXIT
echo "fresh clone of $head in $work (mode $(stat -c %a "$work")), as ${as_user:-$(id -un)}" >&2
if [ -n "$as_user" ]; then
  chown -R "$as_user" "$work"
  export -f run
  su "$as_user" -s /bin/bash -c "$(declare -f run); repo='$repo' head='$head'; run '$bundle' '$work'"
else
  run "$bundle" "$work"
fi
