# shellcheck shell=bash
# Runs Sightline's apps as background processes and watches them; sourced by
# start-distributed.sh. Each copy logs to .run/logs/<app>-<n>.log (relative to the current folder).

app_pids=()
declare -A app_name=() app_url=()

# app_start NAME N PORT_VARIABLE PORT ENTRY [OPS_VARIABLE OPS_PORT]: one copy of an app, on its
# own port; readiness is asked on OPS_PORT when the app serves it apart (admin app, ingest).
app_start() {
  local name=$1 n=$2 variable=$3 port=$4 entry=$5 ops_variable=${6:-} ops_port=${7:-}
  mkdir -p .run/logs
  if [[ -n "$ops_variable" ]]; then
    env "$variable=$port" "$ops_variable=$ops_port" node "$entry" >".run/logs/$name-$n.log" 2>&1 &
  else
    env "$variable=$port" node "$entry" >".run/logs/$name-$n.log" 2>&1 &
  fi
  app_pids+=("$!")
  app_name[$!]="$name-$n"
  app_url[$!]="http://127.0.0.1:${ops_port:-$port}"
}

# app_report PID STATUS: which app stopped and how, then the end of its log, on stderr.
app_report() {
  local pid=$1 status=$2 app=${app_name[$1]:-unknown} how
  # A status above 128 is bash's way of saying the process died of signal (status - 128).
  if ((status > 128)); then
    how="killed by SIG$(kill -l $((status - 128))) (status $status)"
  else
    how="exit code $status"
  fi
  echo "==> $app (pid $pid) stopped: $how" >&2
  echo "    last lines of .run/logs/$app.log:" >&2
  tail -n 20 ".run/logs/$app.log" | sed 's/^/    | /' >&2
}

# apps_wait_ready [SECONDS]: waits until every app answers /readyz. Returns 1 after reporting an
# app that stops meanwhile or is still not ready after SECONDS (120).
apps_wait_ready() {
  local limit=${1:-120} pid waited status
  for pid in "${app_pids[@]}"; do
    for ((waited = 0; ; waited++)); do
      if curl -fs "${app_url[$pid]}/readyz" >/dev/null 2>&1; then break; fi
      if ! kill -0 "$pid" 2>/dev/null; then
        # Gone: bash kept its status.
        status=0
        wait "$pid" || status=$?
        app_report "$pid" "$status"
        return 1
      fi
      if ((waited >= limit)); then
        echo "==> ${app_name[$pid]} is not ready after $limit s; last lines of .run/logs/${app_name[$pid]}.log:" >&2
        tail -n 20 ".run/logs/${app_name[$pid]}.log" | sed 's/^/    | /' >&2
        return 1
      fi
      sleep 1
    done
  done
}

# apps_watch: waits until one app stops, reports it, and returns 1 (the apps are meant to run
# until they are stopped).
apps_watch() {
  local pid status=0
  wait -n -p pid "${app_pids[@]}" || status=$?
  # Without a pid, wait was cut short by a signal; its trap takes over.
  [[ -n "${pid:-}" ]] || return 1
  app_report "$pid" "$status"
  return 1
}

# apps_stop: SIGTERM to every app still running, then waits for them (each exits within its
# SHUTDOWN_TIMEOUT_MS).
apps_stop() {
  trap - INT TERM EXIT
  ((${#app_pids[@]} > 0)) || return 0
  echo "==> Stopping the apps"
  kill "${app_pids[@]}" 2>/dev/null || true
  wait "${app_pids[@]}" 2>/dev/null || true
}
