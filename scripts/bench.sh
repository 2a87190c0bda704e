#!/usr/bin/env bash
# npm run bench [-- first-start|ingest|producer|host-page|tracker-size|pipeline|pipeline-embedded|popup|popup-embedded|alerts|dashboard|queries|store-growth|store-growth-steady|store-appends|assistant-precision ...]: runs the benchmarks
# (all by default) and records each result in docs/benchmarks.md. Starts Kafka (and, for the
# pipeline, pop-up, dashboard and query benchmarks, Elasticsearch and InfluxDB) through infra/ if
# needed. The dashboard and query benchmarks measure both ways to run (BENCH_MODES).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export TURBO_TELEMETRY_DISABLED=1 NEXT_TELEMETRY_DISABLED=1

benches=("$@")
[[ ${#benches[@]} -gt 0 ]] || benches=(tracker-size producer ingest host-page pipeline pipeline-embedded popup popup-embedded alerts dashboard queries store-growth assistant-precision)

bash scripts/ensure-deps.sh
npx turbo run build --output-logs=errors-only
needs_stores=0
needs_kafka=0
for bench in "${benches[@]}"; do
  case "$bench" in
    pipeline | popup | dashboard | queries) needs_stores=1 ;;
    # Nothing running beside a first start: it measures a new user's machine.
    first-start) ;;
    *) needs_kafka=1 ;;
  esac
done
wanted=()
[[ $needs_kafka -eq 1 ]] && wanted=(kafka)
[[ $needs_stores -eq 1 ]] && wanted=(kafka elasticsearch influxdb)
# The services this run starts are stopped when it ends; those already running are left running.
started=()
for svc in "${wanted[@]+"${wanted[@]}"}"; do bash infra/status.sh "$svc" >/dev/null 2>&1 || started+=("$svc"); done
stop_started() { [[ ${#started[@]} -eq 0 ]] || bash infra/down.sh "${started[@]}"; }
trap stop_started EXIT
[[ ${#wanted[@]} -eq 0 ]] || bash infra/up.sh "${wanted[@]}"
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
    pipeline-embedded) BENCH_MODE=embedded run pipeline-throughput ;;
    popup) run popup-latency ;;
    popup-embedded) BENCH_MODE=embedded run popup-latency ;;
    alerts) NODE_OPTIONS=--expose-gc run alert-evaluation ;;
    dashboard) run dashboard-latency ;;
    queries) run query-latency ;;
    store-growth) run store-growth ;;
    store-growth-steady) BENCH_LEDGER=as-arrived run store-growth ;;
    store-appends) run store-appends ;;
    assistant-precision) run assistant-precision ;;
    first-start) run first-start ;;
    *) echo "unknown benchmark: $bench (first-start, ingest, producer, host-page, tracker-size, pipeline, pipeline-embedded, popup, popup-embedded, alerts, dashboard, queries, store-growth, store-growth-steady, store-appends, assistant-precision)" >&2; exit 2 ;;
  esac
done
