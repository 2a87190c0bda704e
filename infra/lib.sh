# shellcheck shell=bash
# Helpers shared by the local-services scripts. Sourced, never executed.

# shellcheck source=env.sh
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"

# ---------------------------------------------------------------- messages

log() { printf '%s\n' "$*"; }
warn() { printf '%s\n' "$*" >&2; }
die() {
  printf '%s\n' "$*" >&2
  exit 1
}

require_cmd() { # require_cmd <command> <hint>
  command -v "$1" >/dev/null 2>&1 || die "$1 not found: $2"
}

# ---------------------------------------------------------------- services

is_service() {
  local s
  for s in "${ALL_SERVICES[@]}"; do [[ $s == "$1" ]] && return 0; done
  return 1
}

# Validates the service names given on the command line (default: all) and
# stores them in SERVICES, in canonical order, without duplicates.
parse_services() {
  local s wanted=" $* "
  for s in "$@"; do
    is_service "$s" || die "unknown service '$s' (expected: ${ALL_SERVICES[*]})"
  done
  SERVICES=()
  for s in "${ALL_SERVICES[@]}"; do
    if [[ $# -eq 0 || $wanted == *" $s "* ]]; then SERVICES+=("$s"); fi
  done
}

# Names of the env vars holding the ports a service binds; the first one is
# the port clients use.
service_port_vars() {
  case $1 in
    kafka) echo KAFKA_PORT KAFKA_CONTROLLER_PORT ;;
    elasticsearch) echo ELASTICSEARCH_PORT ELASTICSEARCH_TRANSPORT_PORT ;;
    influxdb) echo INFLUXDB_PORT INFLUXDB_RPC_PORT ;;
  esac
}

service_port() {
  local vars
  read -r -a vars <<<"$(service_port_vars "$1")"
  printf '%s\n' "${!vars[0]}"
}

# A string found in the command line of every process in the service's
# launch chain; guards against a recycled pid being mistaken for ours.
service_marker() {
  case $1 in
    kafka) echo kafka.Kafka ;;
    elasticsearch) echo elasticsearch ;;
    influxdb) echo influxd ;;
  esac
}

# ---------------------------------------------------------------- pid files

pid_file() { printf '%s\n' "$PID_DIR/$1.pid"; }

# Prints the pid recorded for a service, if the file holds a number.
recorded_pid() {
  local file pid
  file="$(pid_file "$1")"
  [[ -f $file ]] || return 1
  pid="$(<"$file")"
  [[ $pid =~ ^[0-9]+$ ]] || return 1
  printf '%s\n' "$pid"
}

# True if pid exists, is not a zombie and its command line contains marker.
pid_matches() { # pid_matches <pid> <marker>
  local pid=$1 marker=$2 stat cmdline
  read -r stat 2>/dev/null <"/proc/$pid/stat" || return 1
  stat="${stat##*) }"
  [[ ${stat:0:1} != Z ]] || return 1
  cmdline="$(tr '\0' ' ' 2>/dev/null <"/proc/$pid/cmdline")" || return 1
  [[ $cmdline == *"$marker"* ]]
}

# Prints the pid of the running service; fails if it is not running.
service_pid() {
  local pid
  pid="$(recorded_pid "$1")" || return 1
  pid_matches "$pid" "$(service_marker "$1")" || return 1
  printf '%s\n' "$pid"
}

# Live (non-zombie) members of a process group, one pid per line.
group_pids() {
  local pgid=$1 stat f
  local -a fields
  for f in /proc/[0-9]*/stat; do
    # Processes may vanish between the glob and the read.
    read -r stat 2>/dev/null <"$f" || continue
    # Fields after the command name: state ppid pgrp ...
    read -r -a fields <<<"${stat##*) }"
    [[ ${fields[2]} == "$pgid" && ${fields[0]} != Z ]] || continue
    f="${f#/proc/}"
    printf '%s\n' "${f%/stat}"
  done
}

pgid_of() {
  local stat
  local -a fields
  read -r stat 2>/dev/null <"/proc/$1/stat" || return 1
  read -r -a fields <<<"${stat##*) }"
  printf '%s\n' "${fields[2]}"
}

