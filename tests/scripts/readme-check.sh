#!/usr/bin/env bash
# Every command of every ```sh block in README.md runs as written, in order, as a new user would
# run it (tests/scripts/readme-commands.awk says which lines are commands).
#
#   bash tests/scripts/readme-check.sh          the blocks after the first, in a fresh copy of HEAD
#   bash tests/scripts/readme-check.sh --first  the first block (the build, then the tests), here
#
# `.ci/run` runs `--first` (so CI builds and tests exactly as the README says), then the rest.
# The fresh copy is `git archive HEAD` (committed files only, dated at the commit, so cargo sees
# them as unchanged since the build) sharing the build's target folder (`CARGO_TARGET_DIR`, else
# ./target): nothing compiles again. `cargo install` installs into the copy's own root, put first
# on PATH, `$EDITOR` is `true` (an edit that changes nothing) and `$HOME` is a folder of the
# copy's own (cargo's and rustup's homes kept). The first command that exits
# non-zero or writes an error stops the check, named by its README line.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
commands=$(awk -f "$root/tests/scripts/readme-commands.awk" "$root/README.md")

# Runs each command of the selected blocks in the current shell (a `cd` or a variable carries on
# to the next command, as in a terminal); stderr is kept to look for an error in it.
run_blocks() {
  local select=$1 errors=$2 block line cmd status
  while IFS=$'\t' read -r -u 3 block line cmd; do
    if [ "$select" = first ] && [ "$block" != 1 ]; then continue; fi
    if [ "$select" = rest ] && [ "$block" = 1 ]; then continue; fi
    echo "README.md:$line: \$ $cmd" >&2
    set +e
    eval "$cmd" </dev/null 2>"$errors"
    status=$?
    set -e
    cat "$errors" >&2
    if [ "$status" -ne 0 ]; then
      echo "readme-check: README.md:$line: exit status $status: $cmd" >&2
      exit 1
    fi
    # An error a command printed but did not exit on (clap's, cargo's, the tool's `error:` lines,
    # the shell's "command not found").
    if grep -Eq '(^|[^[:alnum:]_-])error(\[[A-Z0-9]+\])?:|command not found|No such file' "$errors"; then
      echo "readme-check: README.md:$line: wrote an error: $cmd" >&2
      exit 1
    fi
  done 3<<<"$commands"
}

case "${1:-}" in
  --first)
    cd "$root"
    scratch=$(mktemp)
    trap 'rm -f "$scratch"' EXIT
    run_blocks first "$scratch"
    ;;
  "")
    export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$root/target}
    work=$(mktemp -d)
    trap 'rm -rf "$work"' EXIT
    mkdir "$work/repo"
    git -C "$root" archive HEAD | tar -x -C "$work/repo"
    export CARGO_INSTALL_ROOT="$work/install" PATH="$work/install/bin:$PATH" EDITOR=true
    # A home of the copy's own, so a README command writing under `~` (the request folder)
    # leaves nothing behind; cargo and rustup keep theirs.
    export CARGO_HOME=${CARGO_HOME:-$HOME/.cargo} RUSTUP_HOME=${RUSTUP_HOME:-$HOME/.rustup}
    export HOME="$work/home"
    mkdir "$HOME"
    cd "$work/repo"
    run_blocks rest "$work/stderr"
    # What the commands left that git would commit if this were the checkout: a request or an
    # answer (a person's name and date of birth) must never be among them.
    cd "$work/repo"
    left=$(comm -23 <(find . -type f | sed 's|^\./||' | sort) \
      <(git -C "$root" ls-tree -r --name-only HEAD | sort) |
      git -C "$root" check-ignore --no-index --verbose --non-matching --stdin | sed -n 's/^::\t//p')
    if grep -Eq '(^|/)(incoming\.yaml|response/)' <<<"$left"; then
      echo "readme-check: the README writes a request or an answer where git would commit it:" >&2
      echo "$left" >&2
      exit 1
    fi
    echo "readme-check: every README command ran; files they left for git: ${left:-none}" >&2
    ;;
  *)
    echo "usage: bash tests/scripts/readme-check.sh [--first]" >&2
    exit 2
    ;;
esac
