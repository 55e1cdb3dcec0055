#!/usr/bin/env bash
# The README's test command (`cargo test --release`) reuses every dependency its build command
# (`cargo run --release -- build`) compiled only if each crate both use is built with the same
# features. Building tests also turns on what the dev-dependencies ask for (Cargo unifies their
# features into the shared crates), so a dev-dependency that needs one more feature of a shared
# crate rebuilds it and everything above it. This fails naming each such crate; the fix is to
# turn that feature on in [dependencies] (see `either` and `bstr` in Cargo.toml).
set -euo pipefail
cd "$(dirname "$0")/../.."

# The crates built for the target, with their features: without build scripts' and proc-macros'
# dependencies, which are built for the host apart (a crate used on both sides, as bstr is,
# would show one line for each and hide a difference on the target's).
features() {
  cargo tree --locked --prefix none --format '{p} {f}' --edges "$1,no-proc-macro" | sed 's/ (\*)$//' | sort -u
}
built=$(features normal)
tested=$(features normal,dev)
differ=$(comm -23 <(echo "$built") <(echo "$tested"))
if [ -n "$differ" ]; then
  echo "one-compile-check: the tests build these crates with other features than the build:" >&2
  while read -r name version _; do
    echo "  $name $version: build [$(echo "$built" | awk -v n="$name" -v v="$version" '$1 == n && $2 == v { print $3 }')]" \
      "tests [$(echo "$tested" | awk -v n="$name" -v v="$version" '$1 == n && $2 == v { print $3 }')]" >&2
  done <<<"$differ"
  echo "  hint: add the missing features to the crate in [dependencies] of Cargo.toml" >&2
  exit 1
fi
echo "one-compile-check: the tests reuse every crate the build compiles" >&2