# True while the process or any member of its group is still alive.
group_alive() { # group_alive <pgid> <pid>
  pid_matches "$2" "" && return 0
  [[ -n $1 && -n "$(group_pids "$1")" ]]
}

# Launches a service in the background in its own session, so that down.sh
# can signal the whole process group (launchers, JVM children) at once.
# The pid file is written by the session leader itself, then it execs the
# service, so the recorded pid is the service's (or its launcher's) pid.
start_daemon() { # start_daemon <service> <command...>
  local svc=$1 file log
  shift
  file="$(pid_file "$svc")"
  log="$LOG_DIR/$svc.log"
  mkdir -p "$PID_DIR" "$LOG_DIR"
  # Keep the previous run's output, but start fresh so readiness checks
  # that scan the log only see this run.
  if [[ -s $log ]]; then mv -f "$log" "$log.1"; fi
  rm -f "$file"
  # Inside the new session: close every inherited descriptor above stderr
  # (the up/down lock on fd 9, pipes of whatever ran up.sh) so the service
  # neither holds the lock nor keeps a caller waiting for EOF.
  # shellcheck disable=SC2016  # expanded by the inner bash
  setsid bash -c '
    for fd in /proc/self/fd/*; do
      fd=${fd##*/}
      if ((fd > 2)); then eval "exec $fd>&-"; fi
    done
    echo "$$" >"$0.tmp" && mv -f "$0.tmp" "$0" && exec "$@"' \
    "$file" "$@" </dev/null >>"$log" 2>&1 &
  local _
  for _ in $(seq 1 100); do
    [[ -s $file ]] && return 0
    sleep 0.1
  done
  die "$svc: failed to launch — see $log"
}

# terminate <service> <pid> <pgid>: SIGTERM goes to the recorded process
# first, so launchers (Elasticsearch's CLI) can shut their children down
# cleanly; whatever is left in the group once it has exited gets SIGTERM too,
# and after SIGHTLINE_STOP_TIMEOUT seconds the whole group gets SIGKILL.
# pgid is empty when the process does not lead its own group.
terminate() {
  local svc=$1 pid=$2 pgid=$3 t0=$SECONDS group_termed=false
  kill -TERM "$pid" 2>/dev/null || true
  while group_alive "$pgid" "$pid"; do
    if [[ -n $pgid ]] && ! $group_termed && ! pid_matches "$pid" ""; then
      kill -TERM -- "-$pgid" 2>/dev/null || true
      group_termed=true
    fi
    if ((SECONDS - t0 >= SIGHTLINE_STOP_TIMEOUT)); then
      warn "$svc: still running after ${SIGHTLINE_STOP_TIMEOUT}s, sending SIGKILL"
      if [[ -n $pgid ]]; then kill -KILL -- "-$pgid" 2>/dev/null || true; fi
      kill -KILL "$pid" 2>/dev/null || true
      sleep 1
      break
    fi
    sleep 0.2
  done
  ! group_alive "$pgid" "$pid"
}

# Removes a pid file whose process is gone (crash, reboot, kill -9). If the
# recorded process died but left children behind in its process group (e.g.
# the Elasticsearch server after its launcher was killed), those are
# stopped: Linux never reuses a pid that still names a process group, so the
# group can only be ours.
clean_stale_pid() {
  local svc=$1 pid
  [[ -f "$(pid_file "$svc")" ]] || return 0
  service_pid "$svc" >/dev/null && return 0
  if pid="$(recorded_pid "$svc")" && [[ -n "$(group_pids "$pid")" ]]; then
    log "$svc: pid $pid is gone but left processes behind; stopping them"
    terminate "$svc" "$pid" "$pid" || die "$svc: could not stop the leftover processes of group $pid"
  fi
  rm -f "$(pid_file "$svc")"
  log "$svc: removed stale pid file (pid ${pid:-?} was not running)"
}

