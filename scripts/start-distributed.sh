#!/usr/bin/env bash
# npm run start:distributed [-- COPIES]: Sightline as production runs it, each app in its own
# process against Kafka, Elasticsearch and InfluxDB (started through infra/ when not running).
# COPIES (default 1) of ingest, the processor, the chatbot and the alerter; one admin app. Logs go to
# .run/logs/<app>-<n>.log; Ctrl-C stops the apps (the servers keep running: npm run infra:down).
# If one app stops on its own, the script names it, shows how it ended and the end of its log,
# stops the others and exits 1.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export TURBO_TELEMETRY_DISABLED=1 NEXT_TELEMETRY_DISABLED=1

copies="${1:-${SIGHTLINE_COPIES:-1}}"
[[ "$copies" =~ ^[1-9][0-9]?$ ]] || { echo "copies must be a number from 1 to 99 (got $copies)" >&2; exit 2; }

bash scripts/ensure-deps.sh
echo "==> Building"
npx turbo run build --filter=@sightline/web... --filter=@sightline/ingest... \
  --filter=@sightline/processor... --filter=@sightline/chatbot... --filter=@sightline/alerter... \
  --output-logs=errors-only
echo "==> Kafka, Elasticsearch and InfluxDB"
bash infra/up.sh

# shellcheck source=scripts/lib/apps.sh
source scripts/lib/apps.sh
trap apps_stop EXIT
trap 'apps_stop; exit 0' INT TERM

web_port="${WEB_PORT:-3000}"
ingest_port="${INGEST_PORT:-3001}"
app_start web 1 WEB_PORT "$web_port" apps/web/dist/server/main.js WEB_OPS_PORT "${WEB_OPS_PORT:-3004}"
for ((n = 1; n <= copies; n++)); do
  offset=$(((n - 1) * 10))
  app_start ingest "$n" INGEST_PORT $((ingest_port + offset)) apps/ingest/dist/main.js \
    INGEST_OPS_PORT $((${INGEST_OPS_PORT:-3005} + offset))
  app_start processor "$n" PROCESSOR_PORT $((${PROCESSOR_PORT:-3002} + offset)) apps/processor/dist/main.js
  app_start chatbot "$n" CHATBOT_PORT $((${CHATBOT_PORT:-3003} + offset)) apps/chatbot/dist/main.js
  app_start alerter "$n" ALERTER_PORT $((${ALERTER_PORT:-3006} + offset)) apps/alerter/dist/main.js
done

echo "==> Waiting for every app to be ready"
apps_wait_ready 120 || exit 1

cat <<INFO

  Sightline is running, distributed ($copies of ingest, processor, chatbot and alerter)
    admin app  http://localhost:$web_port
    ingest     http://localhost:$ingest_port$( ((copies > 1)) && echo " (and every 10 ports up; put a load balancer in front: infra/nginx)")
    logs       .run/logs/
  Readiness and metrics (keep these ports private):
    admin app ${WEB_OPS_PORT:-3004}, ingest ${INGEST_OPS_PORT:-3005}, processor ${PROCESSOR_PORT:-3002},
    chatbot ${CHATBOT_PORT:-3003}, alerter ${ALERTER_PORT:-3006}

INFO
# One app stopping stops them all: say which, how, and what it last logged.
apps_watch || exit 1
