#!/usr/bin/env bash
# Wall time and peak memory (maximum RSS, from /usr/bin/time) of the release CLI for each command
# issue 9 names, on generated desks of N claims (cached under target/bench-desks), as one table.
# Usage: make measure-desk [CLAIMS="1000 100000 1000000"]   (default 1000 100000)
#        tests/measure-desk.sh 1000 100000                   (the release CLI must be built)
# Commands that do not exist in this build (search, paged lists) print "–".
set -euo pipefail
cd "$(dirname "$0")/.."
. tests/bench-desk.sh
cli=target/release/factdesk
[ $# -gt 0 ] || set -- 1000 100000
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
has() { "$cli" "$@" --help >/dev/null 2>&1; }

# One run of a read-only command: "0.12 s, 14 MB" (exit 1 of `check` with errors is a result).
run() {
  if /usr/bin/time -f '%e %M' -o "$out/t" "$cli" --desk "$desk" "$@" >/dev/null 2>"$out/err" ||
    [ "$1" = check ]; then
    # The last line: /usr/bin/time puts "Command exited with non-zero status" before it.
    tail -1 "$out/t" | awk '{printf "%.2f s, %.0f MB", $1, $2 / 1024}'
  else
    echo "failed: $(head -c 80 "$out/err")"
  fi
}

rows=("check DRAFT" "draft export DRAFT" "draft export DRAFT --format pandoc --out F"
      "provenance CLAIM" "claim list" "source list" "claim list --limit 50"
      "search \"Jung Tae-oh\"" "search 태오")
declare -A cell
for n in "$@"; do
  desk=$(desk_for "$n")
  draft=$(sqlite3 "$desk" "SELECT id FROM drafts ORDER BY rowid LIMIT 1")
  claim=$(sqlite3 "$desk" "SELECT e.claim_id FROM evidence e JOIN sources s ON s.id = e.source_id
                           WHERE s.via IS NOT NULL ORDER BY e.rowid LIMIT 1 OFFSET 100")
  cell["check DRAFT,$n"]=$(run check "$draft")
  cell["draft export DRAFT,$n"]=$(run draft export "$draft")
  cell["draft export DRAFT --format pandoc --out F,$n"]=$(run draft export "$draft" --format pandoc \
    --out "$out/export.md")
  cell["provenance CLAIM,$n"]=$(run provenance "$claim")
  cell["claim list,$n"]=$(run --json claim list)
  cell["source list,$n"]=$(run --json source list)
  if "$cli" claim list --help | grep -q -- --limit; then
    cell["claim list --limit 50,$n"]=$(run --json claim list --limit 50)
  fi
  if has search; then
    cell["search \"Jung Tae-oh\",$n"]=$(run --json search "Jung Tae-oh")
    cell["search 태오,$n"]=$(run --json search 태오)
  fi
done

printf '| command (release CLI) |'; for n in "$@"; do printf ' %s claims |' "$n"; done; echo
printf '|---|'; for _ in "$@"; do printf -- '---|'; done; echo
for r in "${rows[@]}"; do
  printf '| `%s` |' "$r"
  for n in "$@"; do printf ' %s |' "${cell["$r,$n"]:-–}"; done
  echo
done
