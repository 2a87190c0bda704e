#!/usr/bin/env bash
# Usage: infra/status.sh [services...]
# Prints whether each service is running. Exit status 0 only if all the
# listed services are running.
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

parse_services "$@"
services=("${SERVICES[@]}")
all_running=true
for svc in "${services[@]}"; do
  port="$(service_port "$svc")"
  if pid="$(service_pid "$svc")"; then
    if "${svc}_ready" >/dev/null 2>&1; then state=ready; else state="not ready"; fi
    printf '%-14s running (pid %s, port %s, %s)\n' "$svc" "$pid" "$port" "$state"
  else
    all_running=false
    if pid="$(recorded_pid "$svc")" && [[ -n "$(group_pids "$pid")" ]]; then
      printf '%-14s stopped, but processes of group %s remain (down.sh stops them)\n' "$svc" "$pid"
    elif [[ -f "$(pid_file "$svc")" ]]; then
      printf '%-14s stopped (stale pid file)\n' "$svc"
    else
      printf '%-14s stopped\n' "$svc"
    fi
  fi
done
$all_running
