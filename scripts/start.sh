#!/usr/bin/env bash
# The one run command (npm start): installs what is missing, builds, and starts Sightline in one
# process with the embedded bus and store. Nothing else to install.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export TURBO_TELEMETRY_DISABLED=1 NEXT_TELEMETRY_DISABLED=1

bash scripts/ensure-deps.sh
echo "==> Building"
npx turbo run build --filter=@sightline/standalone... --output-logs=errors-only
exec node apps/standalone/dist/main.js
