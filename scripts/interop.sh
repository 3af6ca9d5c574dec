#!/usr/bin/env bash
# Runs the server-neutral integration tests (NUnit category "ServerNeutral") against Cyrus IMAP 3.6 and
# Courier-IMAP 5.0 from Debian's packages, each a private instance on loopback (scripts/servers/*.sh).
#
#   scripts/interop.sh [cyrus|courier|all]     default: all
#
# Each server gets a fresh folder under /var/tmp, INTEROP_MESSAGES generated messages (default 1000, SEED=1) in
# alice's INBOX, and is stopped and deleted afterwards. The tests find it through the IMAP_TEST_* variables read by
# tests/ImapClient.IntegrationTests/TestTarget.cs. Needs root (Courier runs in a mount namespace) and apt access on
# the first run. Prints "SERVER: N passed, M failed" per server and exits non-zero when anything failed.
# Not part of CI: setup, start and fill take about a minute per server.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

which="${1:-all}"
case "$which" in
  cyrus) servers=(cyrus) ;;
  courier) servers=(courier) ;;
  all) servers=(cyrus courier) ;;
  *) echo "usage: scripts/interop.sh [cyrus|courier|all]" >&2; exit 2 ;;
esac

messages="${INTEROP_MESSAGES:-1000}"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
[ "${INTEROP_NO_BUILD:-0}" = 1 ] || dotnet build tests/ImapClient.IntegrationTests -c Release

# A free pair of loopback ports (PORT for IMAP + STARTTLS, PORT+1 for IMAPS).
free_port_pair() {
  local port
  for port in $(seq "$1" 2 $(($1 + 200))); do
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && ! (exec 3<>"/dev/tcp/127.0.0.1/$((port + 1))") 2>/dev/null; then
      echo "$port"
      return 0
    fi
  done
  echo "no free port pair from $1" >&2
  return 1
}

summary=()
status=0
for server in "${servers[@]}"; do
  script="scripts/servers/$server.sh"
  bash "$script" setup
  dir="$(mktemp -d "/var/tmp/imapclient-interop-$server.XXXXXX")"
  chmod 755 "$dir"
  case "$server" in
    cyrus) base=14620; prefix=""; delimiter="/" ;;
    courier) base=14630; prefix="INBOX."; delimiter="." ;;
  esac
  port="$(free_port_pair "$base")"
  stop() { bash "$script" stop "$dir" >/dev/null 2>&1 || true; rm -rf "$dir"; }
  trap stop EXIT
  bash "$script" start "$dir" "$port" "$((port + 1))"
  SEED=1 bash "$script" fill "$dir" alice INBOX "$messages"

  results="$root/artifacts/interop-results/$server"
  rm -rf "$results"
  run=0
  IMAP_TEST_SERVER="$server" IMAP_TEST_HOST=127.0.0.1 IMAP_TEST_PORT="$port" IMAP_TEST_TLS_PORT="$((port + 1))" \
    IMAP_TEST_USER=alice IMAP_TEST_PASSWORD=pass IMAP_TEST_CERT="$dir/tls/cert.pem" \
    IMAP_TEST_INBOX_MESSAGES="$messages" IMAP_TEST_PREFIX="$prefix" IMAP_TEST_DELIMITER="$delimiter" \
    dotnet test tests/ImapClient.IntegrationTests -c Release --no-build --filter "TestCategory=ServerNeutral" \
      --results-directory "$results" --logger "trx" --logger "console;verbosity=normal" || run=$?

  counters="$(grep -ho '<Counters [^>]*>' "$results"/*.trx 2>/dev/null | head -n1 || true)"
  p="$(sed -nE 's/.* passed="([0-9]+)".*/\1/p' <<<"$counters")"
  f="$(sed -nE 's/.* failed="([0-9]+)".*/\1/p' <<<"$counters")"
  summary+=("$server: ${p:-0} passed, ${f:-0} failed")
  if [ "$run" -ne 0 ] || [ "${p:-0}" -eq 0 ]; then status=1; fi
  stop
  trap - EXIT
done

printf '%s\n' "${summary[@]}"
exit "$status"
