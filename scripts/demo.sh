#!/usr/bin/env bash
# Sets up a private Dovecot on loopback with generated sample mail, runs one of the samples against it over implicit
# TLS, and stops the server again.
#
#   bash scripts/demo.sh                    samples/QuickStart
#   bash scripts/demo.sh SAMPLE [ARGS...]   samples/SAMPLE with ARGS, or with these when none are given:
#     Backup   .dovecot/demo-backup INBOX   (the demo makes its mail anew each time, so each run fills a new
#                                          UIDVALIDITY folder; against a lasting server a second run fetches only new mail)
#     Mirror   .dovecot/demo-mirror INBOX
#     Watch    INBOX --seconds 30           (change the mailbox from another client meanwhile to see events)
#     Rules    samples/Rules/rules.txt INBOX --dry-run
#     Upload   samples/Upload/examples Uploaded
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

sample="${1:-QuickStart}"
[ "$#" -gt 0 ] && shift
case "$sample" in
  QuickStart | Backup | Mirror | Watch | Rules | Upload | Telemetry) ;;
  *)
    echo "demo.sh: unknown sample '$sample'; one of: QuickStart Backup Mirror Watch Rules Upload Telemetry" >&2
    exit 2
    ;;
esac
if [ "$#" -eq 0 ]; then
  case "$sample" in
    Backup) set -- "$root/.dovecot/demo-backup" INBOX ;;
    Mirror) set -- "$root/.dovecot/demo-mirror" INBOX ;;
    Watch) set -- INBOX --seconds 30 ;;
    Rules) set -- "$root/samples/Rules/rules.txt" INBOX --dry-run ;;
    Upload) set -- "$root/samples/Upload/examples" Uploaded ;;
  esac
fi

bash scripts/dovecot/dovecot.sh install

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
dir="$root/.dovecot/demo"
dotnet build tests/ImapClient.TestServer -c Release -v quiet -nologo
dotnet build "samples/$sample" -c Release -v quiet -nologo
trap 'bash scripts/dovecot/dovecot.sh stop "$dir"' EXIT
dotnet run --project tests/ImapClient.TestServer -c Release --no-build -- start --dir "$dir" --messages 500 >/dev/null

set -a
# shellcheck disable=SC1091
source "$dir/instance.env"
set +a
dotnet run --project "samples/$sample" -c Release --no-build -- "$@"
