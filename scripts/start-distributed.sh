#!/usr/bin/env bash
# npm run start:distributed [-- COPIES]: Sightline as production runs it, each app in its own
# process against Kafka, Elasticsearch and InfluxDB (started through infra/ when not running).
# COPIES (default 1) of ingest, the processor and the chatbot; one admin app. Logs go to
# .run/logs/<app>-<n>.log; Ctrl-C stops the apps (the servers keep running: npm run infra:down).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export TURBO_TELEMETRY_DISABLED=1 NEXT_TELEMETRY_DISABLED=1 SIGHTLINE_MODE=distributed

copies="${1:-${SIGHTLINE_COPIES:-1}}"
[[ "$copies" =~ ^[1-9][0-9]?$ ]] || { echo "copies must be a number from 1 to 99 (got $copies)" >&2; exit 2; }

bash scripts/ensure-deps.sh
echo "==> Building"
npx turbo run build --filter=@sightline/web... --filter=@sightline/ingest... \
  --filter=@sightline/processor... --filter=@sightline/chatbot... --output-logs=errors-only
echo "==> Kafka, Elasticsearch and InfluxDB"
bash infra/up.sh

mkdir -p .run/logs
pids=()
stop() {
  trap - INT TERM EXIT
  echo "==> Stopping the apps"
  kill "${pids[@]}" 2>/dev/null || true
  wait "${pids[@]}" 2>/dev/null || true
}
trap stop EXIT
trap 'stop; exit 0' INT TERM

# start NAME N PORT_VARIABLE PORT ENTRY: one copy of an app, on its own port.
start() {
  local name=$1 n=$2 variable=$3 port=$4 entry=$5
  env "$variable=$port" node "$entry" >".run/logs/$name-$n.log" 2>&1 &
  pids+=("$!")
  ready+=("$name-$n http://127.0.0.1:$port")
}
ready=()
web_port="${WEB_PORT:-3000}"
ingest_port="${INGEST_PORT:-3001}"
start web 1 WEB_PORT "$web_port" apps/web/dist/server/main.js
for ((n = 1; n <= copies; n++)); do
  offset=$(((n - 1) * 10))
  start ingest "$n" INGEST_PORT $((ingest_port + offset)) apps/ingest/dist/main.js
  start processor "$n" PROCESSOR_PORT $((${PROCESSOR_PORT:-3002} + offset)) apps/processor/dist/main.js
  start chatbot "$n" CHATBOT_PORT $((${CHATBOT_PORT:-3003} + offset)) apps/chatbot/dist/main.js
done

echo "==> Waiting for every app to be ready"
for entry in "${ready[@]}"; do
  name=${entry%% *} url=${entry#* }
  for ((waited = 0; ; waited++)); do
    if curl -fs "$url/readyz" >/dev/null 2>&1; then break; fi
    if ((waited >= 120)); then
      echo "$name is not ready after 120 s; its log: .run/logs/$name.log" >&2
      tail -n 20 ".run/logs/$name.log" >&2
      exit 1
    fi
    sleep 1
  done
done

cat <<INFO

  Sightline is running, distributed ($copies of ingest, processor and chatbot)
    admin app  http://localhost:$web_port
    ingest     http://localhost:$ingest_port$( ((copies > 1)) && echo " (and every 10 ports up; put a load balancer in front: infra/nginx)")
    logs       .run/logs/

INFO
wait -n "${pids[@]}" || true
echo "an app stopped; its log is under .run/logs/" >&2
exit 1
