#!/usr/bin/env bash
# Renders what a reader sees of one California county's letters, counsel memo and release-packet
# handout, in every language it was built in, to small PNG pages: the DOCX as LibreOffice lays it
# out, the PDF as it is. Side by side they show whether the two formats look like one document.
#
#   docs/render-pngs.sh DIST [JURISDICTION]     # e.g. docs/render-pngs.sh dist us/ca/alameda
#   DOCUMENTS="letter-administrative-subpoena memo" PREFIX=respond- \
#     docs/render-pngs.sh answers 2026-11-20-01    # a `respond --draft` answer
#
# DIST is a built output folder (`responsekit build --format docx,pdf`); JURISDICTION defaults
# to us/ca/alameda. Writes docs/images/<doc>-<lang>-<format>-<page>.png (page from 1) of the first
# PAGES pages of each (default 4: every page of a letter, the opening of the 30-page memo) and
# warns about any page over 150 KB. Needs LibreOffice (soffice) and poppler (pdftoppm).
set -euo pipefail

dist=${1:?usage: docs/render-pngs.sh DIST [JURISDICTION]}
jurisdiction=${2:-us/ca/alameda}
images="$(cd "$(dirname "$0")" && pwd)/images"
# DOCUMENTS (space-separated) and PREFIX (put before each image's name) render something else:
# e.g. a `respond` answer (DIST its --out folder, JURISDICTION the answer's folder name).
read -r -a documents <<<"${DOCUMENTS:-letter-detainer letter-administrative-subpoena letter-information-request memo-counsel handout-release-packet}"
prefix=${PREFIX:-}
# 60 dpi: a page is legible and its PNG stays well under the size limit.
resolution=60
max_pages=${PAGES:-4}
limit=$((150 * 1024))

for tool in soffice pdftoppm; do
  command -v "$tool" >/dev/null || { echo "render-pngs: $tool is missing (apt-get install libreoffice-writer-nogui poppler-utils)" >&2; exit 1; }
done
[ -d "$dist/$jurisdiction" ] || { echo "render-pngs: no $dist/$jurisdiction: build it first" >&2; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$images"

# pdftoppm numbers pages with as many digits as the last one has (-01 for ten pages or more):
# renamed to plain numbers so every name has the same shape.
pages() { # pdf, prefix
  pdftoppm -png -r "$resolution" -l "$max_pages" "$1" "$work/page"
  for png in "$work"/page-*.png; do
    n=${png##*-}
    n=$((10#${n%.png}))
    mv "$png" "$2-$n.png"
  done
}

written=0
for lang_dir in "$dist/$jurisdiction"/*/; do
  lang=$(basename "$lang_dir")
  for doc in "${documents[@]}"; do
    docx="$lang_dir$doc.docx"
    pdf="$lang_dir$doc.pdf"
    [ -f "$docx" ] || [ -f "$pdf" ] || continue
    rm -f "$images/$prefix$doc-$lang"-{docx,pdf}-*.png
    if [ -f "$docx" ]; then
      # A profile of its own, so a LibreOffice already running elsewhere does not take the job.
      soffice --headless "-env:UserInstallation=file://$work/profile" \
        --convert-to pdf --outdir "$work" "$docx" >/dev/null 2>&1
      pages "$work/$doc.pdf" "$images/$prefix$doc-$lang-docx"
    fi
    if [ -f "$pdf" ]; then
      pages "$pdf" "$images/$prefix$doc-$lang-pdf"
    fi
  done
done

# Fewer colours (pngquant, if installed: `apt-get install pngquant`): a third of the bytes, the
# same page to the eye.
if command -v pngquant >/dev/null; then
  pngquant --force --skip-if-larger --quality 60-90 --ext .png "$images"/*.png || true
fi

for png in "$images"/*.png; do
  [ -e "$png" ] || continue
  written=$((written + 1))
  size=$(stat -c %s "$png")
  if [ "$size" -gt "$limit" ]; then
    echo "render-pngs: $png is $((size / 1024)) KB (over 150 KB)" >&2
  fi
done
echo "render-pngs: $written pages in $images"
