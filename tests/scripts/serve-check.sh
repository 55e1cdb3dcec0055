#!/usr/bin/env bash
# The counsel's desk (`responsekit serve`) in a real browser: starts the desk on a copy of the
# jurisdiction tree (an interview may write facts back into it) and a register of its own in a
# temporary folder, on a free port of 127.0.0.1, with a fixed day (`--today`, so the letters
# match what `respond --today` writes for the same request), then runs
# tests/browser/serve-e2e.mjs (playwright-core driving Debian's Chromium: every request kind in
# both languages down to the downloaded DOCX, the judge-signed stop, an error per field kind,
# one interview by keyboard only, the register and the reports, axe-core on every page kind at
# 1000 and 390 px). Then stops the desk with SIGTERM and fails unless it exited 0 and its log
# holds nothing but its address and `METHOD /route STATUS` lines: none of the personal values
# the test typed, no interview id, no 500.
#
# Installs Chromium, node and the pinned npm packages as browser-check.sh does (no browser
# download). RESPONSEKIT=PATH runs that binary instead of the release build; SCREENSHOTS=1
# writes docs/screenshots/serve-*.png (the README's) from the run.
set -euo pipefail
cd "$(dirname "$0")/../.."
started=$SECONDS

if ! command -v chromium >/dev/null || ! command -v node >/dev/null; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq chromium nodejs >/dev/null
  command -v npm >/dev/null || apt-get install -y -qq npm >/dev/null
fi
if [ ! -d tests/browser/node_modules/playwright-core ] || [ ! -d tests/browser/node_modules/axe-core ]; then
  (cd tests/browser && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error >/dev/null)
fi

if [ -z "${RESPONSEKIT:-}" ]; then
  cargo build --release --quiet
  RESPONSEKIT="${CARGO_TARGET_DIR:-target}/release/responsekit"
fi
RESPONSEKIT=$(realpath "$RESPONSEKIT")

work=$(mktemp -d)
server_pid=""
cleanup() {
  if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

cp -r jurisdictions "$work/tree"
mkdir "$work/downloads"
# A day after every date the test types and in the same year as them (the reports' default).
today=2026-11-25
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
"$RESPONSEKIT" serve --jurisdictions "$work/tree" --register "$work/register.sqlite" \
  --port "$port" --today "$today" 2>"$work/server.log" &
server_pid=$!

url=""
for _ in $(seq 100); do
  url=$(grep -oE "http://127\.0\.0\.1:$port/\?token=[0-9a-f]{64}" "$work/server.log" || true)
  [ -n "$url" ] && break
  if ! kill -0 "$server_pid" 2>/dev/null; then break; fi
  sleep 0.1
done
if [ -z "$url" ]; then
  echo "serve-check: the desk printed no address:" >&2
  cat "$work/server.log" >&2
  exit 1
fi

failed=0
RESPONSEKIT="$RESPONSEKIT" SERVE_TREE="$work/tree" SERVE_TODAY="$today" \
  node tests/browser/serve-e2e.mjs "$url" "$work/downloads" || failed=1

kill -TERM "$server_pid" 2>/dev/null || true
set +e
wait "$server_pid"
status=$?
set -e
server_pid=""
if [ "$status" -ne 0 ]; then
  echo "serve-check: the desk exited $status on SIGTERM (expected 0)" >&2
  failed=1
fi

# What the log may hold: the address (once), the start and stop notices, and one line per
# request. The personal values are those serve-e2e.mjs types (its PLANTED list).
token=${url##*token=}
if grep -nF -e 'Quetzalli Testperson' -e '1991-04-17' -e 'BK-PLANT-7731' -e 'A-246-813-579' \
  -e 'Rosalind Guardianname' "$work/server.log" >&2; then
  echo "serve-check: the desk's log holds a personal value typed in an interview" >&2
  failed=1
fi
if grep -vF "$token" "$work/server.log" | grep -nE '[0-9a-f]{64}' >&2; then
  echo "serve-check: the desk's log holds an interview id" >&2
  failed=1
fi
if grep -nE '^[A-Z]+ .* 5[0-9][0-9]$|failed to render|panicked|RUST_BACKTRACE' "$work/server.log" >&2; then
  echo "serve-check: the desk failed on a request" >&2
  failed=1
fi
requests=$(grep -cE '^(GET|POST|HEAD) (/|\(no route\))[^ ]* [0-9]{3}$' "$work/server.log" || true)
echo "serve-check: the desk answered $requests requests in $((SECONDS - started)) s"
echo "serve-check: $([ "$failed" -eq 0 ] && echo passed || echo FAILED)"
exit "$failed"
