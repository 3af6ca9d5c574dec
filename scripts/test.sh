#!/usr/bin/env bash
# Runs every test: the script tests under scripts/tests (each counts as one test), the unit tests and the
# integration tests against a private Dovecot on loopback, which the integration fixture starts and stops itself.
# Installs Dovecot from Debian's packages when it is missing.
# Ends with a line "N passed, M failed"; exits non-zero when anything failed or did not build.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

bash scripts/dovecot/dovecot.sh install

script_passed=0
script_failed=0
for script_test in scripts/tests/*.sh; do
  echo "== $script_test"
  if bash "$script_test"; then
    script_passed=$((script_passed + 1))
  else
    echo "== $script_test failed" >&2
    script_failed=$((script_failed + 1))
  fi
done

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
dotnet build ImapClient.sln -c Release

results="$root/artifacts/test-results"
rm -rf "$results"
status=0
dotnet test ImapClient.sln -c Release --no-build --results-directory "$results" \
  --logger "trx" --logger "console;verbosity=normal" || status=$?

# Names every failed test with the start of its message, last, so that the end of a long log says what failed.
print_failures() {
  local trx
  for trx in "$results"/*.trx; do
    [ -e "$trx" ] || continue
    awk '
      function text(s) {
        gsub(/<[^>]*>/, "", s); gsub(/&quot;/, "\"", s); gsub(/&apos;/, "\047", s)
        gsub(/&lt;/, "<", s); gsub(/&gt;/, ">", s); gsub(/&amp;/, "\\&", s); sub(/^[ \t]+/, "", s)
        return s
      }
      /<UnitTestResult / && /outcome="Failed"/ {
        match($0, /testName="[^"]*"/)
        print "FAILED: " text(substr($0, RSTART + 10, RLENGTH - 11)); failing = 1; lines = 0; next
      }
      failing && /<\/UnitTestResult>/ { failing = 0; next }
      failing && lines < 12 { line = text($0); if (line != "") { print "    " line; lines++ } }
    ' "$trx" || true
  done
}

passed=$script_passed
failed=$script_failed
[ "$script_failed" -eq 0 ] || status=1
for trx in "$results"/*.trx; do
  [ -e "$trx" ] || continue
  counters="$(grep -o '<Counters [^>]*>' "$trx" | head -n1)"
  p="$(sed -nE 's/.* passed="([0-9]+)".*/\1/p' <<<"$counters")"
  f="$(sed -nE 's/.* failed="([0-9]+)".*/\1/p' <<<"$counters")"
  passed=$((passed + ${p:-0}))
  failed=$((failed + ${f:-0}))
done
print_failures
if [ "$passed" -eq "$script_passed" ] && [ "$status" -eq 0 ]; then
  echo "no test ran" >&2
  status=1
fi
echo "$passed passed, $failed failed"
exit "$status"
