#!/usr/bin/env bash
# Usage: infra/down.sh [kafka|elasticsearch|influxdb ...]   (default: all)
# Stops services started by up.sh (only processes recorded in pid files, with
# their process groups): SIGTERM, then SIGKILL after SIGHTLINE_STOP_TIMEOUT.
set -euo pipefail
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

parse_services "$@"
services=("${SERVICES[@]}")
acquire_lock

# Stopped in parallel: each JVM takes a few seconds to shut down cleanly.
declare -A jobs=()
for svc in "${services[@]}"; do
  stop_service "$svc" &
  jobs[$svc]=$!
done
failed=()
for svc in "${services[@]}"; do
  wait "${jobs[$svc]}" || failed+=("$svc")
done
[[ ${#failed[@]} -eq 0 ]] || die "could not stop: ${failed[*]}"
