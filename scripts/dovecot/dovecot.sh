#!/usr/bin/env bash
# Private, throw-away Dovecot instance for the ImapClient integration tests, demo and benchmarks.
#
#   dovecot.sh install                 install Dovecot (and openssl) through apt when missing
#   dovecot.sh start DIR               (re)start a private instance rooted at the absolute path DIR
#   dovecot.sh stop DIR                stop that instance (quiet success when nothing runs)
#   dovecot.sh fixperms DIR            hand the mail homes to the mail user again (after writing mail as root)
#   dovecot.sh fill DIR USER MAILBOX COUNT [SEED]
#                                      add generated messages (delegates to tests/ImapClient.TestServer)
#
# Everything lives below DIR: dovecot.conf, users, cert.pem/key.pem, home/<user>/Maildir, run/ (base_dir),
# state/, dovecot.log and instance.env. The system configuration (/etc/dovecot) and the system service are
# never used. The instance listens on 127.0.0.1 only, on two free ports (override with DOVECOT_IMAP_PORT and
# DOVECOT_IMAPS_PORT). As root, mail is owned and accessed by the user "mail" (override: DOVECOT_MAIL_USER);
# otherwise every process runs as the calling user.
set -euo pipefail

readonly USERS=(alice bob carol)
readonly START_TIMEOUT_TENTHS=100 # 10 s
readonly STOP_TIMEOUT_TENTHS=50   # 5 s

die() {
  echo "dovecot.sh: $*" >&2
  exit 1
}

usage() {
  sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//' >&2
  exit 2
}

is_root() {
  [[ "$(id -u)" -eq 0 ]]
}

as_root() {
  if is_root; then
    "$@"
  else
    sudo -n "$@"
  fi
}

find_dovecot() {
  local candidate
  candidate="$(command -v dovecot 2>/dev/null || true)"
  if [[ -z "$candidate" && -x /usr/sbin/dovecot ]]; then
    candidate=/usr/sbin/dovecot
  fi
  printf '%s' "$candidate"
}

