#!/usr/bin/env bash
# Builds the shipped kits and converts every DOCX with LibreOffice; fails if any does not
# convert or its PDF lacks the "Page X of Y" footer (or, for the handout and the one-pager,
# has one; the one-pager must also stay on one page as Word-like layout sets it), in each
# language's words. Installs LibreOffice and poppler if missing, and gives LibreOffice the CJK
# faces the build brought (target/cjk-fonts), for the Chinese and Korean documents.
set -euo pipefail
cd "$(dirname "$0")/../.."

if ! command -v soffice >/dev/null || ! command -v pdftotext >/dev/null; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq libreoffice-writer-nogui poppler-utils >/dev/null
fi

source tests/scripts/footers.sh
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
cargo run --release --quiet -- build --quiet --format docx --out "$out/dist"
mapfile -t docs < <(find "$out/dist" -name '*.docx' | sort)
# Word substitutes its own East Asian face for the one a DOCX names; LibreOffice asks fontconfig.
fonts="${XDG_DATA_HOME:-$HOME/.local/share}/fonts/responsekit-cjk"
if [ -d target/cjk-fonts ] && [ ! -d "$fonts" ]; then
  mkdir -p "$fonts" && cp target/cjk-fonts/*.ttf "$fonts/" && fc-cache -f "$fonts" >/dev/null 2>&1 || true
fi
[ "${#docs[@]}" -gt 0 ] || { echo "no DOCX was built" >&2; exit 1; }

# Flat, unique names so few LibreOffice runs convert them all (starting it costs seconds).
# In batches: one run given a few hundred files stops part-way through with exit status 0
# (seen at 247 of 272), leaving the rest unconverted.
mkdir -p "$out/flat" "$out/pdf"
for i in "${!docs[@]}"; do cp "${docs[$i]}" "$out/flat/$i.docx"; done
mapfile -t flat < <(printf '%s\n' "$out"/flat/*.docx)
for ((start = 0; start < ${#flat[@]}; start += 100)); do
  timeout 1800 soffice --headless "-env:UserInstallation=file://$out/profile" \
    --convert-to pdf --outdir "$out/pdf" "${flat[@]:start:100}" >/dev/null 2>&1 || true
done
failed=0
for i in "${!docs[@]}"; do
  pdf="$out/pdf/$i.pdf"
  if [ ! -s "$pdf" ]; then
    echo "LibreOffice could not open ${docs[$i]}" >&2; failed=$((failed + 1)); continue
  fi
  # Read the whole text first: `pdftotext | grep -q` under pipefail fails at random when
  # grep exits before pdftotext has written everything (SIGPIPE).
  text=$(pdftotext "$pdf" -)
  lang=$(basename "$(dirname "${docs[$i]}")")
  footer=$(grep -cF "$(footer_of "$lang") " <<<"$text" || true)
  case "${docs[$i]}" in
    # The handout is the person's own paper: no page footer at all.
    */handout-*)
      if [ "$footer" -ne 0 ]; then
        echo "a 'Page X of Y' footer in the handout ${docs[$i]}" >&2; failed=$((failed + 1))
      fi ;;
    # The advocates' one-pager: no footer either, and one sheet.
    */advocates-*)
      pages=$(pdfinfo "$pdf" 2>/dev/null | awk '/^Pages:/ {print $2}')
      if [ "$footer" -ne 0 ] || [ "$pages" != 1 ]; then
        echo "the one-pager ${docs[$i]} has a page footer or runs to $pages pages" >&2
        failed=$((failed + 1))
      fi ;;
    *)
      if [ "$footer" -eq 0 ]; then
        echo "no 'Page X of Y' footer in the PDF of ${docs[$i]}" >&2; failed=$((failed + 1))
      fi ;;
  esac
done
echo "libreoffice-check: ${#docs[@]} DOCX files opened, $failed failed"
[ "$failed" -eq 0 ]
