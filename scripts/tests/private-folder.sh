#!/usr/bin/env bash
# The private Dovecot works when the clone sits in a private folder (issue 13: root's home is mode 700, so is a
# mktemp -d folder, and the mail user could not reach DIR/home). Clones this repository into a new mktemp -d folder
# (the working tree's scripts/ copied over the clone's, so uncommitted changes are what is tested), then, with the
# clone's scripts/dovecot/dovecot.sh and a DIR inside the clone as the C# test server passes it:
#   - mail written to DIR/home/alice/Maildir before start is served (a LOGIN, SELECT and FETCH over plain IMAP);
#   - mail written there while the server runs (then `fixperms`, as `fill` does) is served too;
#   - after stop no Dovecot process of DIR is left, DIR/home holds the mail again, the runtime folder is gone and
#     the private folder's mode is still 700.
# Needs Dovecot installed (scripts/test.sh installs it first). Prints "private-folder.sh: ok" on success.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"

fail() {
  echo "private-folder.sh: FAIL: $*" >&2
  exit 1
}

command -v git >/dev/null 2>&1 || fail "git is missing"
git -C "$root" rev-parse --git-dir >/dev/null 2>&1 || fail "$root is not a git clone"

private="$(mktemp -d)"
clone="$private/home/user/imapclient"
dir="$clone/.dovecot/private-folder-test"
script="$clone/scripts/dovecot/dovecot.sh"
runtime=

cleanup() {
  if [[ -f "$script" ]]; then
    bash "$script" stop "$dir" >/dev/null 2>&1 || true
  fi
  rm -rf "$private"
}
trap cleanup EXIT

chmod 700 "$private"
git clone --quiet "$root" "$clone" || fail "git clone $root failed"
cp -R "$root/scripts/." "$clone/scripts/"

# A message file in Maildir/new, written as the C# test server writes mail: as the caller, under DIR/home.
write_message() {
  local number="$1" maildir="$dir/home/alice/Maildir"
  mkdir -p "$maildir/new" "$maildir/cur" "$maildir/tmp"
  printf 'From: Bob <bob@example.com>\r\nTo: Alice <alice@example.com>\r\nSubject: private folder test %s\r\nDate: Mon, 7 Dec 2026 10:00:00 +0000\r\nMessage-ID: <%s.private-folder@example.com>\r\n\r\nBody %s.\r\n' \
    "$number" "$number" "$number" >"$maildir/new/100000000$number.P$$Q$number.private-folder-test"
}

# Sends "TAG COMMAND" on fd 3 and prints the responses up to the tagged one; fails unless that one is OK.
imap() {
  local tag="$1" line
  shift
  printf '%s %s\r\n' "$tag" "$*" >&3
  while IFS= read -r -t 10 line <&3; do
    line="${line%$'\r'}"
    printf '%s\n' "$line"
    if [[ "$line" == "$tag "* ]]; then
      [[ "$line" == "$tag OK"* ]]
      return
    fi
  done
  echo "(no tagged response to $tag within 10 s)"
  return 1
}

write_message 1
bash "$script" start "$dir" >"$private/start.out" 2>&1 || fail "dovecot.sh start $dir failed: $(cat "$private/start.out")"
[[ -f "$dir/instance.env" ]] || fail "start wrote no $dir/instance.env"
# shellcheck disable=SC1091
source "$dir/instance.env"
[[ "$DOVECOT_DIR" == "$dir" ]] || fail "instance.env names DOVECOT_DIR=$DOVECOT_DIR, not $dir"
if [[ -L "$dir/run" ]]; then
  runtime="$(readlink -f "$dir/run")"
fi

exec 3<>"/dev/tcp/$IMAP_HOST/$IMAP_PORT" || fail "cannot connect to $IMAP_HOST:$IMAP_PORT"
IFS= read -r -t 10 greeting <&3 || fail "no greeting from $IMAP_HOST:$IMAP_PORT"
[[ "$greeting" == "* OK"* ]] || fail "unexpected greeting: $greeting"
out="$(imap a LOGIN "$IMAP_USER" "$IMAP_PASSWORD")" || fail "LOGIN failed: $out"
out="$(imap b SELECT INBOX)" || fail "SELECT INBOX failed: $out"
[[ "$out" == *$'\n* 1 EXISTS\n'* || "$out" == "* 1 EXISTS"$'\n'* ]] || fail "INBOX should hold the 1 message written before start: $out"

write_message 2
bash "$script" fixperms "$dir" >"$private/fixperms.out" 2>&1 || fail "dovecot.sh fixperms failed: $(cat "$private/fixperms.out")"
out="$(imap c NOOP)" || fail "NOOP failed: $out"
out="$(imap d UID FETCH '1:*' '(BODY.PEEK[HEADER.FIELDS (SUBJECT)])')" || fail "UID FETCH failed: $out"
[[ "$out" == *"Subject: private folder test 1"* ]] || fail "message 1 was not fetched: $out"
[[ "$out" == *"Subject: private folder test 2"* ]] || fail "message 2, written while the server ran, was not fetched: $out"
imap e LOGOUT >/dev/null || true
exec 3>&-

bash "$script" stop "$dir" >"$private/stop.out" 2>&1 || fail "dovecot.sh stop failed: $(cat "$private/stop.out")"
for cmdline in /proc/[0-9]*/cmdline; do
  if tr '\0' ' ' 2>/dev/null <"$cmdline" | grep -qF "$dir/dovecot.conf"; then
    fail "a Dovecot process of $dir still runs after stop: ${cmdline%/cmdline}"
  fi
done
[[ -d "$dir/home" && ! -L "$dir/home" ]] || fail "$dir/home is not a folder again after stop"
[[ "$(cat "$dir/home/alice/Maildir"/{new,cur}/* 2>/dev/null | grep -c '^Subject: private folder test')" -eq 2 ]] \
  || fail "$dir/home/alice/Maildir does not hold the 2 messages after stop"
if [[ -n "$runtime" && -e "$runtime" ]]; then
  fail "the runtime folder $runtime is left after stop"
fi
[[ "$(stat -c %a "$private")" == 700 ]] || fail "the mode of the private folder changed to $(stat -c %a "$private")"
echo "private-folder.sh: ok (as $(id -un), from $dir)"
