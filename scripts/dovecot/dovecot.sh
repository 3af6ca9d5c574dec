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
# Everything lives below DIR, except while running (see below): dovecot.conf, cert.pem/key.pem,
# home/<user>/Maildir, state/, dovecot.log and instance.env. The system configuration (/etc/dovecot) and the
# system service are never used. The instance listens on 127.0.0.1 only, on two free ports (override with
# DOVECOT_IMAP_PORT and DOVECOT_IMAPS_PORT). As root, mail is owned and accessed by the user "mail" (override:
# DOVECOT_MAIL_USER); otherwise every process runs as the calling user.
#
# DIR may sit in a folder that Dovecot's unprivileged users cannot enter when run as root (root's home is mode
# 700, so is a mktemp -d folder), and no permission of DIR's parents is changed. While the instance runs, what
# those users open (the mail homes, the users file, base_dir) therefore lives in a runtime folder made by mktemp
# in /var/tmp or /tmp (imapclient-dovecot.XXXXXXXXXX, owned by the caller, mode 711: entered, not listed, by
# others); that also keeps base_dir short enough for Unix socket names whatever the length of DIR. DIR/home and
# DIR/run are symbolic links into it, so callers keep writing mail to DIR/home/<user>/Maildir. Stopping moves the
# homes back to DIR/home and deletes the runtime folder. The same happens without root, for one code path.
#
# Installing waits up to DOVECOT_APT_LOCK_TIMEOUT seconds (default 300) for another apt/dpkg process (such as
# unattended-upgrades on a fresh machine) to release the package lock.
set -euo pipefail

readonly USERS=(alice bob carol)
readonly START_TIMEOUT_TENTHS=100 # 10 s
readonly STOP_TIMEOUT_TENTHS=50   # 5 s
readonly APT_LOCK_TIMEOUT="${DOVECOT_APT_LOCK_TIMEOUT:-300}"
readonly RUNTIME_PREFIX=imapclient-dovecot. # runtime_of matches it too

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

# Runs apt-get as root with the given arguments. Waits up to APT_LOCK_TIMEOUT seconds in all for the apt/dpkg
# locks: apt-get itself waits for the dpkg lock (DPkg::Lock::Timeout) but not for every lock (apt-get update's
# lists lock), so a lock failure is also retried here until the time is up.
apt_get() {
  local deadline=$((SECONDS + APT_LOCK_TIMEOUT)) remaining status log
  log="$(mktemp)"
  while true; do
    remaining=$((deadline - SECONDS))
    [[ $remaining -gt 0 ]] || remaining=0
    status=0
    as_root env DEBIAN_FRONTEND=noninteractive apt-get -o "DPkg::Lock::Timeout=$remaining" "$@" 2>&1 \
      | tee "$log" >&2 || status=$?
    if [[ $status -eq 0 ]]; then
      rm -f "$log"
      return 0
    fi
    if ! grep -qiE 'could not get lock|unable to acquire the dpkg frontend lock|unable to lock' "$log"; then
      rm -f "$log"
      return "$status"
    fi
    if [[ $SECONDS -ge $deadline ]]; then
      rm -f "$log"
      die "gave up after waiting ${APT_LOCK_TIMEOUT} s for the apt/dpkg lock: another package manager is still running" \
        "(apt-get named it above). Run this again once it has finished, or raise DOVECOT_APT_LOCK_TIMEOUT."
    fi
    echo "dovecot.sh: another apt/dpkg process holds the package lock; waiting for it (at most $((deadline - SECONDS)) s more)" >&2
    sleep 5
  done
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
  if ! is_root && ! command -v sudo >/dev/null 2>&1; then
    die "${packages[*]} must be installed and this user is not root and has no sudo; as root run: apt-get install ${packages[*]}"
  fi
  [[ "$APT_LOCK_TIMEOUT" =~ ^[0-9]+$ ]] || die "DOVECOT_APT_LOCK_TIMEOUT must be a number of seconds: $APT_LOCK_TIMEOUT"
  command -v apt-get >/dev/null 2>&1 || die "apt-get is missing; install ${packages[*]} with this system's package manager"
  echo "dovecot.sh: installing ${packages[*]} (waits up to ${APT_LOCK_TIMEOUT} s if another apt/dpkg process holds the lock)" >&2
  if ! apt_get install -y -q --no-install-recommends "${packages[@]}"; then
    apt_get update -q || die "apt-get update failed (see above)"
    apt_get install -y -q --no-install-recommends "${packages[@]}" || die "apt-get could not install ${packages[*]} (see above)"
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
  if [[ -z "$pid" ]]; then
    # Nothing runs, but a crashed or killed instance may have left its runtime folder.
    release_runtime "$dir"
    return 0
  fi
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
  release_runtime "$dir"
}

# The runtime folder that DIR/run links into when it is one this script made, or nothing.
runtime_of() {
  local dir="$1" target pattern='^(/var/tmp|/tmp)/imapclient-dovecot\.[A-Za-z0-9]+$'
  [[ -L "$dir/run" ]] || return 0
  target="$(readlink "$dir/run")"
  target="${target%/run}"
  if [[ "$target" =~ $pattern && -d "$target" && ! -L "$target" && -O "$target" ]]; then
    printf '%s' "$target"
  fi
}

