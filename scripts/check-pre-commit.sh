#!/usr/bin/env bash
# Tries the `channel-validate` hook (.pre-commit-hooks.yaml) with the real pre-commit framework,
# versions 3 and 4, as a team would use it: a scratch data repository (data in a subfolder,
# `data/`) whose .pre-commit-config.yaml points at this repository's HEAD (commit first:
# pre-commit clones a commit, not the working tree). For each version it checks that pre-commit
# installs the hook, that a clean commit goes through and that a commit with a broken file is
# stopped. The two versions install a node hook differently: 3 runs `npm install` and `npm pack`
# in its clone, then `npm install -g` of the tarball; 4 runs `npm install -g git+file://<clone>`,
# where npm does not install devDependencies before `prepare` (see scripts/prepare.mjs).
#
# A version is taken from `pre-commit` on the PATH when that is the version, else installed into
# a venv (`python3 -m venv`, `pip install pre-commit==X`). Needs python3, git, Node, npm and the
# npm registry (the hook's dependencies). Not part of `npm test`. Everything, pre-commit's cache
# included, is in a temporary folder removed at the end.
#
#   scripts/check-pre-commit.sh                        # 3.0.4 and 4.6.2; --keep keeps the scratch folder
#   PRE_COMMIT_VERSIONS="4.6.2" scripts/check-pre-commit.sh
#   PRE_COMMIT_REPEAT=5 scripts/check-pre-commit.sh     # each version 5 times, each in a new repository
#                                                       # and an empty pre-commit cache (a flaky install shows)
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
keep=0
[ "${1:-}" = "--keep" ] && keep=1
read -r -a versions <<< "${PRE_COMMIT_VERSIONS:-3.0.4 4.6.2}"
repeat="${PRE_COMMIT_REPEAT:-1}"
head="$(git -C "$repo" rev-parse HEAD)"
work="$(mktemp -d)"
cleanup() { if [ "$keep" = 1 ]; then echo "kept $work" >&2; else rm -rf "$work"; fi; }
trap cleanup EXIT

# The pre-commit command of version $1: on the PATH, or installed into a venv.
pre_commit_of() {
  local v="$1"
  if command -v pre-commit >/dev/null && [ "$(pre-commit --version 2>/dev/null)" = "pre-commit $v" ]; then
    command -v pre-commit
    return
  fi
  python3 -m venv "$work/venv-$v" >&2
  "$work/venv-$v/bin/pip" install -q --disable-pip-version-check "pre-commit==$v" >&2 || return 1
  echo "$work/venv-$v/bin/pre-commit"
}

# Installs the hook with pre-commit $1 (a command) in a new data repository, and commits twice.
check_version() {
  local pc="$1" v="$2" run="$3"
  export PRE_COMMIT_HOME="$work/pre-commit-home-$v-$run"
  echo "== pre-commit $("$pc" --version | sed 's/^pre-commit //'), node $(node --version), npm $(npm --version); hook from $head" >&2
  local data_repo="$work/team-data-$v-$run"
  mkdir -p "$data_repo"
  node "$repo/bin/channel" init "$data_repo/data" --lang en >/dev/null
  cat > "$data_repo/.pre-commit-config.yaml" <<EOC
repos:
  - repo: $repo
    rev: $head
    hooks: [{id: channel-validate, args: [--data, data]}]
EOC
  (
    cd "$data_repo"
    git init -q
    git config user.email check@example.invalid
    git config user.name "pre-commit check"
    git config commit.gpgsign false
    "$pc" install >/dev/null
    git add -A
    echo "1. a clean commit goes through (the first run installs the hook)" >&2
    PATH="$(dirname "$pc"):$PATH" git commit -q -m "data repository" || { echo "FAILED ($v): the clean commit was stopped" >&2; exit 1; }
    echo "2. a commit with a broken file is stopped" >&2
    printf 'version: [unclosed\n' >> data/departments.yaml
    git add data/departments.yaml
    if PATH="$(dirname "$pc"):$PATH" git commit -q -m "broken"; then
      echo "FAILED ($v): the broken commit went through" >&2
      exit 1
    fi
  )
}

failed=()
for v in "${versions[@]}"; do
  if ! pc="$(pre_commit_of "$v")"; then
    echo "FAILED: cannot install pre-commit $v (pip install pre-commit==$v)" >&2
    failed+=("$v")
    continue
  fi
  for ((run = 1; run <= repeat; run++)); do
    if check_version "$pc" "$v" "$run"; then
      echo "OK ($v, run $run of $repeat): pre-commit installed channel-validate, let the clean commit through and stopped the broken one" >&2
    else
      failed+=("$v (run $run)")
    fi
  done
done
if [ "${#failed[@]}" -gt 0 ]; then
  echo "FAILED with pre-commit ${failed[*]}" >&2
  exit 1
fi
echo "OK with pre-commit ${versions[*]}" >&2
