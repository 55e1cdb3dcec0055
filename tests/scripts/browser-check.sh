#!/usr/bin/env bash
# Opens the toolkit website in headless Chromium, served on 127.0.0.1, and fails on a console
# error, a failed request or a missing file. Pages: both home pages and one document page in
# each language. Installs Chromium (Debian's package) if missing. With SCREENSHOTS=DIR, also
# saves a PNG of each page there for a reviewer.
set -euo pipefail
cd "$(dirname "$0")/../.."

if ! command -v chromium >/dev/null; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq chromium >/dev/null
fi

work=$(mktemp -d)
server_pid=""
cleanup() { [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT

cargo run --release --quiet -- build --quiet --jurisdiction us/ca/alameda --out "$work/dist"

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
for page in index.html index.es.html us/ca/alameda/en/letter-detainer.html us/ca/alameda/es/letter-detainer.html; do
  url="http://127.0.0.1:$port/$page"
  if ! chrome --dump-dom "$url" >"$work/dom.html" 2>"$work/chrome.log"; then
    echo "chromium could not load $page" >&2; failed=1; continue
  fi
  if grep -E 'CONSOLE|Uncaught|ERR_FILE_NOT_FOUND|Failed to load resource' "$work/chrome.log" >&2; then
    echo "console errors on $page" >&2; failed=1
  fi
  grep -q '<main' "$work/dom.html" || { echo "$page has no <main>" >&2; failed=1; }
  # Follow every relative link of the page through the server: each must answer 200.
  for href in $(grep -o 'href="[^"#:]*"' "$work/dom.html" | sed 's/^href="//; s/"$//' | sort -u); do
    target=$(python3 -c 'import sys, urllib.parse; print(urllib.parse.urljoin(sys.argv[1], sys.argv[2]))' "$url" "$href")
    python3 -c "import urllib.request, sys; urllib.request.urlopen(sys.argv[1])" "$target" 2>/dev/null \
      || { echo "$page: broken link $href" >&2; failed=1; }
  done
  if [ -n "${SCREENSHOTS:-}" ]; then
    mkdir -p "$SCREENSHOTS"
    chrome --screenshot="$SCREENSHOTS/$(echo "$page" | tr '/' '_').png" "$url" 2>/dev/null
  fi
done
if grep -E '" (404|500) ' "$work/server.log" >&2; then
  echo "the server answered an error" >&2; failed=1
fi
echo "browser-check: $([ "$failed" -eq 0 ] && echo passed || echo FAILED)"
exit "$failed"
