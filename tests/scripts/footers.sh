# Sourced by pdf-check.sh and libreoffice-check.sh: `footer_of LANG` prints how the page footer
# of that language begins on page 1 ("Page 1 of", "Página 1 de", "페이지 1 /"), read from the
# words of its table (i18n/LANG.yaml: document.page, document.of).
footer_of() {
  local table="i18n/$1.yaml" page of
  # The value as YAML writes it, bare or in double quotes.
  page=$(sed -n 's/^    page: "\{0,1\}\([^"]*\)"\{0,1\}$/\1/p' "$table" | head -1)
  of=$(sed -n 's/^    of: "\{0,1\}\([^"]*\)"\{0,1\}$/\1/p' "$table" | head -1)
  printf '%s 1 %s' "$page" "$of"
}
