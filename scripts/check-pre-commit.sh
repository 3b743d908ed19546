#!/usr/bin/env bash
# Tries the `channel-validate` hook (.pre-commit-hooks.yaml) with the real pre-commit framework,
# as a team would use it: a scratch data repository (data in a subfolder, `data/`) whose
# .pre-commit-config.yaml points at this repository's HEAD (commit first: pre-commit clones a
# commit, not the working tree). Checks that pre-commit installs the hook (it runs `npm install`
# and `npm pack` in its clone, then `npm install -g` of the tarball), that a clean commit goes
# through and that a commit with a broken file is stopped.
#
# Needs `pre-commit`, git, Node and npm, and the npm registry (the hook's dependencies). Not part
# of `npm test`. Everything, pre-commit's cache included, is in a temporary folder removed at the end.
#
#   scripts/check-pre-commit.sh          # --keep keeps the scratch folder
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
keep=0
[ "${1:-}" = "--keep" ] && keep=1
command -v pre-commit >/dev/null || { echo "pre-commit is not installed (apt-get install pre-commit, or pip install pre-commit)" >&2; exit 2; }
head="$(git -C "$repo" rev-parse HEAD)"
work="$(mktemp -d)"
cleanup() { if [ "$keep" = 1 ]; then echo "kept $work" >&2; else rm -rf "$work"; fi; }
trap cleanup EXIT
export PRE_COMMIT_HOME="$work/pre-commit-home"
echo "pre-commit $(pre-commit --version | sed 's/^pre-commit //'), node $(node --version), npm $(npm --version); hook from $head" >&2

data_repo="$work/team-data"
mkdir -p "$data_repo"
node "$repo/bin/channel" init "$data_repo/data" --lang en >/dev/null
cat > "$data_repo/.pre-commit-config.yaml" <<EOF
repos:
  - repo: $repo
    rev: $head
    hooks: [{id: channel-validate, args: [--data, data]}]
EOF
cd "$data_repo"
git init -q
git config user.email check@example.invalid
git config user.name "pre-commit check"
git config commit.gpgsign false
pre-commit install >/dev/null
git add -A

echo "1. a clean commit goes through (the first run installs the hook)" >&2
git commit -q -m "data repository" || { echo "FAILED: the clean commit was stopped" >&2; exit 1; }

echo "2. a commit with a broken file is stopped" >&2
printf 'version: [unclosed\n' >> data/departments.yaml
git add data/departments.yaml
if git commit -q -m "broken" ; then
  echo "FAILED: the broken commit went through" >&2
  exit 1
fi
echo "OK: pre-commit installed channel-validate, let the clean commit through and stopped the broken one" >&2