cmd_install() {
  local packages=()
  # dovecot-imapd brings dovecot-core (with the quota, zlib and listescape plugins).
  if [[ -z "$(find_dovecot)" ]] || [[ -d /usr/lib/dovecot && ! -e /usr/lib/dovecot/imap ]]; then
    packages+=(dovecot-imapd)
  fi
  command -v openssl >/dev/null 2>&1 || packages+=(openssl)
  if [[ ${#packages[@]} -eq 0 ]]; then
    return 0
  fi
  echo "dovecot.sh: installing ${packages[*]}" >&2
  if ! as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${packages[@]}"; then
    as_root env DEBIAN_FRONTEND=noninteractive apt-get update -q
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${packages[@]}"
  fi
  [[ -n "$(find_dovecot)" ]] || die "dovecot is still not installed"
}

# Resolves and validates the instance directory argument.
instance_dir() {
  local dir="${1:-}"
  [[ -n "$dir" ]] || die "missing DIR argument"
  [[ "$dir" == /* ]] || die "DIR must be an absolute path: $dir"
  [[ "$dir" != *[[:space:]\"\'\\\$\#]* ]] || die "DIR must not contain spaces, quotes, backslashes, \$ or #: $dir"
  dir="${dir%/}"
  [[ -n "$dir" ]] || die "DIR must not be /"
  printf '%s' "$dir"
}

# Unix sockets are limited to 107 bytes: keep base_dir short by linking DIR/run to /tmp when DIR is long.
base_dir_for() {
  local dir="$1"
  if [[ ${#dir} -le 60 ]]; then
    printf '%s/run' "$dir"
  else
    printf '/tmp/dovecot-run-%s' "$(printf '%s' "$dir" | cksum | cut -d' ' -f1)"
  fi
}

# PID of the master process running from DIR, or nothing.
running_pid() {
  local dir="$1" pid_file pid cmdline
  pid_file="$dir/run/master.pid"
  [[ -r "$pid_file" ]] || return 0
  pid="$(tr -dc '0-9' <"$pid_file")"
  [[ -n "$pid" && -d "/proc/$pid" ]] || return 0
  cmdline="$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null || true)"
  if [[ "$cmdline" == *"$dir/dovecot.conf"* ]]; then
    printf '%s' "$pid"
  fi
}

process_alive() {
  [[ -d "/proc/$1" ]] && ! grep -q '^State:[[:space:]]*Z' "/proc/$1/status" 2>/dev/null
}

# PIDs of the direct children of $1 (without procps).
child_pids() {
  local parent="$1" stat rest
  for stat in /proc/[0-9]*/stat; do
    read -r rest 2>/dev/null <"$stat" || continue
    rest="${rest##*) }"
    # rest: state ppid ...
    rest="${rest#* }"
    if [[ "${rest%% *}" == "$parent" ]]; then
      stat="${stat#/proc/}"
      printf '%s\n' "${stat%/stat}"
    fi
  done
}

# Waits up to $1 tenths of a second for the given PIDs to exit; succeeds when all did.
wait_exit() {
  local tenths="$1" i p alive
  shift
  for ((i = 0; i <= tenths; i++)); do
    alive=0
    for p in "$@"; do
      if process_alive "$p"; then
        alive=1
        break
      fi
    done
    [[ $alive -eq 1 ]] || return 0
    [[ $i -eq $tenths ]] || sleep 0.1
  done
  return 1
}

cmd_stop() {
  local dir pid children=() p
  dir="$(instance_dir "${1:-}")"
  pid="$(running_pid "$dir")"
  [[ -n "$pid" ]] || return 0
  mapfile -t children < <(child_pids "$pid")
  kill -TERM "$pid" 2>/dev/null || true
  # The master stops its children itself; kill what is left once it is gone, or when it takes too long.
  # (A child forked just before the signal may never act on it.)
  if ! wait_exit "$STOP_TIMEOUT_TENTHS" "$pid"; then
    kill -KILL "$pid" 2>/dev/null || true
  fi
  if [[ ${#children[@]} -gt 0 ]] && ! wait_exit 10 "${children[@]}"; then
    for p in "${children[@]}"; do
      if process_alive "$p"; then kill -KILL "$p" 2>/dev/null || true; fi
    done
    wait_exit 10 "${children[@]}" || true
  fi
  rm -f "$dir/run/master.pid"
}

port_in_use() {
  local port="$1"
  if command -v ss >/dev/null 2>&1; then
    [[ -n "$(ss -Hltn "sport = :$port" 2>/dev/null)" ]] && return 0
  fi
  (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null
}

# Prints a free TCP port (outside the Linux ephemeral range), different from $1.
free_port() {
  local avoid="${1:-0}" port attempt
  for ((attempt = 0; attempt < 200; attempt++)); do
    port=$((20000 + (RANDOM * 32768 + RANDOM) % 12000))
    [[ $port -ne $avoid ]] || continue
    if ! port_in_use "$port"; then
      printf '%s' "$port"
      return 0
    fi
  done
  die "no free TCP port found"
}

ensure_certificate() {
  local dir="$1"
  if [[ -s "$dir/cert.pem" && -s "$dir/key.pem" ]]; then
    return 0
  fi
  command -v openssl >/dev/null 2>&1 || die "openssl is missing (run: $0 install)"
  openssl req -x509 -newkey rsa:2048 -nodes -sha256 -days 3650 \
    -subj "/CN=localhost" \
    -addext "subjectAltName=DNS:localhost,IP:127.0.0.1" \
    -addext "basicConstraints=critical,CA:FALSE" \
    -addext "keyUsage=critical,digitalSignature,keyEncipherment" \
    -addext "extendedKeyUsage=serverAuth" \
    -keyout "$dir/key.pem.tmp" -out "$dir/cert.pem.tmp" >/dev/null 2>&1 \
    || die "openssl could not create the self-signed certificate"
  chmod 600 "$dir/key.pem.tmp"
  chmod 644 "$dir/cert.pem.tmp"
  mv -f "$dir/key.pem.tmp" "$dir/key.pem"
  mv -f "$dir/cert.pem.tmp" "$dir/cert.pem"
}

# Sets MAIL_USER, MAIL_UID, MAIL_GID, LOGIN_USER, INTERNAL_USER and INTERNAL_GROUP for the current mode.
select_users() {
  if is_root; then
    MAIL_USER="${DOVECOT_MAIL_USER:-mail}"
    id "$MAIL_USER" >/dev/null 2>&1 || die "user '$MAIL_USER' does not exist (set DOVECOT_MAIL_USER)"
    MAIL_UID="$(id -u "$MAIL_USER")"
    MAIL_GID="$(id -g "$MAIL_USER")"
    [[ "$MAIL_UID" -ne 0 ]] || die "the mail user must not be root"
    LOGIN_USER=dovenull
    id "$LOGIN_USER" >/dev/null 2>&1 || LOGIN_USER=nobody
    INTERNAL_USER=dovecot
    id "$INTERNAL_USER" >/dev/null 2>&1 || INTERNAL_USER=nobody
    INTERNAL_GROUP="$(id -gn "$INTERNAL_USER")"
  else
    MAIL_USER="$(id -un)"
    MAIL_UID="$(id -u)"
    MAIL_GID="$(id -g)"
    LOGIN_USER="$MAIL_USER"
    INTERNAL_USER="$MAIL_USER"
    INTERNAL_GROUP="$(id -gn)"
  fi
}

cmd_fixperms() {
  local dir
  dir="$(instance_dir "${1:-}")"
  select_users
  [[ -d "$dir/home" ]] || return 0
  if is_root; then
    chown -R "$MAIL_UID:$MAIL_GID" "$dir/home"
  fi
  chmod 755 "$dir" "$dir/home"
}

write_config() {
  local dir="$1" imap_port="$2" imaps_port="$3" base_dir="$4" chroot_login chroot_empty
  if is_root; then
    chroot_login=login
    chroot_empty=empty
  else
    # A non-root master cannot chroot.
    chroot_login=
    chroot_empty=
  fi
  local instance
  instance="imapclient-$(printf '%s' "$dir" | cksum | cut -d' ' -f1)"

  cat >"$dir/dovecot.conf.tmp" <<CONF
# Generated by scripts/dovecot/dovecot.sh for a private test instance; do not edit (rewritten on start).
instance_name = $instance
base_dir = $base_dir
state_dir = $dir/state
log_path = $dir/dovecot.log
info_log_path = $dir/dovecot.log
debug_log_path = $dir/dovecot.log
protocols = imap
listen = 127.0.0.1
shutdown_clients = yes

default_login_user = $LOGIN_USER
default_internal_user = $INTERNAL_USER
default_internal_group = $INTERNAL_GROUP
first_valid_uid = 1
first_valid_gid = 1

ssl = yes
ssl_cert = <$dir/cert.pem
ssl_key = <$dir/key.pem
ssl_min_protocol = TLSv1.2

disable_plaintext_auth = no
auth_mechanisms = plain login scram-sha-1 scram-sha-256 xoauth2 oauthbearer
auth_verbose = yes
# Tests refuse passwords on purpose: answer at once instead of after the usual delay, and without the penalty that
# doubles it per failure from the same address (the anvil listener below is switched off for that).
auth_failure_delay = 0
passdb {
  driver = passwd-file
  args = scheme=PLAIN $dir/users
}
userdb {
  driver = passwd-file
  args = $dir/users
}

mail_location = maildir:~/Maildir
mail_uid = $MAIL_UID
mail_gid = $MAIL_GID
mail_fsync = never
mail_plugins = \$mail_plugins quota listescape
mail_attribute_dict = file:%h/dovecot-attributes

namespace inbox {
  inbox = yes
  separator = /
  prefix =
  mailbox Drafts {
    special_use = \\Drafts
    auto = subscribe
  }
  mailbox Sent {
    special_use = \\Sent
    auto = subscribe
  }
  mailbox Trash {
    special_use = \\Trash
    auto = subscribe
  }
  mailbox Junk {
    special_use = \\Junk
    auto = subscribe
  }
  mailbox Archive {
    special_use = \\Archive
    auto = subscribe
  }
}

plugin {
  quota = maildir:User quota
  quota_rule = *:storage=10G
}

protocol imap {
  mail_plugins = \$mail_plugins imap_quota imap_zlib
  imap_metadata = yes
  imap_idle_notify_interval = 5 secs
  mail_max_userip_connections = 1000
}

service imap-login {
  chroot = $chroot_login
  inet_listener imap {
    address = 127.0.0.1
    port = $imap_port
  }
  inet_listener imaps {
    address = 127.0.0.1
    port = $imaps_port
    ssl = yes
  }
}
service imap-urlauth-login {
  chroot = $chroot_login
}
service anvil {
  chroot = $chroot_empty
  unix_listener anvil-auth-penalty {
    mode = 0
  }
}
service ipc {
  chroot = $chroot_empty
}
service old-stats {
  chroot = $chroot_empty
}
CONF
  mv -f "$dir/dovecot.conf.tmp" "$dir/dovecot.conf"
}

write_users() {
  local dir="$1" user
  : >"$dir/users.tmp"
  for user in "${USERS[@]}"; do
    printf '%s:{PLAIN}%s-secret:%s:%s::%s/home/%s::\n' "$user" "$user" "$MAIL_UID" "$MAIL_GID" "$dir" "$user" >>"$dir/users.tmp"
  done
  chmod 644 "$dir/users.tmp"
  mv -f "$dir/users.tmp" "$dir/users"
}

prepare_homes() {
  local dir="$1" user
  for user in "${USERS[@]}"; do
    mkdir -p "$dir/home/$user/Maildir/cur" "$dir/home/$user/Maildir/new" "$dir/home/$user/Maildir/tmp"
  done
  cmd_fixperms "$dir"
  if is_root && command -v runuser >/dev/null 2>&1; then
    runuser -u "$MAIL_USER" -- test -w "$dir/home/${USERS[0]}/Maildir" \
      || die "user '$MAIL_USER' cannot write $dir/home; a parent folder of $dir is not searchable by it (use e.g. /tmp/...)"
  fi
}

log_tail() {
  local dir="$1"
  if [[ -f "$dir/dovecot.log" ]]; then
    echo "---- last lines of $dir/dovecot.log ----" >&2
    tail -n 40 "$dir/dovecot.log" >&2
  fi
}

wait_for_ports() {
  local i
  for ((i = 0; i < START_TIMEOUT_TENTHS; i++)); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && (exec 3<>"/dev/tcp/127.0.0.1/$2") 2>/dev/null; then
      return 0
    fi
    sleep 0.1
  done
  return 1
}

cmd_start() {
  local dir dovecot base_dir imap_port imaps_port attempt output
  dir="$(instance_dir "${1:-}")"
  dovecot="$(find_dovecot)"
  [[ -n "$dovecot" ]] || die "dovecot is not installed (run: $0 install)"

  cmd_stop "$dir"
  mkdir -p "$dir" "$dir/state" "$dir/home"
  chmod 755 "$dir"
  select_users
  ensure_certificate "$dir"
  write_users "$dir"
  prepare_homes "$dir"

  base_dir="$(base_dir_for "$dir")"
  if [[ "$base_dir" != "$dir/run" ]]; then
    mkdir -p "$base_dir"
    rm -rf "$dir/run"
    ln -s "$base_dir" "$dir/run"
  elif [[ -L "$dir/run" ]]; then
    rm -f "$dir/run"
  fi
  mkdir -p "$base_dir"

  for ((attempt = 1; ; attempt++)); do
    imap_port="${DOVECOT_IMAP_PORT:-$(free_port)}"
    imaps_port="${DOVECOT_IMAPS_PORT:-$(free_port "$imap_port")}"
    write_config "$dir" "$imap_port" "$imaps_port" "$base_dir"
    # The daemon keeps the stdio it inherits: never let it hold a pipe of the caller.
    if "$dovecot" -c "$dir/dovecot.conf" </dev/null >"$dir/start.out" 2>&1; then
      break
    fi
    output="$(cat "$dir/start.out")"
    # Another process may have taken a port between the probe and the bind: pick new ones.
    if [[ "$output" == *"Address already in use"* && -z "${DOVECOT_IMAP_PORT:-}${DOVECOT_IMAPS_PORT:-}" && $attempt -lt 5 ]]; then
      continue
    fi
    echo "$output" >&2
    log_tail "$dir"
    die "dovecot failed to start from $dir"
  done

  if ! wait_for_ports "$imap_port" "$imaps_port"; then
    log_tail "$dir"
    cmd_stop "$dir" || true
    die "dovecot did not accept connections on 127.0.0.1:$imap_port and :$imaps_port within 10 s"
  fi

  cat >"$dir/instance.env.tmp" <<ENV
IMAP_HOST=127.0.0.1
IMAP_PORT=$imap_port
IMAPS_PORT=$imaps_port
IMAP_CERT=$dir/cert.pem
IMAP_USER=${USERS[0]}
IMAP_PASSWORD=${USERS[0]}-secret
DOVECOT_DIR=$dir
ENV
  mv -f "$dir/instance.env.tmp" "$dir/instance.env"
  cat "$dir/instance.env"
}

cmd_fill() {
  [[ $# -ge 4 ]] || usage
  local dir root
  dir="$(instance_dir "$1")"
  root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
  dotnet run --project "$root/tests/ImapClient.TestServer" -c Release -- \
    fill --dir "$dir" --user "$2" --mailbox "$3" --messages "$4" ${5:+--seed "$5"}
}

main() {
  local command="${1:-}"
  [[ $# -gt 0 ]] && shift
  case "$command" in
    install) cmd_install ;;
    start) cmd_start "$@" ;;
    stop) cmd_stop "$@" ;;
    fixperms) cmd_fixperms "$@" ;;
    fill) cmd_fill "$@" ;;
    *) usage ;;
  esac
}

main "$@"
