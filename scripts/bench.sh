#!/usr/bin/env bash
# npm run bench [-- ingest|producer|host-page|tracker-size ...]: runs the benchmarks (all by
# default) and records each result in docs/benchmarks.md. Starts Kafka through infra/ if needed.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export TURBO_TELEMETRY_DISABLED=1 NEXT_TELEMETRY_DISABLED=1

benches=("$@")
[[ ${#benches[@]} -gt 0 ]] || benches=(tracker-size producer ingest host-page)

bash scripts/ensure-deps.sh
npx turbo run build --output-logs=errors-only
bash infra/up.sh kafka
bash infra/install-chromium.sh >/dev/null

run() { (cd bench && npx tsx --conditions=sightline-source "src/$1.ts"); }
for bench in "${benches[@]}"; do
  echo "==> bench: $bench"
  case "$bench" in
    tracker-size) run tracker-size ;;
    producer) run kafka-producer-ceiling ;;
    ingest) run ingest-throughput ;;
    host-page) run host-page-cost ;;
    *) echo "unknown benchmark: $bench (ingest, producer, host-page, tracker-size)" >&2; exit 2 ;;
  esac
done
