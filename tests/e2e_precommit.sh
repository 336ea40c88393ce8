#!/bin/sh
# The pre-commit hook of .pre-commit-hooks.yaml, run by Debian's pre-commit
# on a temporary git repository: a commit with a bad logo is blocked, one
# with a good logo passes.  Usage: sh tests/e2e_precommit.sh BUILD_DIR
set -u
B=$(cd "${1:-build}" && pwd)
ROOT=$(pwd)
fail() { echo "e2e_precommit: FAIL: $*" >&2; exit 1; }
command -v pre-commit >/dev/null 2>&1 || fail "pre-commit is not installed (tools/deps.sh installs it)"
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
export PATH="$B:$PATH" PRE_COMMIT_HOME="$T/cache"
export GIT_AUTHOR_NAME=t GIT_AUTHOR_EMAIL=t@example.org GIT_COMMITTER_NAME=t GIT_COMMITTER_EMAIL=t@example.org
export GIT_CONFIG_NOSYSTEM=1 HOME="$T"
unset GIT_DIR GIT_WORK_TREE GIT_INDEX_FILE

# The hook repository: this repository's hook file, committed.
git init -q "$T/hooks" && cp "$ROOT/.pre-commit-hooks.yaml" "$T/hooks/" &&
	git -C "$T/hooks" add .pre-commit-hooks.yaml && git -C "$T/hooks" commit -qm hooks ||
	fail "cannot make the hook repository"
rev=$(git -C "$T/hooks" rev-parse HEAD)

# A project that uses it.
W="$T/work"
git init -q "$W" || fail "git init"
cat >"$W/.pre-commit-config.yaml" <<YAML
repos:
  - repo: $T/hooks
    rev: $rev
    hooks:
      - id: assetlint
YAML
cd "$W" || fail "cd"
git add .pre-commit-config.yaml && git commit -qm config || fail "first commit"
pre-commit install >"$T/install.log" 2>&1 || { cat "$T/install.log"; fail "pre-commit install"; }

# A good logo alone in its folder: no set rule says the others are missing.
mkdir -p offer
cp "$ROOT/testdata/demo/contoso/Small.png" offer/Small.png
git add offer/Small.png
git commit -qm good >"$T/good.log" 2>&1 || { cat "$T/good.log"; fail "a good logo was blocked"; }
grep -q "assetlint" "$T/good.log" || { cat "$T/good.log"; fail "the hook did not run on the good logo"; }

# A logo with a white background: the commit is refused, the finding shown.
cp "$ROOT/testdata/demo/fabrikam/small.png" offer/Medium.png
git add offer/Medium.png
if git commit -qm bad >"$T/bad.log" 2>&1; then
	cat "$T/bad.log"; fail "a logo with a white background was committed"
fi
grep -q "background-white" "$T/bad.log" || { cat "$T/bad.log"; fail "the finding is not shown"; }
[ "$(git log --oneline | wc -l)" -eq 2 ] || fail "the bad commit went in"
echo "e2e_precommit: ok"
