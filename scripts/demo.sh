#!/usr/bin/env bash
# Sets up a private Dovecot on loopback with generated sample mail, runs samples/QuickStart against it over
# implicit TLS, and stops the server again.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

bash scripts/dovecot/dovecot.sh install

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
dir="$root/.dovecot/demo"
dotnet build tests/ImapClient.TestServer -c Release -v quiet -nologo
dotnet build samples/QuickStart -c Release -v quiet -nologo
trap 'bash scripts/dovecot/dovecot.sh stop "$dir"' EXIT
dotnet run --project tests/ImapClient.TestServer -c Release --no-build -- start --dir "$dir" --messages 500 >/dev/null

set -a
# shellcheck disable=SC1091
source "$dir/instance.env"
set +a
dotnet run --project samples/QuickStart -c Release --no-build
