#!/usr/bin/env bash
# Builds the shipped kits and converts every DOCX with LibreOffice; fails if any does not
# convert or its PDF lacks the "Page X of Y" footer. Installs LibreOffice and poppler if missing.
set -euo pipefail
cd "$(dirname "$0")/../.."

if ! command -v soffice >/dev/null || ! command -v pdftotext >/dev/null; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq libreoffice-writer-nogui poppler-utils >/dev/null
fi

out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
cargo run --release --quiet -- build --quiet --format docx --out "$out/dist"
mapfile -t docs < <(find "$out/dist" -name '*.docx' | sort)
[ "${#docs[@]}" -gt 0 ] || { echo "no DOCX was built" >&2; exit 1; }

mkdir -p "$out/pdf"
failed=0
i=0
for doc in "${docs[@]}"; do
  # One conversion per file name: documents of different jurisdictions share names.
  i=$((i + 1))
  mkdir -p "$out/pdf/$i"
  if ! timeout 120 soffice --headless -env:UserInstallation=file://$out/profile \
      --convert-to pdf --outdir "$out/pdf/$i" "$doc" >/dev/null 2>&1; then
    echo "LibreOffice could not open $doc" >&2; failed=1; continue
  fi
  pdf=$(find "$out/pdf/$i" -name '*.pdf' | head -n 1)
  if [ -z "$pdf" ] || ! pdftotext "$pdf" - | grep -Eq '(Page|Página) 1 (of|de) [0-9]+'; then
    echo "no 'Page X of Y' footer in the PDF of $doc" >&2; failed=1
  fi
done
echo "libreoffice-check: ${#docs[@]} DOCX files opened, $failed failed"
exit "$failed"
