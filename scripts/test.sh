#!/usr/bin/env bash
# The one test command (npm test): installs what is missing, starts real Kafka, Elasticsearch and
# InfluxDB through infra/, runs lint, typecheck, build and every test suite, then stops the
# services it started. Exits non-zero on any failure.
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.." || exit 1
export TURBO_TELEMETRY_DISABLED=1 NEXT_TELEMETRY_DISABLED=1
started=$SECONDS
status=0
step() { printf '\n==> %s\n' "$*"; }
fail() {
  printf '\n✗ %s\n' "$*" >&2
  status=1
}

bash scripts/ensure-deps.sh || exit 1

# Services already running before the tests (a developer's session) are left running.
if bash infra/status.sh >/dev/null 2>&1; then
  keep_services=1
else
  keep_services=0
fi
# shellcheck disable=SC2317 # called by the EXIT trap
stop_services() {
  if [[ $keep_services -eq 0 ]]; then
    step "Stopping services"
    bash infra/down.sh
  fi
}
trap stop_services EXIT

# Services start in the background while the static checks run: they need no servers.
step "Starting Kafka, Elasticsearch and InfluxDB (infra/up.sh) in the background"
mkdir -p .run/logs
# They share the cores with the build, so they get longer than usual to become ready.
SIGHTLINE_SERVICE_TIMEOUT="${SIGHTLINE_SERVICE_TIMEOUT:-600}" bash infra/up.sh >.run/logs/up.out 2>&1 &
up_pid=$!
bash infra/install-chromium.sh >.run/logs/chromium.out 2>&1 &
chromium_pid=$!

step "Lint, typecheck and build (turbo)"
npx turbo run lint typecheck build //#lint:root //#typecheck:root --output-logs=errors-only ||
  fail "lint, typecheck or build failed"
step "Formatting (prettier --check)"
npx prettier --check . --log-level warn || fail "files need formatting: npm run format"

step "Waiting for the services"
if ! wait "$up_pid"; then
  cat .run/logs/up.out >&2
  fail "services did not start"
  exit 1
fi
cat .run/logs/up.out

step "Unit and integration tests (vitest)"
npx vitest run || fail "vitest suites failed"

step "Browser tests in Chromium (playwright)"
if wait "$chromium_pid"; then
  npx playwright test || fail "browser tests failed"
else
  cat .run/logs/chromium.out >&2
  fail "Chromium could not be installed (infra/install-chromium.sh)"
fi

printf '\n==> Finished in %ss: %s\n' "$((SECONDS - started))" "$([[ $status -eq 0 ]] && echo 'all passed' || echo 'FAILED')"
exit "$status"
