# The commands of README.md's ```sh blocks, in order, one a line: BLOCK<TAB>LINE<TAB>COMMAND
# (BLOCK counts the ```sh blocks from 1, LINE is the README line the command starts on). Only a
# ```sh block is run; ```text, ```console, ```yaml and bare ``` blocks are illustrations. Blank
# lines and whole-line comments are skipped; a line ending in `\` continues on the next.
/^ ? ? ?```/ {
  if (inside) inside = 0
  else if (fenced) fenced = 0
  else if ($0 ~ /^ ? ? ?```sh[ \t]*$/) { inside = 1; block++ }
  else fenced = 1
  next
}
!inside { next }
pending != "" {
  pending = pending " " $0
  if (pending ~ /\\$/) pending = substr(pending, 1, length(pending) - 1)
  else { print block "\t" start "\t" pending; pending = "" }
  next
}
/^[ \t]*(#|$)/ { next }
/\\$/ { pending = substr($0, 1, length($0) - 1); start = NR; next }
{ print block "\t" NR "\t" $0 }
