#!/usr/bin/env bash
# Opens the toolkit website in headless Chromium, served on 127.0.0.1, and fails on a console
# error, a failed request or a missing file. Pages: home, jurisdiction and document pages and
# California's directory and coverage pages in several of its languages. Then tests/browser/phone-check.mjs (playwright-core
# driving the same Chromium) loads them at 390×844 and fails on a horizontal scroll, a
# breadcrumb over one line or a tap target under 24 px, and types a county's name in the home
# page's search box (served and from file://). Installs Chromium (Debian's package) and the
# pinned playwright-core (npm ci, no browser download) if missing. With SCREENSHOTS=DIR, saves
# each page's PNG there at 390 and 1000 px for a reviewer. RESPONSEKIT=PATH builds with that
# binary instead of `cargo run --release` (a debug build, to save a compile).
set -euo pipefail
cd "$(dirname "$0")/../.."

if ! command -v chromium >/dev/null || ! command -v node >/dev/null; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq chromium nodejs >/dev/null
  command -v npm >/dev/null || apt-get install -y -qq npm >/dev/null
fi
if [ ! -d tests/browser/node_modules/playwright-core ]; then
  (cd tests/browser && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error >/dev/null)
fi

work=$(mktemp -d)
server_pid=""
cleanup() { [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT

if [ -n "${RESPONSEKIT:-}" ]; then
  "$RESPONSEKIT" build --quiet -j us/ca/alameda -j us/ca/santa-clara --out "$work/dist"
else
  cargo run --release --quiet -- build --quiet -j us/ca/alameda -j us/ca/santa-clara --out "$work/dist"
fi

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
python3 -m http.server "$port" --bind 127.0.0.1 --directory "$work/dist" >"$work/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 50); do
  python3 -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:$port/')" 2>/dev/null && break
  sleep 0.1
done

chrome() {
  timeout 60 chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --user-data-dir="$work/profile" --enable-logging=stderr --v=0 --window-size=1000,1400 "$@"
}

failed=0
for page in index.html index.es.html index.ko.html index.zh-hant.html us/ca/alameda/{en,es,ko,zh-hant}/index.html us/ca/alameda/{en,es}/letter-detainer.html us/ca/alameda/{tl,vi,zh-hans}/form-interview-consent.html us/ca/{en,es,ko}/{directory,coverage}.html; do
  url="http://127.0.0.1:$port/$page"
  if ! chrome --dump-dom "$url" >"$work/dom.html" 2>"$work/chrome.log"; then
    echo "chromium could not load $page" >&2; failed=1; continue
  fi
  if grep -E 'CONSOLE|Uncaught|ERR_FILE_NOT_FOUND|Failed to load resource' "$work/chrome.log" >&2; then
    echo "console errors on $page" >&2; failed=1
  fi
  grep -q '<main' "$work/dom.html" || { echo "$page has no <main>" >&2; failed=1; }
  # Follow every relative link and script of the page through the server: each must answer 200
  # (one Python for the page: a process per link cost ~20 s a page).
  grep -oE '(href|src)="[^"#:]*"' "$work/dom.html" | sed -E 's/^(href|src)="//; s/"$//' | sort -u \
    | python3 -c '
import sys, urllib.parse, urllib.request
page, bad = sys.argv[1], 0
for href in sys.stdin.read().split():
    try:
        urllib.request.urlopen(urllib.parse.urljoin(page, href))
    except Exception:
        print(f"{sys.argv[2]}: broken link {href}", file=sys.stderr); bad = 1
sys.exit(bad)' "$url" "$page" || failed=1
done
if [ -n "${SCREENSHOTS:-}" ]; then mkdir -p "$SCREENSHOTS"; fi
phone_start=$SECONDS
node tests/browser/phone-check.mjs "http://127.0.0.1:$port" "$work/dist" || failed=1
echo "browser-check: phone-width check took $((SECONDS - phone_start)) s"
if grep -E '" (404|500) ' "$work/server.log" >&2; then
  echo "the server answered an error" >&2; failed=1
fi
echo "browser-check: $([ "$failed" -eq 0 ] && echo passed || echo FAILED)"
exit "$failed"
