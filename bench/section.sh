# shellcheck shell=bash
# Shared by the bench scripts (sourced): writes a script's own section of BENCHMARKS.md.
#
#   write_section NAME FILE   replaces the lines from "<!-- NAME: ..." to "<!-- end of NAME -->"
#                             with FILE (which carries both marks), or appends FILE when the
#                             section is not there yet; the rest of BENCHMARKS.md is kept.
write_section() {
  local name=$1 file=$2 tmp
  tmp=$(mktemp)
  if [ -f BENCHMARKS.md ] && grep -qF "<!-- $name:" BENCHMARKS.md; then
    awk -v file="$file" -v start="<!-- $name:" -v end="<!-- end of $name -->" '
      index($0, start) == 1 { while ((getline line < file) > 0) print line; skip = 1; next }
      index($0, end) == 1 { skip = 0; next }
      !skip { print }' BENCHMARKS.md >"$tmp"
  else
    { [ -f BENCHMARKS.md ] && cat BENCHMARKS.md && echo; cat "$file"; } >"$tmp"
  fi
  cp "$tmp" BENCHMARKS.md
  rm -f "$tmp"
}