# Makes the runtime folder of an instance, on DIR's file system when /var/tmp or /tmp is on it (moving the
# homes is then a rename), and links DIR/run into it.
make_runtime() {
  local dir="$1" device parent="" candidate runtime
  device="$(stat -c %d "$dir")"
  for candidate in /var/tmp /tmp; do
    [[ -d "$candidate" && -w "$candidate" ]] || continue
    [[ -n "$parent" ]] || parent="$candidate"
    if [[ "$(stat -c %d "$candidate")" == "$device" ]]; then
      parent="$candidate"
      break
    fi
  done
  [[ -n "$parent" ]] || die "neither /var/tmp nor /tmp is a writable folder"
  runtime="$(mktemp -d "$parent/${RUNTIME_PREFIX}XXXXXXXXXX")" || die "could not make a runtime folder in $parent"
  chmod 711 "$runtime"
  mkdir "$runtime/run"
  rm -rf "$dir/run"
  ln -s "$runtime/run" "$dir/run"
  printf '%s' "$runtime"
}

# Moves the homes of a stopped instance back to DIR/home and deletes its runtime folder.
release_runtime() {
  local dir="$1" runtime
  runtime="$(runtime_of "$dir")"
  [[ -n "$runtime" ]] || return 0
  if [[ -L "$dir/home" && "$(readlink "$dir/home")" == "$runtime/home" ]]; then
    rm -f "$dir/home"
    if [[ -d "$runtime/home" ]]; then
      mv -T "$runtime/home" "$dir/home" || die "could not move the mail homes from $runtime/home back to $dir/home"
    fi
  fi
  rm -f "$dir/run"
  rm -rf "$runtime"
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
  local dir home
  dir="$(instance_dir "${1:-}")"
  select_users
  [[ -d "$dir/home" ]] || return 0
  # While the instance runs, DIR/home links into its runtime folder; chown -R would not follow the link.
  home="$(readlink -f "$dir/home")"
  if is_root; then
    chown -R "$MAIL_UID:$MAIL_GID" "$home"
  fi
  chmod 755 "$dir" "$home"
}

write_config() {
  local dir="$1" imap_port="$2" imaps_port="$3" base_dir="$4" users="$5" chroot_login chroot_empty
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
# Room for the benchmarks' many idle connections (one imap process, and with TLS one imap-login process, each).
default_process_limit = 1500
default_client_limit = 5000
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
  args = scheme=PLAIN $users
}
userdb {
  driver = passwd-file
  args = $users
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
  mail_max_userip_connections = 1500
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

# Writes the passwd-file FILE (read by the auth service, which runs as the internal user) with homes below HOMES.
write_users() {
  local file="$1" homes="$2" user
  : >"$file.tmp"
  for user in "${USERS[@]}"; do
    printf '%s:{PLAIN}%s-secret:%s:%s::%s/%s::\n' "$user" "$user" "$MAIL_UID" "$MAIL_GID" "$homes" "$user" >>"$file.tmp"
  done
  chmod 644 "$file.tmp"
  mv -f "$file.tmp" "$file"
}

prepare_homes() {
  local dir="$1" homes="$2" user
  for user in "${USERS[@]}"; do
    mkdir -p "$homes/$user/Maildir/cur" "$homes/$user/Maildir/new" "$homes/$user/Maildir/tmp"
  done
  cmd_fixperms "$dir"
  if is_root && command -v runuser >/dev/null 2>&1; then
    runuser -u "$MAIL_USER" -- test -w "$homes/${USERS[0]}/Maildir" \
      || die "user '$MAIL_USER' cannot write $homes/${USERS[0]}/Maildir; a parent folder is not searchable by it"
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
  local dir dovecot base_dir imap_port imaps_port attempt output runtime users homes
  dir="$(instance_dir "${1:-}")"
  dovecot="$(find_dovecot)"
  [[ -n "$dovecot" ]] || die "dovecot is not installed (run: $0 install)"

  cmd_stop "$dir"
  mkdir -p "$dir" "$dir/state" "$dir/home"
  chmod 755 "$dir"
  select_users
  ensure_certificate "$dir"

  # A failed start must not leave the homes in the runtime folder.
  STARTING_DIR="$dir"
  trap 'cmd_stop "$STARTING_DIR" || true' EXIT
  runtime="$(make_runtime "$dir")"
  mv -T "$dir/home" "$runtime/home" || die "could not move $dir/home to $runtime/home"
  ln -s "$runtime/home" "$dir/home"
  base_dir="$runtime/run"
  users="$runtime/users"
  homes="$runtime/home"
  write_users "$users" "$homes"
  prepare_homes "$dir" "$homes"

  for ((attempt = 1; ; attempt++)); do
    imap_port="${DOVECOT_IMAP_PORT:-$(free_port)}"
    imaps_port="${DOVECOT_IMAPS_PORT:-$(free_port "$imap_port")}"
    write_config "$dir" "$imap_port" "$imaps_port" "$base_dir" "$users"
    # The daemon keeps the stdio it inherits: never let it hold a pipe of the caller. Its processes inherit the
    # open-file limit: raise it (as far as allowed) for many connections.
    ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
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
  trap - EXIT
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
