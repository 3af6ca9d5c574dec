#!/usr/bin/env bash
# Adds every public symbol the PublicApiAnalyzers report as undeclared (RS0016) to PublicAPI.Unshipped.txt,
# and drops the ones it reports as removed (RS0017). Review the diff: it is the public API change.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
project="$root/src/ImapClient"
unshipped="$project/PublicAPI.Unshipped.txt"
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
dotnet build "$project" -c Release -f net10.0 --no-incremental -p:TreatWarningsAsErrors=false >"$log" 2>&1 || true
grep -oE "RS0016: Symbol '.*' is not part of the declared public API" "$log" \
  | sed -E "s/^RS0016: Symbol '(.*)' is not part of the declared public API$/\1/" >>"$unshipped" || true
grep -oE "RS0017: Symbol '.*' is part of the declared API, but is either not public or could not be found" "$log" \
  | sed -E "s/^RS0017: Symbol '(.*)' is part of the declared API.*$/\1/" | sort -u | while IFS= read -r gone; do
    grep -vxF -- "$gone" "$unshipped" >"$unshipped.tmp" || true
    mv "$unshipped.tmp" "$unshipped"
  done || true
{ head -n1 "$unshipped"; tail -n +2 "$unshipped" | LC_ALL=C sort -u; } >"$unshipped.tmp"
mv "$unshipped.tmp" "$unshipped"
echo "PublicAPI.Unshipped.txt: $(($(wc -l <"$unshipped") - 1)) symbols"
