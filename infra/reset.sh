#!/usr/bin/env bash
# Usage: infra/reset.sh [kafka|elasticsearch|influxdb ...]   (default: all)
# Stops the services, then deletes their data, config and logs under $RUN so
# the next up.sh starts from a clean slate. Downloads in $CACHE are kept.
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

parse_services "$@"
services=("${SERVICES[@]}")
acquire_lock
"$INFRA_DIR/down.sh" "${services[@]}"

for svc in "${services[@]}"; do
  rm -rf "${RUN:?}/$svc"
  rm -f "$LOG_DIR/$svc.log" "$LOG_DIR/$svc.log.1" "$LOG_DIR/$svc-format.log"
  log "$svc: data removed"
done