# Stops a service started by start_daemon (see terminate).
stop_service() {
  local svc=$1 pid pgid t0=$SECONDS
  if ! pid="$(recorded_pid "$svc")"; then
    rm -f "$(pid_file "$svc")"
    log "$svc: not running"
    return 0
  fi
  if ! pid_matches "$pid" "$(service_marker "$svc")"; then
    clean_stale_pid "$svc"
    return 0
  fi
  pgid="$(pgid_of "$pid" || echo "")"
  # Only ever signal a group the service leads (always true for
  # start_daemon); never a group we did not create.
  [[ $pgid == "$pid" ]] || pgid=""
  terminate "$svc" "$pid" "$pgid" || die "$svc: could not stop pid $pid"
  rm -f "$(pid_file "$svc")"
  log "$svc: stopped (pid $pid) in $((SECONDS - t0))s"
}

# ---------------------------------------------------------------- ports

port_open() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# Best-effort description of who listens on a port ("python3 (pid 12)").
port_owner() {
  command -v ss >/dev/null 2>&1 || return 0
  ss -Hltnp "sport = :$1" 2>/dev/null |
    sed -n 's/.*users:(("\([^"]*\)",pid=\([0-9]*\).*/ by \1 (pid \2)/p' | head -n 1
}

# Fails if any port of the service is taken by a process that is not ours.
check_ports_free() {
  local svc=$1 var port
  for var in $(service_port_vars "$svc"); do
    port="${!var}"
    [[ $port =~ ^[0-9]+$ ]] || die "$svc: $var must be a port number (got '$port')"
    if port_open "$port"; then
      die "$svc: port $port is already in use$(port_owner "$port"); stop that process or set $var to a free port"
    fi
  done
}

# ---------------------------------------------------------------- readiness

kafka_ready() {
  port_open "$KAFKA_PORT" && grep -q 'Kafka Server started' "$LOG_DIR/kafka.log" 2>/dev/null
}

