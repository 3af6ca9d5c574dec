#!/usr/bin/env bash
# Coverage-guided fuzzing with AFL++ and SharpFuzz: scripts/fuzz.sh TARGET MINUTES (TARGET: parser or session).
# Installs afl++ (Debian) and the SharpFuzz command-line tool when missing, publishes fuzz/ImapClient.Fuzz, instruments
# ImapClient.dll in that copy only, and runs afl-fuzz on fuzz/corpus/TARGET for MINUTES. Ends with the figures
# (executions per second, paths, stability) and the findings, each replayed once without AFL so that its exception
# shows. Everything it makes stays under artifacts/fuzz/TARGET (outside git): minimise a finding by hand into
# fuzz/findings/TARGET/, where the replay tests in tests/ImapClient.Tests pick it up.
# One fuzzer at a time: the machine has two cores.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

target="${1:-}"
minutes="${2:-}"
if [[ ! "$target" =~ ^(parser|session)$ || ! "$minutes" =~ ^[0-9]+$ || "$minutes" -eq 0 ]]; then
  echo "usage: scripts/fuzz.sh parser|session MINUTES" >&2
  exit 2
fi

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
work="$root/artifacts/fuzz"
tools="$work/tools"
bin="$work/bin"
out="$work/$target"

if ! command -v afl-fuzz >/dev/null; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq afl++ >/dev/null
fi

sharpfuzz_version="$(sed -nE 's/.*Include="SharpFuzz" Version="([^"]+)".*/\1/p' Directory.Packages.props)"
if [ ! -x "$tools/sharpfuzz" ]; then
  dotnet tool install --tool-path "$tools" SharpFuzz.CommandLine --version "$sharpfuzz_version" >/dev/null
fi

# Two copies: the instrumented one runs under afl-fuzz only (outside AFL its probes write to memory that is not
# there); the plain one replays findings and minimises them.
rm -rf "$bin" "$work/plain"
dotnet publish fuzz/ImapClient.Fuzz -c Release -o "$work/plain" -v quiet -nologo
cp -r "$work/plain" "$bin"
"$tools/sharpfuzz" "$bin/ImapClient.dll"

rm -rf "$out"
mkdir -p "$out"
echo "== afl-fuzz $target for $minutes min"
# No UI (the log is the output); no CPU binding or governor checks on a shared machine; crashes are seen in-process,
# so no core dumps are needed. -t: a session that passes SessionTarget.HangLimit reports itself as a finding first.
AFL_NO_UI=1 AFL_SKIP_CPUFREQ=1 AFL_NO_AFFINITY=1 AFL_SKIP_BIN_CHECK=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 \
  afl-fuzz -i "fuzz/corpus/$target" -o "$out" -x fuzz/imap.dict -t 20000 -m none -V "$((minutes * 60))" \
  -- dotnet "$bin/ImapClient.Fuzz.dll" "$target" >"$out/afl.log" 2>&1 || {
    status=$?
    tail -n 40 "$out/afl.log" >&2
    exit "$status"
  }

stats="$out/default/fuzzer_stats"
stat() { sed -nE "s/^$1 *: *(.*)$/\1/p" "$stats"; }
echo "== $target: $(stat run_time) s fuzzed, $(stat execs_done) executions, $(stat execs_per_sec) per second (last minute: $(stat execs_ps_last_min))"
echo "   corpus $(stat corpus_count) inputs ($(stat corpus_found) found), coverage $(stat bitmap_cvg), stability $(stat stability)"
echo "   crashes $(stat saved_crashes), hangs $(stat saved_hangs)"

findings=0
for file in "$out"/default/crashes/id:* "$out"/default/hangs/id:*; do
  [ -e "$file" ] || continue
  findings=$((findings + 1))
  echo "== finding $file"
  dotnet "$work/plain/ImapClient.Fuzz.dll" "$target" "$file" 2>&1 | grep -v '^ *at ' | head -n 20 || true
done
echo "== $findings findings"
if [ "$findings" -gt 0 ]; then
  echo "minimise one: dotnet $work/plain/ImapClient.Fuzz.dll $target --minimize FILE fuzz/findings/$target/NAME.imap"
fi
