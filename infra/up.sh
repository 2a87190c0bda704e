#!/usr/bin/env bash
# Usage: infra/up.sh [kafka|elasticsearch|influxdb ...]   (default: all)
# Installs missing services, starts them in parallel and waits until each is
# ready. Services already running are left alone. Exits non-zero if any
# service fails, after reporting on every one of them.
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

parse_services "$@"
services=("${SERVICES[@]}")
[[ ${#services[@]} -gt 0 ]] || die "no services selected"
require_cmd curl "install curl (apt-get install -y curl)"
mkdir -p "$LOG_DIR" "$PID_DIR"
acquire_lock

# One failure report per service, printed together at the end so parallel
# output does not interleave.
reports="$(mktemp -d)"
trap 'rm -rf "$reports"' EXIT

bring_up() {
  local svc=$1 t0=$SECONDS pid port install_log="$LOG_DIR/$1-install.log"
  port="$(service_port "$svc")"

  if ! "${svc}_installed"; then
    log "$svc: installing (log: $install_log)"
    if ! "$INFRA_DIR/$svc/install.sh" >"$install_log" 2>&1; then
      {
        printf '%s\n' "$svc: install failed — see $install_log"
        tail -n 20 "$install_log"
      } >&2
      return 1
    fi
    log "$svc: installed in $((SECONDS - t0))s"
  fi

  clean_stale_pid "$svc"
  if pid="$(service_pid "$svc")"; then
    log "$svc: already running (pid $pid)"
    wait_ready "$svc" "${svc}_ready" "$SIGHTLINE_SERVICE_TIMEOUT" "$LOG_DIR/$svc.log"
    return
  fi

  t0=$SECONDS
  "$INFRA_DIR/$svc/start.sh" || return 1
  if ! wait_ready "$svc" "${svc}_ready" "$SIGHTLINE_SERVICE_TIMEOUT" "$LOG_DIR/$svc.log"; then
    # A service that died during startup leaves nothing behind.
    clean_stale_pid "$svc" >/dev/null
    return 1
  fi
  log "$svc ready on 127.0.0.1:$port in $((SECONDS - t0))s"
}

t_start=$SECONDS
declare -A jobs=()
for svc in "${services[@]}"; do
  bring_up "$svc" 2>"$reports/$svc" &
  jobs[$svc]=$!
done

failed=()
for svc in "${services[@]}"; do
  wait "${jobs[$svc]}" || failed+=("$svc")
done

if [[ ${#failed[@]} -gt 0 ]]; then
  for svc in "${failed[@]}"; do
    printf '\n' >&2
    cat "$reports/$svc" >&2
  done
  printf '\n' >&2
  hint=""
  for svc in "${failed[@]}"; do
    if service_pid "$svc" >/dev/null; then
      hint=" (processes that did start are still running; $INFRA_DIR/down.sh stops them)"
    fi
  done
  die "failed: ${failed[*]}$hint"
fi
log "all ready (${services[*]}) in $((SECONDS - t_start))s"
