#!/usr/bin/env bash
# Builds every shipped kit as PDF twice and checks, with poppler's own tools, that each PDF shows
# its text (Spanish accents, and the Chinese and Korean characters of those languages) and embeds
# every font, and that both builds gave the same bytes; then reads every structure tree back
# (pdf-structure.py: PDF/UA-1, language, title, headings, lists, links). Installs poppler-utils
# and pikepdf (PyPI) if missing.
set -euo pipefail
cd "$(dirname "$0")/../.."

if ! command -v pdftotext >/dev/null || ! command -v pdffonts >/dev/null; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq poppler-utils >/dev/null
fi

if ! python3 -c 'import pikepdf' 2>/dev/null; then
  python3 -m pip install --quiet --disable-pip-version-check pikepdf >/dev/null
fi

source tests/scripts/footers.sh

out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
# With the Markdown: pdf-structure.py counts each PDF's headings against its Markdown twin.
for run in a b; do
  cargo run --release --quiet -- build --quiet --format pdf,md --out "$out/$run"
done

failed=0
count=0
while IFS= read -r pdf; do
  count=$((count + 1))
  rel=${pdf#"$out/a/"}
  if ! cmp -s "$pdf" "$out/b/$rel"; then
    echo "$rel: two builds gave different bytes" >&2; failed=$((failed + 1))
  fi
  text=$(pdftotext "$pdf" - 2>/dev/null)
  lang=$(basename "$(dirname "$rel")")
  footer=$(footer_of "$lang")
  # Text set in the embedded CJK faces extracts as its characters, not as boxes or nothing.
  case "$lang" in
    ko) script='[가-힣]' ;;
    zh-*) script='[一-鿿]' ;;
    *) script='' ;;
  esac
  if [ -n "$script" ] && [ "$(LC_ALL=C.UTF-8 grep -oP "$script" <<<"$text" | wc -l)" -lt 20 ]; then
    echo "$rel: pdftotext does not return its $lang characters" >&2; failed=$((failed + 1))
  fi
  case "$rel" in
    # The handout is the person's own paper, the one-pager a single sheet: no page footer.
    */handout-*|*/advocates-*)
      if grep -qF "$footer" <<<"$text"; then
        echo "$rel: a sheet shows a page footer ('$footer')" >&2; failed=$((failed + 1))
      fi ;;
    *)
      if ! grep -qF "$footer" <<<"$text"; then
        echo "$rel: pdftotext does not show '$footer'" >&2; failed=$((failed + 1))
      fi ;;
  esac
  # Every font row of pdffonts (after its two header lines) says "yes" in the emb column.
  if pdffonts "$pdf" 2>/dev/null | tail -n +3 | awk '{ if ($(NF-4) != "yes") bad=1 } END { exit bad }'; then :; else
    echo "$rel: a font is not embedded" >&2; failed=$((failed + 1))
  fi
done < <(find "$out/a" -name '*.pdf' | sort)
# Whole text first, then grep: `pdftotext | grep -q` under pipefail fails at random (SIGPIPE).
spanish=$(find "$out/a" -path '*/es/*' -name 'letter-detainer.pdf' -print -quit)
if [ -n "$spanish" ] && ! grep -q 'Defensoría\|solicitud de detención\|Página' <<<"$(pdftotext "$spanish" - 2>/dev/null)"; then
  echo "Spanish accents are lost in $spanish" >&2; failed=$((failed + 1))
fi
echo "pdf-check: $count PDFs, $failed problems"
python3 tests/scripts/pdf-structure.py "$out/a" . || failed=$((failed + 1))
[ "$count" -gt 0 ] && [ "$failed" -eq 0 ]