elasticsearch_ready() {
  local body
  body="$(curl -s -m 2 "http://127.0.0.1:$ELASTICSEARCH_PORT/_cluster/health")" || return 1
  [[ $body =~ \"status\":\"(green|yellow)\" ]]
}

influxdb_ready() {
  [[ "$(curl -s -o /dev/null -m 2 -w '%{http_code}' "http://127.0.0.1:$INFLUXDB_PORT/ping")" == 204 ]]
}

# wait_ready <name> <check-cmd> <timeout> <logfile>
# Polls check-cmd every second. Fails early if the service's process exits.
# On failure prints the reason and the tail of the log to stderr.
wait_ready() {
  local name=$1 check=$2 timeout=$3 logfile=$4 t0=$SECONDS reason
  while true; do
    if eval "$check" >/dev/null 2>&1; then return 0; fi
    if is_service "$name" && ! service_pid "$name" >/dev/null; then
      reason="$name exited before becoming ready (after $((SECONDS - t0))s) — see $logfile"
      break
    fi
    if ((SECONDS - t0 >= timeout)); then
      reason="$name failed to become ready within ${timeout}s — see $logfile"
      break
    fi
    sleep 1
  done
  {
    printf '%s\n' "$reason"
    if [[ -f $logfile ]]; then
      printf -- '--- last 20 lines of %s ---\n' "$logfile"
      tail -n 20 "$logfile"
      printf -- '---\n'
    fi
  } >&2
  return 1
}

# ---------------------------------------------------------------- install state

kafka_installed() {
  local file="$CACHE/kafka/classpath.txt" jar
  local -a jars
  [[ -s $file ]] || return 1
  IFS=: read -r -a jars <"$file"
  [[ ${#jars[@]} -gt 0 ]] || return 1
  for jar in "${jars[@]}"; do [[ -f $jar ]] || return 1; done
}

elasticsearch_installed() {
  [[ -x $ELASTICSEARCH_HOME/bin/elasticsearch ]]
}

influxdb_installed() {
  command -v influxd >/dev/null 2>&1
}

# ---------------------------------------------------------------- tools

# Resolves the JVM used by Kafka and Elasticsearch into SERVICE_JAVA_HOME and
# SERVICE_JAVA: the Debian OpenJDK 17 if present, else JAVA_HOME, else PATH.
resolve_java() {
  local home="" java version major
  if [[ -x /usr/lib/jvm/java-17-openjdk-amd64/bin/java ]]; then
    home=/usr/lib/jvm/java-17-openjdk-amd64
  elif [[ -n ${JAVA_HOME:-} && -x ${JAVA_HOME:-}/bin/java ]]; then
    home="$JAVA_HOME"
  elif java="$(command -v java 2>/dev/null)"; then
    java="$(readlink -f "$java")"
    home="${java%/bin/java}"
  else
    die "Java 17+ not found: install it (apt-get install -y openjdk-17-jre-headless) or set JAVA_HOME"
  fi
  version="$("$home/bin/java" -version 2>&1 | sed -n 's/.*version "\([^"]*\)".*/\1/p' | head -n 1)"
  major="${version%%.*}"
  # Java 8 and older report "1.8.0_x".
  if [[ $major == 1 ]]; then
    major="${version#1.}"
    major="${major%%.*}"
  fi
  [[ $major =~ ^[0-9]+$ ]] || die "cannot determine the version of $home/bin/java"
  ((major >= 17)) || die "Java 17+ required, but $home/bin/java is Java $version; set JAVA_HOME to a JDK 17+"
  # shellcheck disable=SC2034  # read by the calling scripts
  SERVICE_JAVA_HOME="$home"
  # shellcheck disable=SC2034
  SERVICE_JAVA="$home/bin/java"
}

# Runs a command as root: directly, or through sudo (never prompting when
# there is no terminal, so CI fails fast instead of hanging).
as_root() {
  if [[ $EUID -eq 0 ]]; then
    "$@"
  elif command -v sudo >/dev/null 2>&1; then
    if [[ -t 0 ]]; then sudo "$@"; else sudo -n "$@"; fi
  else
    die "root privileges needed for: $* (run as root or install sudo)"
  fi
}

# apt-get install, refreshing the package lists once if the first attempt
# fails (fresh machines and CI images often ship without lists).
apt_install() {
  require_cmd apt-get "install $* with your system's package manager"
  if [[ $EUID -ne 0 ]] && ! command -v sudo >/dev/null 2>&1; then
    die "installing $* needs root: run as root, install sudo, or install it manually"
  fi
  # Installs started side by side (InfluxDB, Chromium) wait for each other's dpkg lock.
  local wait_lock=(-o DPkg::Lock::Timeout=600)
  if ! as_root env DEBIAN_FRONTEND=noninteractive apt-get "${wait_lock[@]}" install -y "$@"; then
    log "apt-get install failed; refreshing package lists and retrying"
    as_root env DEBIAN_FRONTEND=noninteractive apt-get "${wait_lock[@]}" update
    as_root env DEBIAN_FRONTEND=noninteractive apt-get "${wait_lock[@]}" install -y "$@"
  fi
}

# render_template <src> <dst> <VAR...>: replaces ${VAR} for the listed vars
# only, so no external tool (envsubst) is needed and nothing else leaks in.
render_template() {
  local src=$1 dst=$2 content var placeholder
  shift 2
  content="$(<"$src")"
  for var in "$@"; do
    placeholder="\${$var}"
    content="${content//"$placeholder"/"${!var}"}"
  done
  if [[ $content =~ \$\{[A-Za-z_]+\} ]]; then
    die "unresolved placeholder ${BASH_REMATCH[0]} in $src"
  fi
  printf '%s\n' "$content" >"$dst.tmp"
  mv -f "$dst.tmp" "$dst"
}

# Serialises up/down/reset so that concurrent invocations cannot start a
# service twice. Child scripts inherit the lock.
acquire_lock() {
  [[ -z ${SIGHTLINE_LOCK_HELD:-} ]] || return 0
  command -v flock >/dev/null 2>&1 || return 0
  mkdir -p "$RUN"
  exec 9>"$RUN/.lock"
  if ! flock -n 9; then
    log "waiting for another up/down/reset to finish..."
    flock 9
  fi
  export SIGHTLINE_LOCK_HELD=1
}
