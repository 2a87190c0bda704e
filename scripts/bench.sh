#!/usr/bin/env bash
# npm run bench [-- ingest|producer|host-page|tracker-size|pipeline|popup|alerts ...]: runs the benchmarks
# (all by default) and records each result in docs/benchmarks.md. Starts Kafka (and, for the
# pipeline and the pop-up latency, Elasticsearch and InfluxDB) through infra/ if needed.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export TURBO_TELEMETRY_DISABLED=1 NEXT_TELEMETRY_DISABLED=1

benches=("$@")
[[ ${#benches[@]} -gt 0 ]] || benches=(tracker-size producer ingest host-page pipeline popup alerts)

bash scripts/ensure-deps.sh
npx turbo run build --output-logs=errors-only
if [[ " ${benches[*]} " == *" pipeline "* || " ${benches[*]} " == *" popup "* ]]; then bash infra/up.sh; else bash infra/up.sh kafka; fi
bash infra/install-chromium.sh >/dev/null

run() { (cd bench && npx tsx --conditions=sightline-source "src/$1.ts"); }
for bench in "${benches[@]}"; do
  echo "==> bench: $bench"
  case "$bench" in
    tracker-size) run tracker-size ;;
    producer) run kafka-producer-ceiling ;;
    ingest) run ingest-throughput ;;
    host-page) run host-page-cost ;;
    pipeline) run pipeline-throughput ;;
    popup) run popup-latency ;;
    alerts) NODE_OPTIONS=--expose-gc run alert-evaluation ;;
    *) echo "unknown benchmark: $bench (ingest, producer, host-page, tracker-size, pipeline, popup, alerts)" >&2; exit 2 ;;
  esac
done
